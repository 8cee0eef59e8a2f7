import "server-only";
// Shopper reads of an order: what the order page shows, and what the shopper may still do.
// Each table is read once per request and the reads run side by side; the order row itself comes
// from the access check (getGrantedOrder), so a page never reads it twice.
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { preparedFor } from "@/lib/db/prepared";
import {
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  requestItems,
  requests,
  stores,
} from "@/lib/db/schema";
import { type Eligibility, getEligibility, type OrderSnapshot } from "@/lib/requests/eligibility";

export type OrderRow = typeof orders.$inferSelect;
type RequestRow = typeof requests.$inferSelect;
type RequestItemRow = typeof requestItems.$inferSelect;

const orderIdParam = sql.placeholder("orderId");

const linesOfOrder = preparedFor((db) =>
  db
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, orderIdParam))
    .orderBy(asc(lineItems.position))
    .prepare("shopper_order_lines"),
);
const shipmentsOfOrder = preparedFor((db) =>
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
    .where(eq(fulfillments.orderId, orderIdParam))
    .orderBy(asc(fulfillments.createdAt))
    .prepare("shopper_order_shipments"),
);
// By the order, not by the shipments' ids, so it need not wait for them.
const shipmentItemsOfOrder = preparedFor((db) =>
  db
    .select({
      fulfillmentId: fulfillmentItems.fulfillmentId,
      lineItemId: fulfillmentItems.lineItemId,
      quantity: fulfillmentItems.quantity,
    })
    .from(fulfillmentItems)
    .innerJoin(fulfillments, eq(fulfillments.id, fulfillmentItems.fulfillmentId))
    .where(eq(fulfillments.orderId, orderIdParam))
    .prepare("shopper_order_shipment_items"),
);
const paymentsOfOrder = preparedFor((db) =>
  db
    .select({
      kind: paymentTransactions.kind,
      gateway: paymentTransactions.gateway,
      method: paymentTransactions.paymentMethod,
      amount: paymentTransactions.amount,
    })
    .from(paymentTransactions)
    .where(eq(paymentTransactions.orderId, orderIdParam))
    .orderBy(asc(paymentTransactions.createdAt))
    .prepare("shopper_order_payments"),
);
const storeById = preparedFor((db) =>
  db
    .select()
    .from(stores)
    .where(eq(stores.id, sql.placeholder("storeId")))
    .limit(1)
    .prepare("shopper_order_store"),
);
const requestsOfOrder = preparedFor((db) =>
  db
    .select()
    .from(requests)
    .where(eq(requests.orderId, orderIdParam))
    .orderBy(desc(requests.createdAt))
    .prepare("shopper_order_requests"),
);
const orderById = preparedFor((db) =>
  db.select().from(orders).where(eq(orders.id, orderIdParam)).limit(1).prepare("shopper_order_by_id"),
);

/** The rows of one order that the shopper's order page shows, each table read once, in parallel. */
export async function getOrderForShopper(db: DbOrTx, order: OrderRow) {
  const orderId = order.id;
  const [lines, shipments, items, payments, store, reqs] = await Promise.all([
    linesOfOrder(db).execute({ orderId }),
    shipmentsOfOrder(db).execute({ orderId }),
    shipmentItemsOfOrder(db).execute({ orderId }),
    paymentsOfOrder(db).execute({ orderId }),
    storeById(db).execute({ storeId: order.storeId }),
    requestsOfOrder(db).execute({ orderId }),
  ]);
  const reqItems: RequestItemRow[] = reqs.length
    ? await db
        .select()
        .from(requestItems)
        .where(
          inArray(
            requestItems.requestId,
            reqs.map((r) => r.id),
          ),
        )
    : [];
  return {
    order,
    store: store[0]!,
    lines,
    fulfillments: shipments.map((f) => ({ ...f, items: items.filter((i) => i.fulfillmentId === f.id) })),
    payment:
      payments.find((p) => p.kind === "sale" || p.kind === "capture" || p.kind === "authorization") ?? null,
    requests: reqs.map((r) => ({ ...r, items: reqItems.filter((i) => i.requestId === r.id) })),
  };
}

async function readOrder(db: DbOrTx, orderId: string): Promise<OrderRow | null> {
  const [order] = await orderById(db).execute({ orderId });
  return order ?? null;
}

export type ShopperOrder = Awaited<ReturnType<typeof getOrderForShopper>>;
export type ShopperOrderRequest = RequestRow & { items: RequestItemRow[] };

export type ShopperOrderView = ShopperOrder & { snapshot: OrderSnapshot; eligibility: Eligibility };

/** The order page's data plus eligibility, by order id (access is checked by the caller). */
export async function getShopperOrderView(
  db: DbOrTx,
  orderId: string,
  now = new Date(),
): Promise<ShopperOrderView | null> {
  const order = await readOrder(db, orderId);
  return order ? loadShopperOrderView(db, order, now) : null;
}

/**
 * The same for an order row the caller already read (the access grant's), with eligibility from
 * the snapshot shape the commands check (lib/requests/snapshot).
 */
export async function loadShopperOrderView(
  db: DbOrTx,
  order: OrderRow,
  now = new Date(),
): Promise<ShopperOrderView> {
  const data = await getOrderForShopper(db, order);
  const snapshot = snapshotOf(data);
  return { ...data, snapshot, eligibility: getEligibility(snapshot, data.store, now) };
}

function snapshotOf(data: ShopperOrder): OrderSnapshot {
  return {
    order: data.order,
    lines: data.lines,
    fulfillments: data.fulfillments.map((f) => ({
      status: f.status,
      deliveredAt: f.deliveredAt,
      items: f.items,
    })),
    requests: data.requests.map((r) => ({ type: r.type, status: r.status, items: r.items })),
  };
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
