// Loads the order state that eligibility and the rules look at, inside the caller's transaction.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  fulfillmentItems,
  fulfillments,
  lineItems,
  paymentTransactions,
  requestItems,
  requests,
} from "@/lib/db/schema";
import type { OrderSnapshot } from "./eligibility";

export async function loadOrderState(tx: DbOrTx, order: OrderSnapshot["order"] & { id: string }) {
  // One after another: a transaction is one connection, and node-postgres is retiring
  // concurrent queries on one client.
  const lines = await tx
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, order.id))
    .orderBy(lineItems.position);
  const shipments = await tx.select().from(fulfillments).where(eq(fulfillments.orderId, order.id));
  const reqs = await tx
    .select()
    .from(requests)
    .where(eq(requests.orderId, order.id))
    .orderBy(desc(requests.createdAt));
  const payments = await tx
    .select()
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.orderId, order.id), eq(paymentTransactions.status, "success")));
  const shipmentItems = shipments.length
    ? await tx
        .select()
        .from(fulfillmentItems)
        .where(
          inArray(
            fulfillmentItems.fulfillmentId,
            shipments.map((f) => f.id),
          ),
        )
    : [];
  const reqItems = reqs.length
    ? await tx
        .select()
        .from(requestItems)
        .where(
          inArray(
            requestItems.requestId,
            reqs.map((r) => r.id),
          ),
        )
    : [];
  const snapshot: OrderSnapshot = {
    order,
    lines,
    fulfillments: shipments.map((f) => ({
      status: f.status,
      deliveredAt: f.deliveredAt,
      items: shipmentItems.filter((i) => i.fulfillmentId === f.id),
    })),
    requests: reqs.map((r) => ({
      type: r.type,
      status: r.status,
      items: reqItems.filter((i) => i.requestId === r.id),
    })),
  };
  const payment =
    payments.find((p) => p.kind === "sale" || p.kind === "capture" || p.kind === "authorization") ?? null;
  const lastDeliveredAt = shipments.reduce<Date | null>(
    (max, f) => (f.deliveredAt && (!max || f.deliveredAt > max) ? f.deliveredAt : max),
    null,
  );
  return {
    snapshot,
    lines,
    shipments,
    requests: reqs,
    requestItems: reqItems,
    payments,
    payment,
    lastDeliveredAt,
  };
}
