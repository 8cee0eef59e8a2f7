// When a session ends (pure, so the rules have their own tests). Staff sessions end after
// 30 minutes without a request (idle) and 12 hours after sign-in whatever happens (absolute);
// shopper sessions are longer because they can only read their own orders.
import type { StaffRole } from "./roles";

export type SessionKind = "staff" | "shopper";

/** The claims Aftercare keeps in the session JWT (seconds since the epoch for times). */
export type SessionClaims = {
  kind: SessionKind;
  email: string;
  staffId?: string;
  role?: StaffRole;
  signedInAt: number;
  lastSeenAt: number;
};

export const SESSION_POLICY: Record<SessionKind, { idleSeconds: number; absoluteSeconds: number }> = {
  staff: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 },
  shopper: { idleSeconds: 7 * 24 * 60 * 60, absoluteSeconds: 30 * 24 * 60 * 60 },
};

/** The longest any session may live; the cookie's own lifetime. */
export const MAX_SESSION_SECONDS = Math.max(...Object.values(SESSION_POLICY).map((p) => p.absoluteSeconds));

/** Refresh the idle clock at most this often, so not every request rewrites the cookie. */
export const TOUCH_INTERVAL_SECONDS = 60;

export type SessionState = "active" | "idle" | "expired" | "invalid";

export function sessionState(claims: Partial<SessionClaims> | null | undefined, now: number): SessionState {
  if (!claims || (claims.kind !== "staff" && claims.kind !== "shopper")) return "invalid";
  if (typeof claims.signedInAt !== "number" || typeof claims.lastSeenAt !== "number" || !claims.email) {
    return "invalid";
  }
  if (claims.kind === "staff" && (!claims.staffId || !claims.role)) return "invalid";
  const policy = SESSION_POLICY[claims.kind];
  if (now - claims.signedInAt >= policy.absoluteSeconds) return "expired";
  if (now - claims.lastSeenAt >= policy.idleSeconds) return "idle";
  return "active";
}

/** Whether a request at `now` should write a fresh `lastSeenAt` into the cookie. */
export const shouldTouch = (claims: SessionClaims, now: number) =>
  now - claims.lastSeenAt >= TOUCH_INTERVAL_SECONDS;

export const nowSeconds = (at: Date = new Date()) => Math.floor(at.getTime() / 1000);
