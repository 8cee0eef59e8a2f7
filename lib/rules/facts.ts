// Builds the facts a rule looks at for one request, from rows already loaded by the caller.
import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders, refunds } from "@/lib/db/schema";
import type { Facts } from "./engine";

const DAY = 86_400_000;

type FactsInput = {
  type: "cancellation" | "return";
  reason: string;
  order: {
    id: string;
    email: string;
    storeId: string;
    fulfillmentStatus: Facts["fulfillmentStatus"];
    riskLevel: Facts["riskLevel"];
    paidAt: Date | null;
    refundedAmount: number;
  };
  selectedLines: { finalSale: boolean; tags: string[] }[];
  lastDeliveredAt: Date | null;
  returnWindowEndsAt: Date | null;
  amount: number;
  maxRefundPerOrder: number;
  paymentMethod: Facts["paymentMethod"];
  customerRefunds: Record<number, number>;
  now: Date;
};

const daysSince = (at: Date | null, now: Date) =>
  at ? Math.floor((now.getTime() - at.getTime()) / DAY) : null;

export function buildFacts(i: FactsInput): Facts {
  return {
    type: i.type,
    reason: i.reason,
    fulfillmentStatus: i.order.fulfillmentStatus,
    daysSinceDelivery: daysSince(i.lastDeliveredAt, i.now),
    daysSincePayment: daysSince(i.order.paidAt, i.now),
    amount: i.amount,
    overStoreMax: i.order.refundedAmount + i.amount > i.maxRefundPerOrder,
    withinReturnWindow: i.returnWindowEndsAt !== null && i.returnWindowEndsAt > i.now,
    riskLevel: i.order.riskLevel,
    hasFinalSale: i.selectedLines.some((l) => l.finalSale),
    productTags: [...new Set(i.selectedLines.flatMap((l) => l.tags))],
    paymentMethod: i.paymentMethod,
    customerRefunds: i.customerRefunds,
  };
}

/** Refunds of a customer (by e-mail) created in each of the given look-back windows. */
export async function customerRefundCounts(
  db: DbOrTx,
  storeId: string,
  email: string,
  windows: number[],
  now: Date,
): Promise<Record<number, number>> {
  const out: Record<number, number> = {};
  for (const days of windows) {
    const since = new Date(now.getTime() - days * DAY);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .where(
        and(
          eq(orders.storeId, storeId),
          eq(orders.email, email),
          gte(refunds.createdAt, since),
          sql`${refunds.status} <> 'canceled'`,
        ),
      );
    out[days] = Number(row?.n ?? 0);
  }
  return out;
}
