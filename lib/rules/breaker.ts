// Circuit breaker on automatic refunds: if the rules refund too much too fast, automation
// pauses itself, the request goes to a person, and staff are alerted. Owners resume it.
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders, refunds, staffUsers, stores } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/commands";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";

export type BreakerState = { paused: boolean; reason: string | null };

/**
 * Called with the store row locked, before an automatic refund of `amount`. Trips the breaker
 * (and returns paused) when this refund would pass the window's count or amount threshold.
 */
export async function checkBreaker(
  tx: DbOrTx,
  store: typeof stores.$inferSelect,
  amount: number,
  now: Date,
): Promise<BreakerState> {
  if (store.automationPausedAt) return { paused: true, reason: store.automationPausedReason };
  const since = new Date(now.getTime() - store.circuitBreaker.windowMinutes * 60_000);
  const [row] = await tx
    .select({
      n: sql<number>`count(*)::int`,
      total: sql<string>`coalesce(sum(${refunds.amount}), 0)::bigint`,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        eq(orders.storeId, store.id),
        inArray(refunds.createdByType, ["rule", "system"]),
        gte(refunds.createdAt, since),
        sql`${refunds.status} <> 'canceled'`,
      ),
    );
  const count = Number(row?.n ?? 0) + 1;
  const total = Number(row?.total ?? 0) + amount;
  const { maxCount, maxAmount, windowMinutes } = store.circuitBreaker;
  if (count <= maxCount && total <= maxAmount) return { paused: false, reason: null };
  const reason =
    count > maxCount
      ? `More than ${maxCount} automatic refunds within ${windowMinutes} minutes`
      : `Automatic refunds above ${maxAmount} (minor units) within ${windowMinutes} minutes`;
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
  const owners = await tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "owner"), isNull(staffUsers.disabledAt)));
  for (const owner of owners) {
    await queueNotification(tx, { to: owner.email, template: "automation_paused", params: { reason } });
  }
  return { paused: true, reason };
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
