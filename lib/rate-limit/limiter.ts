// Fixed-window rate limits kept in the database, so every app instance shares them.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";

export type RateLimit = { limit: number; windowMs: number };
export type RateDecision = { allowed: boolean; remaining: number; retryAfterMs: number };

/** Counts one hit on `key` and says whether it is within the limit (atomic upsert). */
export async function hit(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<RateDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const result = await db.execute<{ count: number; window_start: string }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart.toISOString()}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    returning count`);
  const rows = (result as unknown as { rows: { count: number }[] }).rows;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterMs = windowStart.getTime() + rule.windowMs - now.getTime();
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterMs };
}

/** Takes back one hit on `key` in its current window (an attempt that turned out legitimate). */
export async function forgive(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  await db.execute(sql`
    update rate_limits set count = greatest(count - 1, 0)
    where key = ${key} and window_start = ${windowStart.toISOString()}`);
}
