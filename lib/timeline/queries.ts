import "server-only";
// Reads for the shopper's timeline: the order's requests, refunds and their events, reduced
// by the pure model to what a shopper may see (no staff notes, no internal reasons).
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  events,
  lineItems,
  orders,
  refunds,
  requestItems,
  requestPhotos,
  requests,
  stores,
} from "@/lib/db/schema";
import { attachTrackers, trackersForRefunds } from "@/lib/reconcile/timeline-trackers";
import { buildOrderTimeline, type OrderStatusPayload, type OrderTimeline } from "./model";

export async function getOrderTimeline(
  db: DbOrTx,
  orderId: string,
  locale: string,
  now = new Date(),
): Promise<OrderTimeline> {
  const [order] = await db
    .select({ storeId: orders.storeId, paidAt: orders.paidAt })
    .from(orders)
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!order) return { entries: [], live: false, now: now.toISOString() };
  const [store, lines, reqs, refundRows, eventRows] = await Promise.all([
    db
      .select({ timeZone: stores.timeZone, holidays: stores.holidays, arrivalWindows: stores.arrivalWindows })
      .from(stores)
      .where(eq(stores.id, order.storeId))
      .limit(1),
    db
      .select({ id: lineItems.id, title: lineItems.title, variantTitle: lineItems.variantTitle })
      .from(lineItems)
      .where(eq(lineItems.orderId, orderId)),
    db
      .select({
        id: requests.id,
        type: requests.type,
        status: requests.status,
        reasonCode: requests.reasonCode,
        previewAmount: requests.previewAmount,
        currency: requests.currency,
        createdAt: requests.createdAt,
        decidedAt: requests.decidedAt,
        decision: requests.decision,
      })
      .from(requests)
      .where(eq(requests.orderId, orderId)),
    db
      .select({
        id: refunds.id,
        requestId: refunds.requestId,
        status: refunds.status,
        amount: refunds.amount,
        currency: refunds.currency,
        paymentMethodType: refunds.paymentMethodType,
        createdByType: refunds.createdByType,
        createdAt: refunds.createdAt,
        submittedAt: refunds.submittedAt,
        settledAt: refunds.settledAt,
        expectedFrom: refunds.expectedFrom,
        expectedTo: refunds.expectedTo,
        failureCode: refunds.failureCode,
        // For the money tracker (lib/reconcile/tracker).
        kind: refunds.kind,
        gatewayStatus: refunds.gatewayStatus,
        pendingReason: refunds.pendingReason,
        heldAt: refunds.heldAt,
        offline: refunds.offline,
        arn: refunds.arn,
      })
      .from(refunds)
      .where(eq(refunds.orderId, orderId)),
    db
      .select({
        subjectId: events.subjectId,
        type: events.type,
        actorType: events.actorType,
        data: events.data,
        createdAt: events.createdAt,
      })
      .from(events)
      .where(eq(events.orderId, orderId))
      .orderBy(asc(events.id)),
  ]);
  const items = reqs.length
    ? await db
        .select({
          requestId: requestItems.requestId,
          lineItemId: requestItems.lineItemId,
          quantity: requestItems.quantity,
        })
        .from(requestItems)
        .where(
          inArray(
            requestItems.requestId,
            reqs.map((r) => r.id),
          ),
        )
    : [];
  const photos = reqs.length ? await listRequestPhotos(db, orderId) : [];
  const timeline = buildOrderTimeline({
    requests: reqs.map((r) => ({
      ...r,
      items: items.filter((i) => i.requestId === r.id),
      photoIds: photos.filter((p) => p.requestId === r.id).map((p) => p.id),
    })),
    refunds: refundRows,
    events: eventRows,
    lines,
    store: store[0]!,
    locale,
    now,
  });
  const trackers = await trackersForRefunds(db, refundRows, order.paidAt);
  return { ...timeline, entries: attachTrackers(timeline.entries, trackers) };
}

/** Photo ids the shopper attached to requests of this order (for links on the order page). */
export async function listRequestPhotos(db: DbOrTx, orderId: string) {
  return db
    .select({ id: requestPhotos.id, requestId: requestPhotos.requestId, mimeType: requestPhotos.mimeType })
    .from(requestPhotos)
    .innerJoin(requests, eq(requests.id, requestPhotos.requestId))
    .where(eq(requests.orderId, orderId))
    .orderBy(asc(requestPhotos.createdAt));
}

/** The status route's answer; `version` lets the page refresh its other parts when the order moves. */
export async function getOrderStatus(
  db: DbOrTx,
  orderId: string,
  locale: string,
  now = new Date(),
): Promise<OrderStatusPayload> {
  const [order] = await db
    .select({
      status: orders.status,
      financialStatus: orders.financialStatus,
      fulfillmentStatus: orders.fulfillmentStatus,
      refundedAmount: orders.refundedAmount,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .limit(1);
  const timeline = await getOrderTimeline(db, orderId, locale, now);
  const version = order
    ? [
        order.status,
        order.financialStatus,
        order.fulfillmentStatus,
        order.refundedAmount,
        order.updatedAt.toISOString(),
      ].join("|")
    : "";
  return { timeline, version };
}
