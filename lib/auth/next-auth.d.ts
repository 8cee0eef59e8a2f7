// Aftercare's claims on next-auth's types: one session shape for staff and shoppers.
import type { StaffRole } from "./roles";
import type { SessionKind } from "./session-policy";

declare module "next-auth" {
  interface User {
    kind?: SessionKind;
    role?: StaffRole;
  }
  interface Session {
    kind: SessionKind;
    email: string;
    role?: StaffRole;
    staffId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind?: SessionKind;
    role?: StaffRole;
    staffId?: string;
    signedInAt?: number;
    lastSeenAt?: number;
  }
}
