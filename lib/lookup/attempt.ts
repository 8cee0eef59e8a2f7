import "server-only";
// One order lookup, rate-limited per client and per order number with counters in the database
// (shared by every app instance). Every attempt is counted before the lookup, so parallel
// guesses cannot slip past the limit; a successful one is taken back, so only wrong attempts
// add up ("the eleventh wrong attempt in a row is refused"). Both counters move in one statement
// each way: two commits per lookup, not four.
import type { DbOrTx } from "@/lib/db";
import { forgiveAll, hitAll, type RateHit, type RateLimit } from "@/lib/rate-limit/limiter";
import { findOrderByNumberAndEmail } from "./queries";

/** One client: ten wrong attempts per quarter hour. */
export const CLIENT_LIMIT: RateLimit = { limit: 10, windowMs: 15 * 60_000 };
/** One order number, across clients: bounds distributed guessing of a single order's e-mail. */
export const ORDER_LIMIT: RateLimit = { limit: 20, windowMs: 15 * 60_000 };

export type LookupOutcome =
  | { ok: true; order: { id: string; number: string } }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

export async function attemptLookup(
  db: DbOrTx,
  input: { storeId: string; client: string; number: string; email: string; now?: Date },
): Promise<LookupOutcome> {
  const now = input.now ?? new Date();
  const counters: RateHit[] = [
    { key: `lookup:client:${input.client}`, rule: CLIENT_LIMIT },
    { key: `lookup:order:${input.number.toLowerCase()}`, rule: ORDER_LIMIT },
  ];
  const refused = (await hitAll(db, counters, now)).filter((d) => !d.allowed);
  if (refused.length) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterMs: Math.max(...refused.map((d) => d.retryAfterMs)),
    };
  }
  const order = await findOrderByNumberAndEmail(db, input.storeId, input.number, input.email);
  if (!order) return { ok: false, reason: "not_found" };
  await forgiveAll(db, counters, now);
  return { ok: true, order };
}

/** The client's address as the nearest proxy reports it; "local" when there is none. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "local";
}
