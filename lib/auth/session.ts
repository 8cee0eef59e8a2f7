// Who is asking, for server components, server actions and route handlers. The session
// cookie says who signed in (and is refused once idle or expired); the database says what
// they may do now, so disabling a staff member or changing a role applies on the next request.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { Result } from "@/lib/errors";
import { sessionCookieName } from "./cookies";
import { FORBIDDEN_PATH, PATH_HEADER, SIGN_IN_PATH } from "./paths";
import { hasRole, type StaffRole } from "./roles";
import type { SessionClaims } from "./session-policy";
import { checkRole, readSessionToken, type StaffSession, staffForClaims } from "./session-token";

export type { StaffSession } from "./session-token";

/** The verified, active session of this request (staff or shopper), once per render. */
export const auth = cache(async (): Promise<SessionClaims | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return readSessionToken(token, env().authSecret);
});

export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const claims = await auth();
  if (claims?.kind !== "staff") return null;
  return staffForClaims(await getDb(), claims);
});

/** For pages: the signed-in staff member with at least `minRole`, or a redirect. */
export async function requireStaff(minRole: StaffRole): Promise<StaffSession> {
  const staff = await getStaffSession();
  if (!staff) {
    const from = (await headers()).get(PATH_HEADER);
    redirect(from ? `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(from)}` : SIGN_IN_PATH);
  }
  if (!hasRole(staff.role, minRole)) redirect(`${FORBIDDEN_PATH}?need=${minRole}`);
  return staff;
}

/** For server actions and route handlers: the staff member, or a refusal to return as is. */
export async function authorizeStaff(minRole: StaffRole): Promise<Result<StaffSession>> {
  return checkRole(await getStaffSession(), minRole);
}

/** The e-mail of the signed-in shopper (e-mail link sign-in), or null. */
export async function getShopperEmail(): Promise<string | null> {
  const claims = await auth();
  return claims?.kind === "shopper" ? claims.email.toLowerCase() : null;
}
