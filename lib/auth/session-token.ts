// Reading a session cookie and deciding what its holder may do: the pieces of lib/auth/session.ts
// that need no request, so tests drive them with real tokens and a real database.
import { decode } from "next-auth/jwt";
import type { DbOrTx } from "@/lib/db";
import type { Result } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import { loadActiveStaff, type SignedInStaff } from "./credentials";
import { hasRole, type StaffRole } from "./roles";
import { nowSeconds, type SessionClaims, sessionState } from "./session-policy";

export type StaffSession = SignedInStaff & { actor: Actor };

/** The claims of a session cookie that is genuine and still active (not idle, not expired), or null. */
export async function readSessionToken(
  token: string | undefined,
  secret: string,
  now: number = nowSeconds(),
): Promise<SessionClaims | null> {
  if (!token) return null;
  const claims = (await decode({ token, secret }).catch(() => null)) as Partial<SessionClaims> | null;
  return sessionState(claims, now) === "active" ? (claims as SessionClaims) : null;
}

/** The staff member behind active claims, as the database has them now; null if disabled or gone. */
export async function staffForClaims(db: DbOrTx, claims: SessionClaims | null): Promise<StaffSession | null> {
  if (claims?.kind !== "staff" || !claims.staffId) return null;
  const staff = await loadActiveStaff(db, claims.staffId);
  return staff ? { ...staff, actor: { type: "staff", id: staff.id } } : null;
}

/** The role guard: who may act where `minRole` is required, as a value to hand back to the caller. */
export function checkRole(staff: StaffSession | null, minRole: StaffRole): Result<StaffSession> {
  if (!staff) return { ok: false, code: "unauthorized", message: "Your session has ended. Sign in again." };
  if (!hasRole(staff.role, minRole)) {
    return {
      ok: false,
      code: "forbidden",
      message: `This needs the ${minRole} role; you are signed in as ${staff.role}.`,
    };
  }
  return { ok: true, data: staff };
}
