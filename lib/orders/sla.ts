// Ship-by SLA: paid orders still unfulfilled past the store's promise are cancelled with
// "not shipped in time", refunded, restocked and the shopper told — once, however many
// workers scan at the same time (cancelOrder re-checks the order under its lock).
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, stores } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record";
import { cancelOrder } from "./commands";

const SLA_ACTOR = { type: "system" as const, id: "ship-by-sla" };

export async function scanShipBySla(db: Db, now = new Date()) {
  const result = { cancelled: [] as string[], held: [] as string[] };
  for (const store of await db.select().from(stores)) {
    const deadline = new Date(now.getTime() - store.shipBySlaDays * 86_400_000);
    const late = await db
      .select({ id: orders.id, number: orders.number, riskLevel: orders.riskLevel })
      .from(orders)
      .where(
        and(
          eq(orders.storeId, store.id),
          eq(orders.status, "open"),
          eq(orders.fulfillmentStatus, "unfulfilled"),
          sql`${orders.financialStatus} in ('paid', 'authorized')`,
          isNotNull(orders.paidAt),
          lt(orders.paidAt, deadline),
        ),
      )
      .limit(500);
    for (const order of late) {
      try {
        await cancelOrder(
          db,
          {
            orderId: order.id,
            reason: "not_shipped_in_time",
            restock: true,
            refund: true,
            notifyShopper: true,
          },
          SLA_ACTOR,
          { enforceStoreMax: true },
        );
        result.cancelled.push(order.number);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Another worker cancelled it first (conflict), or it needs a person (limit, pending request).
        if (error.code !== "conflict" || !error.message.includes("already cancelled")) {
          await holdForStaff(db, store.id, order.id, error.message);
          result.held.push(order.number);
        }
      }
    }
  }
  return result;
}

async function holdForStaff(db: Db, storeId: string, orderId: string, reason: string) {
  await db.transaction(async (tx) => {
    const [already] = await tx
      .execute<{ n: number }>(
        sql`select count(*)::int as n from events where order_id = ${orderId} and type = 'order.sla_breached'`,
      )
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    if (Number(already?.n ?? 0) > 0) return;
    await recordEvent(tx, {
      storeId,
      subjectType: "order",
      subjectId: orderId,
      orderId,
      actor: SLA_ACTOR,
      type: "order.sla_breached",
      data: { reason },
    });
  });
}
