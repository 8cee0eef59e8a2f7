import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  stores,
} from "@/lib/db/schema";

/** What the shopper's order page shows, by order id (access is checked by the caller). */
export async function getOrderForShopper(db: DbOrTx, orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order) return null;
  const [lines, shipments, payments, store] = await Promise.all([
    db.select().from(lineItems).where(eq(lineItems.orderId, orderId)).orderBy(asc(lineItems.position)),
    db
      .select({
        id: fulfillments.id,
        status: fulfillments.status,
        carrier: fulfillments.carrier,
        trackingNumber: fulfillments.trackingNumber,
        trackingUrl: fulfillments.trackingUrl,
        shippedAt: fulfillments.shippedAt,
        deliveredAt: fulfillments.deliveredAt,
      })
      .from(fulfillments)
      .where(eq(fulfillments.orderId, orderId))
      .orderBy(asc(fulfillments.createdAt)),
    db
      .select({
        kind: paymentTransactions.kind,
        gateway: paymentTransactions.gateway,
        method: paymentTransactions.paymentMethod,
        amount: paymentTransactions.amount,
      })
      .from(paymentTransactions)
      .where(eq(paymentTransactions.orderId, orderId))
      .orderBy(asc(paymentTransactions.createdAt)),
    db.select().from(stores).where(eq(stores.id, order.storeId)).limit(1),
  ]);
  const items = shipments.length
    ? await db
        .select()
        .from(fulfillmentItems)
        .innerJoin(fulfillments, eq(fulfillments.id, fulfillmentItems.fulfillmentId))
        .where(eq(fulfillments.orderId, orderId))
    : [];
  return {
    order,
    store: store[0]!,
    lines,
    fulfillments: shipments.map((f) => ({
      ...f,
      items: items.filter((i) => i.fulfillments.id === f.id).map((i) => i.fulfillment_items),
    })),
    payment:
      payments.find((p) => p.kind === "sale" || p.kind === "capture" || p.kind === "authorization") ?? null,
  };
}

export type ShopperOrder = NonNullable<Awaited<ReturnType<typeof getOrderForShopper>>>;
