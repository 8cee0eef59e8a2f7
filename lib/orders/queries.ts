import "server-only";
// Shopper reads of an order: what the order page shows, and what the shopper may still do.
import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  stores,
} from "@/lib/db/schema";
import { type Eligibility, getEligibility } from "@/lib/requests/eligibility";
import { loadOrderState } from "@/lib/requests/snapshot";

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

export type ShopperOrderView = ShopperOrder & { eligibility: Eligibility };

/** The order page's data plus eligibility, computed from the same snapshot the commands check. */
export async function getShopperOrderView(
  db: DbOrTx,
  orderId: string,
  now = new Date(),
): Promise<ShopperOrderView | null> {
  const data = await getOrderForShopper(db, orderId);
  if (!data) return null;
  const { snapshot } = await loadOrderState(db, data.order);
  return { ...data, eligibility: getEligibility(snapshot, data.store, now) };
}

/** A signed-in shopper's orders, newest first (the e-mail is the verified session's). */
export async function listOrdersForShopper(db: DbOrTx, email: string) {
  return db
    .select({
      number: orders.number,
      placedAt: orders.placedAt,
      total: orders.total,
      currency: orders.currency,
      status: orders.status,
      financialStatus: orders.financialStatus,
      fulfillmentStatus: orders.fulfillmentStatus,
    })
    .from(orders)
    .where(eq(orders.email, email.trim().toLowerCase()))
    .orderBy(desc(orders.placedAt));
}
