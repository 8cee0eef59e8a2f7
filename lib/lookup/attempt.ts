import "server-only";
// One order lookup, limited per client and slowed down per order number, with counters in the
// database (shared by every app instance). Every attempt is counted before the lookup, so parallel
// guesses cannot slip past the limit; a successful one is taken back, so only wrong answers add
// up. The order number's counter never refuses: guessing at an order must not lock out the
// shopper it belongs to, so past its limit wrong answers only come more slowly.
import type { DbOrTx } from "@/lib/db";
import { forgiveAll, hitAll, type RateHit, type RateLimit } from "@/lib/rate-limit/limiter";
import { findOrderByNumberAndEmail } from "./queries";

/** One client: ten wrong answers in a sliding quarter hour, then refused. */
export const CLIENT_LIMIT: RateLimit = { limit: 10, windowMs: 15 * 60_000 };
/** One order number, across clients: past twenty wrong answers an hour, each is answered later. */
export const ORDER_LIMIT: RateLimit = { limit: 20, windowMs: 60 * 60_000, over: "slow" };
/** The slow-down grows by this much per wrong answer over ORDER_LIMIT, up to MAX_SLOW_DOWN_MS. */
export const SLOW_DOWN_STEP_MS = 100;
export const MAX_SLOW_DOWN_MS = 2_000;

export type LookupOutcome =
  | { ok: true; order: { id: string; number: string } }
  | { ok: false; reason: "not_found"; delayedMs: number }
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
  const [client, order] = await hitAll(db, counters, now);
  if (!client!.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: client!.retryAfterMs };
  const found = await findOrderByNumberAndEmail(db, input.storeId, input.number, input.email);
  if (found) {
    await forgiveAll(db, counters, now);
    return { ok: true, order: found };
  }
  const delayedMs = slowDownFor(order!.count);
  if (delayedMs) await new Promise((resolve) => setTimeout(resolve, delayedMs));
  return { ok: false, reason: "not_found", delayedMs };
}

/** How much later a wrong answer comes, given the order number's wrong answers this hour. */
export function slowDownFor(count: number): number {
  const over = Math.ceil(count - ORDER_LIMIT.limit);
  return over > 0 ? Math.min(MAX_SLOW_DOWN_MS, over * SLOW_DOWN_STEP_MS) : 0;
}
