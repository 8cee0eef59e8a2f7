// Fixed-window rate limits kept in the database, so every app instance shares them.
import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

export type RateLimit = { limit: number; windowMs: number };

/** No limit counts over a longer window; older rows are purged (lib/auth/purge-job.ts). */
export const LONGEST_WINDOW_MS = 60 * 60_000;
export type RateDecision = { allowed: boolean; remaining: number; retryAfterMs: number };
/** One counter to bump: keys within one call must differ. */
export type RateHit = { key: string; rule: RateLimit };

const windowStartOf = (rule: RateLimit, now: Date) =>
  new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);

/** Counts one hit on `key` and says whether it is within the limit (atomic upsert). */
export async function hit(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<RateDecision> {
  const [decision] = await hitAll(db, [{ key, rule }], now);
  return decision!;
}

/**
 * Counts one hit on each key in one statement (one commit, not one per key) and says for each,
 * in the order given, whether it is within its limit. Rows are locked in key order, so two
 * callers bumping the same keys cannot deadlock.
 */
export async function hitAll(db: DbOrTx, hits: RateHit[], now = new Date()): Promise<RateDecision[]> {
  const rows = [...hits]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((h) => sql`(${h.key}, ${windowStartOf(h.rule, now).toISOString()}, 1)`);
  const result = await db.execute<{ key: string; count: number }>(sql`
    insert into rate_limits (key, window_start, count) values ${sql.join(rows, sql`, `)}
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    returning key, count`);
  const counted = (result as unknown as { rows: { key: string; count: number }[] }).rows;
  return hits.map(({ key, rule }) => {
    const count = Number(counted.find((r) => r.key === key)?.count ?? 1);
    const retryAfterMs = windowStartOf(rule, now).getTime() + rule.windowMs - now.getTime();
    return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterMs };
  });
}

/** Takes back one hit on `key` in its current window (an attempt that turned out legitimate). */
export async function forgive(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<void> {
  await forgiveAll(db, [{ key, rule }], now);
}

/** Takes back one hit on each key in its current window, in one statement. */
export async function forgiveAll(db: DbOrTx, hits: RateHit[], now = new Date()): Promise<void> {
  const matches = hits.map(
    (h) => sql`(key = ${h.key} and window_start = ${windowStartOf(h.rule, now).toISOString()})`,
  );
  await db.execute(sql`
    update rate_limits set count = greatest(count - 1, 0)
    where ${sql.join(matches, sql` or `)}`);
}

/** Drops counters whose window ended: every window is at most LONGEST_WINDOW_MS long. */
export async function purgeRateLimits(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - LONGEST_WINDOW_MS);
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, cutoff))
    .returning({ key: rateLimits.key });
  return gone.length;
}
