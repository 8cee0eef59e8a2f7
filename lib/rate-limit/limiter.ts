// Sliding-window rate limits kept in the database, so every app instance shares them. Each key
// keeps this window's count and the previous window's; the previous one weighs by how much of it
// still lies within one window of now (the two-window approximation). A fixed window would let a
// client spend the limit twice across a boundary; this one cannot.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";

export type RateLimit = {
  limit: number;
  windowMs: number;
  /**
   * "refuse" (default): an attempt over the limit is refused and not counted. "slow": every
   * attempt counts and none is refused; the caller slows its answers down over the limit.
   */
  over?: "refuse" | "slow";
};
export type RateDecision = {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
  /** Attempts within the sliding window, this one included (weighted, so not always whole). */
  count: number;
};
/** One counter to bump: keys within one call must differ. */
export type RateHit = { key: string; rule: RateLimit };

/** No limit counts over a longer window; older rows are purged (lib/auth/purge-job.ts). */
export const LONGEST_WINDOW_MS = 60 * 60_000;

type Counter = { windowStart: number; prevCount: number; count: number };

const windowStartOf = (rule: RateLimit, now: Date) =>
  Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;

/** Counts one hit on `key` and says whether it is within the limit (atomic upsert). */
export async function hit(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<RateDecision> {
  const [decision] = await hitAll(db, [{ key, rule }], now);
  return decision!;
}

/**
 * Counts one attempt on each key in one statement and says for each, in the order given, whether
 * it is within its limit. An attempt that one of its "refuse" limits refuses did not happen: all
 * of its hits are taken back. Rows are locked in key order, so two callers cannot deadlock.
 */
export async function hitAll(db: DbOrTx, hits: RateHit[], now = new Date()): Promise<RateDecision[]> {
  const rows = sortedByKey(hits).map(
    (h) => sql`(${h.key}, ${new Date(windowStartOf(h.rule, now)).toISOString()}, ${h.rule.windowMs}, 1, 0)`,
  );
  const result = await db.execute(sql`
    insert into rate_limits (key, window_start, window_ms, count, prev_count) values ${sql.join(rows, sql`, `)}
    on conflict (key) do update set
      prev_count = case
        when rate_limits.window_start = excluded.window_start then rate_limits.prev_count
        when rate_limits.window_start = excluded.window_start - excluded.window_ms * interval '1 millisecond'
          then rate_limits.count
        else 0 end,
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start,
      window_ms = excluded.window_ms
    returning key, window_start, prev_count, count`);
  const counters = new Map(
    (
      result as unknown as {
        rows: { key: string; window_start: string | Date; prev_count: number; count: number }[];
      }
    ).rows.map((r) => [
      r.key,
      {
        windowStart: new Date(r.window_start).getTime(),
        prevCount: Number(r.prev_count),
        count: Number(r.count),
      },
    ]),
  );
  const decisions = hits.map(({ key, rule }) => decide(counters.get(key)!, rule, now));
  if (decisions.some((d, i) => !d.allowed && hits[i]!.rule.over !== "slow")) await forgiveAll(db, hits, now);
  return decisions;
}

function decide(counter: Counter, rule: RateLimit, now: Date): RateDecision {
  const count = weightedCount(counter, rule, now.getTime());
  const allowed = rule.over === "slow" || count <= rule.limit;
  // A refused hit is taken back, so the wait is for the counter as it was before it.
  const kept = allowed ? counter : { ...counter, count: counter.count - 1 };
  return {
    allowed,
    remaining: Math.max(0, Math.floor(rule.limit - count)),
    retryAfterMs: allowed ? 0 : msUntilRoom(kept, rule, now.getTime()),
    count,
  };
}

function weightedCount(counter: Counter, rule: RateLimit, at: number): number {
  const elapsed = (at - counter.windowStart) / rule.windowMs;
  return counter.prevCount * Math.max(0, 1 - elapsed) + counter.count;
}

/** How long until one more attempt fits under the limit, if nobody tries in between. */
function msUntilRoom(counter: Counter, rule: RateLimit, now: number): number {
  const { limit, windowMs } = rule;
  let at: number;
  if (counter.count + 1 <= limit) {
    // Room this window once enough of the previous window's weight has slid out.
    at = counter.windowStart + windowMs * (1 - (limit - counter.count - 1) / counter.prevCount);
  } else {
    // This window is full: room comes once its own count weighs little enough in the next.
    at = counter.windowStart + windowMs + windowMs * (1 - (limit - 1) / counter.count);
  }
  return Math.max(1, Math.ceil(at - now));
}

/** Takes back one hit on `key` (an attempt that turned out legitimate). */
export async function forgive(db: DbOrTx, key: string, rule: RateLimit, now = new Date()): Promise<void> {
  await forgiveAll(db, [{ key, rule }], now);
}

/**
 * Takes back one hit on each key, in one statement: from the window it was counted in, which by
 * now may have become the previous one.
 */
export async function forgiveAll(db: DbOrTx, hits: RateHit[], now = new Date()): Promise<void> {
  const rows = sortedByKey(hits).map((h) => {
    const counted = windowStartOf(h.rule, now);
    const iso = (ms: number) => new Date(ms).toISOString();
    return sql`(${h.key}, ${iso(counted)}::timestamptz, ${iso(counted + h.rule.windowMs)}::timestamptz)`;
  });
  await db.execute(sql`
    update rate_limits r set
      count = case when r.window_start = f.counted then greatest(r.count - 1, 0) else r.count end,
      prev_count = case when r.window_start = f.next then greatest(r.prev_count - 1, 0) else r.prev_count end
    from (values ${sql.join(rows, sql`, `)}) as f(key, counted, next)
    where r.key = f.key and r.window_start in (f.counted, f.next)`);
}

/** Drops counters no window needs any more: a row counts for two of its windows at most. */
export async function purgeRateLimits(db: DbOrTx, now = new Date()): Promise<number> {
  const result = await db.execute(sql`
    delete from rate_limits
    where window_start < ${now.toISOString()}::timestamptz - 2 * window_ms * interval '1 millisecond'
    returning key`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

const sortedByKey = (hits: RateHit[]) =>
  [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
