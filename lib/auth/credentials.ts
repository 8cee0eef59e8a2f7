// Staff sign-in with e-mail and password. Unknown e-mails take as long as wrong passwords, wrong
// passwords are limited per e-mail and per client (a successful sign-in is not counted), and every
// sign-in (and failure on a real account) is an audit event. A throttled account is not locked
// out: its owner signs in with an e-mail link (email-sign-in.ts), which these limits do not touch.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { staffUsers } from "@/lib/db/schema";
import { recordEvent } from "@/lib/events/record";
import { forgiveAll, hitAll, type RateHit, type RateLimit } from "@/lib/rate-limit/limiter";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { hashPassword, verifyPassword } from "./password";
import type { StaffRole } from "./roles";

export type SignedInStaff = { id: string; email: string; name: string | null; role: StaffRole };
export type StaffSignIn =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/** Wrong passwords for one account in a sliding quarter hour. */
export const SIGN_IN_LIMIT: RateLimit = { limit: 10, windowMs: 15 * 60_000 };
/** Wrong passwords from one client across accounts (a shared office address has many staff). */
export const SIGN_IN_CLIENT_LIMIT: RateLimit = { limit: 50, windowMs: 15 * 60_000 };

let dummyHash: Promise<string> | undefined;
// Verifying against a throw-away hash keeps "no such user" as slow as "wrong password".
async function equalizeTiming(password: string) {
  await verifyPassword(password, await (dummyHash ??= hashPassword("aftercare-timing-equalizer")));
}

export async function authenticateStaff(
  db: DbOrTx,
  input: { email: string; password: string; client?: string },
): Promise<StaffSignIn> {
  const email = input.email.trim().toLowerCase();
  const counters: RateHit[] = [{ key: `signin:email:${email}`, rule: SIGN_IN_LIMIT }];
  if (input.client) counters.push({ key: `signin:client:${input.client}`, rule: SIGN_IN_CLIENT_LIMIT });
  const refused = (await hitAll(db, counters)).filter((d) => !d.allowed);
  if (refused.length) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterMs: Math.max(...refused.map((d) => d.retryAfterMs)),
    };
  }

  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.email, email)).limit(1);
  if (!user?.passwordHash) {
    await equalizeTiming(input.password);
    return { ok: false, reason: "invalid" };
  }
  const store = await getStoreOrThrow(db);
  const audit = (type: string) =>
    recordEvent(db, {
      storeId: store.id,
      subjectType: "staff",
      subjectId: user.id,
      actor: { type: "staff", id: user.id },
      type,
      data: { email },
    });
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await audit("staff.sign_in_failed");
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    await audit("staff.sign_in_refused");
    return { ok: false, reason: "disabled" };
  }
  await forgiveAll(db, counters);
  await db.update(staffUsers).set({ lastLoginAt: new Date() }).where(eq(staffUsers.id, user.id));
  await audit("staff.signed_in");
  return { ok: true, staff: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The staff member behind a session, as the database has them now (role changes apply at once). */
export async function loadActiveStaff(db: DbOrTx, staffId: string): Promise<SignedInStaff | null> {
  const [user] = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      disabledAt: staffUsers.disabledAt,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .limit(1);
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
