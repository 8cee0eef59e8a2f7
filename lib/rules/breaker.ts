// Circuit breaker on automatic refunds: if the rules refund too much too fast, automation
// pauses itself, the request goes to a person, and staff are alerted. Owners resume it.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { breakerMinutes, stores } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";
import { ownerEmails } from "@/lib/staff/owners";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";

export type BreakerState = { paused: boolean; reason: string | null };

type StoreRow = typeof stores.$inferSelect;

/**
 * Thrown by `confirmBreaker` when an automatic approval that has already written its refund must
 * not stand: the caller rolls its transaction back and runs it again through `checkBreaker`.
 */
export class BreakerWouldTrip extends Error {
  constructor(readonly storeId: string) {
    super(`automatic refunds of store ${storeId} are paused or at their limit`);
  }
}

/**
 * Locks the store row against every other breaker check until the transaction ends. NO KEY UPDATE,
 * not UPDATE: inserting rows that reference the store (its FK check takes KEY SHARE) stays free.
 */
export async function lockStoreForBreaker(tx: DbOrTx, storeId: string): Promise<StoreRow> {
  const [store] = await tx.select().from(stores).where(eq(stores.id, storeId)).for("no key update");
  if (!store) throw new Error(`store ${storeId} does not exist`);
  return store;
}

/**
 * Called with the store row locked, before an automatic refund of `amount`. Trips the breaker
 * (and returns paused) when this refund would pass the window's count or amount threshold.
 */
export async function checkBreaker(
  tx: DbOrTx,
  store: StoreRow,
  amount: number,
  now: Date,
): Promise<BreakerState> {
  if (store.automationPausedAt) return { paused: true, reason: store.automationPausedReason };
  const { count, total } = await windowWith(tx, store, amount, now);
  const reason = overLimit(store, count, total);
  if (!reason) return { paused: false, reason: null };
  await tx
    .update(stores)
    .set({ automationPausedAt: now, automationPausedReason: reason })
    .where(eq(stores.id, store.id));
  await recordEvent(tx, {
    storeId: store.id,
    subjectType: "store",
    subjectId: store.id,
    actor: { type: "system", id: "circuit-breaker" },
    type: "automation.paused",
    data: { reason, count, total },
  });
  for (const to of await ownerEmails(tx)) {
    await queueNotification(tx, { to, template: "automation_paused", params: { reason } });
  }
  return { paused: true, reason };
}

/**
 * The breaker as the last step of an automatic approval whose writes are done: locks the store
 * row (so only this tail is serial), then counts the window like `checkBreaker`, with the refund
 * this approval wrote counted once, as `amount` (the counters get it at this commit). Every
 * automatic approval commits — counters included — while holding this lock, so each sees all that
 * committed before it: the threshold is never passed. Writes nothing; throws `BreakerWouldTrip`
 * when automation is paused or this refund would pass a threshold, for the caller to retry through
 * `checkBreaker`.
 */
export async function confirmBreaker(tx: DbOrTx, storeId: string, amount: number, now: Date): Promise<void> {
  const store = await lockStoreForBreaker(tx, storeId);
  if (store.automationPausedAt) throw new BreakerWouldTrip(storeId);
  const { count, total } = await windowWith(tx, store, amount, now);
  if (overLimit(store, count, total)) throw new BreakerWouldTrip(storeId);
}

/**
 * The window's automatic refunds plus one of `amount`, from the per-minute counters
 * (`breaker_minutes`). The counters hold what has committed: this transaction's own refund is
 * counted once, as `amount`. The window starts at the minute `since` falls in, so it may count up to
 * a minute more than the window — never less.
 */
async function windowWith(tx: DbOrTx, store: StoreRow, amount: number, now: Date) {
  const since = now.getTime() - store.circuitBreaker.windowMinutes * 60_000;
  const [row] = await tx
    .select({
      n: sql<number>`coalesce(sum(${breakerMinutes.count}), 0)::int`,
      total: sql<string>`coalesce(sum(${breakerMinutes.amount}), 0)::bigint`,
    })
    .from(breakerMinutes)
    .where(
      and(
        eq(breakerMinutes.storeId, store.id),
        gte(breakerMinutes.minute, new Date(Math.floor(since / 60_000) * 60_000)),
      ),
    );
  return { count: Number(row?.n ?? 0) + 1, total: Number(row?.total ?? 0) + amount };
}

/** Drops the counters of minutes that have left every window of their store (plus an hour). */
export async function purgeBreakerMinutes(db: DbOrTx, now = new Date()): Promise<number> {
  const gone = await db
    .delete(breakerMinutes)
    .where(
      lt(
        breakerMinutes.minute,
        sql`${now.toISOString()}::timestamptz - make_interval(mins => (
          select (${stores.circuitBreaker} ->> 'windowMinutes')::int + 60 from ${stores}
          where ${stores.id} = ${breakerMinutes.storeId}))`,
      ),
    )
    .returning({ minute: breakerMinutes.minute });
  return gone.length;
}

/** Why `count` refunds totalling `total` pass the store's thresholds, or null when they do not. */
function overLimit(store: StoreRow, count: number, total: number): string | null {
  const { maxCount, maxAmount, windowMinutes } = store.circuitBreaker;
  if (count > maxCount) return `More than ${maxCount} automatic refunds within ${windowMinutes} minutes`;
  if (total > maxAmount)
    return `Automatic refunds above ${maxAmount} (minor units) within ${windowMinutes} minutes`;
  return null;
}

export async function resumeAutomation(db: DbOrTx, storeId: string, actor: Actor) {
  await db.transaction(async (tx) => {
    const [store] = await tx.select().from(stores).where(eq(stores.id, storeId)).for("update");
    if (!store) throw new DomainError("not_found", "No such store.");
    if (!store.automationPausedAt) throw new DomainError("conflict", "Automation is already running.");
    await tx
      .update(stores)
      .set({ automationPausedAt: null, automationPausedReason: null })
      .where(eq(stores.id, storeId));
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "automation.resumed",
      data: {},
    });
  });
}

export async function pauseAutomation(db: DbOrTx, storeId: string, reason: string, actor: Actor) {
  await db.transaction(async (tx) => {
    await tx
      .update(stores)
      .set({ automationPausedAt: new Date(), automationPausedReason: reason })
      .where(eq(stores.id, storeId));
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "automation.paused",
      data: { reason },
    });
  });
}
