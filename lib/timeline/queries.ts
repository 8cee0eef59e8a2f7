import "server-only";
// Reads for the shopper's timeline: the order's requests, refunds and their events, reduced
// by the pure model to what a shopper may see (no staff notes, no internal reasons).
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { preparedFor } from "@/lib/db/prepared";
import {
  events,
  lineItems,
  orders,
  refundLines,
  refunds,
  requestItems,
  requestPhotos,
  requests,
  stores,
} from "@/lib/db/schema";
import { attachTrackers, trackersForRefunds } from "@/lib/reconcile/timeline-trackers";
import {
  buildOrderTimeline,
  type OrderStatusPayload,
  type OrderTimeline,
  type TimelineInput,
  type TimelineRequest,
} from "./model";

// The order page and its status poll read these on every request: prepared once per handle.
const orderIdParam = sql.placeholder("orderId");

const refundsOfOrder = preparedFor((db) =>
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
      idempotencyKey: refunds.idempotencyKey,
      note: refunds.note,
      // In the same statement: the order page and its poll read this on every request.
      lines: sql<{ lineItemId: string; quantity: number }[]>`(
        select coalesce(json_agg(json_build_object('lineItemId', ${refundLines.lineItemId}, 'quantity', ${refundLines.quantity})), '[]'::json)
        from ${refundLines} where ${refundLines.refundId} = ${refunds.id})`,
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderIdParam))
    .prepare("timeline_refunds"),
);
const eventsOfOrder = preparedFor((db) =>
  db
    .select({
      subjectId: events.subjectId,
      type: events.type,
      actorType: events.actorType,
      data: events.data,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(eq(events.orderId, orderIdParam))
    .orderBy(asc(events.id))
    .prepare("timeline_events"),
);
const storeCalendar = preparedFor((db) =>
  db
    .select({ timeZone: stores.timeZone, holidays: stores.holidays, arrivalWindows: stores.arrivalWindows })
    .from(stores)
    .where(eq(stores.id, sql.placeholder("storeId")))
    .limit(1)
    .prepare("timeline_store_calendar"),
);
const lineTitlesOfOrder = preparedFor((db) =>
  db
    .select({ id: lineItems.id, title: lineItems.title, variantTitle: lineItems.variantTitle })
    .from(lineItems)
    .where(eq(lineItems.orderId, orderIdParam))
    .prepare("timeline_line_titles"),
);
const requestsOfOrder = preparedFor((db) =>
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
    .where(eq(requests.orderId, orderIdParam))
    .prepare("timeline_requests"),
);
const photosOfOrder = preparedFor((db) =>
  db
    .select({ id: requestPhotos.id, requestId: requestPhotos.requestId, mimeType: requestPhotos.mimeType })
    .from(requestPhotos)
    .innerJoin(requests, eq(requests.id, requestPhotos.requestId))
    .where(eq(requests.orderId, orderIdParam))
    .orderBy(asc(requestPhotos.createdAt))
    .prepare("timeline_request_photos"),
);

/** The order fields the timeline and the status version use (the access grant's row has them). */
export type TimelineOrder = {
  id: string;
  storeId: string;
  paidAt: Date | null;
  status: string;
  financialStatus: string;
  fulfillmentStatus: string;
  refundedAmount: number;
  updatedAt: Date;
};

/**
 * What the timeline shares with the order page: the order page passes the rows it read for its
 * own view, the status route lets the timeline read them. `photoIds` left out means "not read".
 */
export type TimelineBase = Pick<TimelineInput, "store" | "lines" | "requests">;

export async function getOrderTimeline(
  db: DbOrTx,
  orderOrId: string | TimelineOrder,
  locale: string,
  now = new Date(),
  base?: Promise<TimelineBase>,
): Promise<OrderTimeline> {
  const order = typeof orderOrId === "string" ? await readTimelineOrder(db, orderOrId) : orderOrId;
  if (!order) return { entries: [], live: false, now: now.toISOString() };
  const [known, refundRows, eventRows] = await Promise.all([
    base ?? readTimelineBase(db, order),
    refundsOfOrder(db).execute({ orderId: order.id }),
    eventsOfOrder(db).execute({ orderId: order.id }),
  ]);
  const photosMissing = known.requests.some((r) => r.photoIds === undefined);
  const [photos, trackers] = await Promise.all([
    photosMissing ? listRequestPhotos(db, order.id) : [],
    trackersForRefunds(db, refundRows, order.paidAt),
  ]);
  const timeline = buildOrderTimeline({
    store: known.store,
    lines: known.lines,
    requests: photosMissing ? withPhotos(known.requests, photos) : known.requests,
    refunds: refundRows,
    events: eventRows,
    locale,
    now,
  });
  return { ...timeline, entries: attachTrackers(timeline.entries, trackers) };
}

async function readTimelineOrder(db: DbOrTx, orderId: string): Promise<TimelineOrder | null> {
  const [order] = await db
    .select({
      id: orders.id,
      storeId: orders.storeId,
      paidAt: orders.paidAt,
      status: orders.status,
      financialStatus: orders.financialStatus,
      fulfillmentStatus: orders.fulfillmentStatus,
      refundedAmount: orders.refundedAmount,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .limit(1);
  return order ?? null;
}

/** The store's calendar, the lines and the requests with their items and photos. */
async function readTimelineBase(db: DbOrTx, order: { id: string; storeId: string }): Promise<TimelineBase> {
  const [store, lines, reqs] = await Promise.all([
    storeCalendar(db).execute({ storeId: order.storeId }),
    lineTitlesOfOrder(db).execute({ orderId: order.id }),
    requestsOfOrder(db).execute({ orderId: order.id }),
  ]);
  const [items, photos] = reqs.length
    ? await Promise.all([
        db
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
          ),
        listRequestPhotos(db, order.id),
      ])
    : [[], []];
  return {
    store: store[0]!,
    lines,
    requests: withPhotos(
      reqs.map((r) => ({ ...r, items: items.filter((i) => i.requestId === r.id) })),
      photos,
    ),
  };
}

function withPhotos(reqs: TimelineRequest[], photos: { id: string; requestId: string }[]): TimelineRequest[] {
  return reqs.map((r) => ({ ...r, photoIds: photos.filter((p) => p.requestId === r.id).map((p) => p.id) }));
}

/** Photo ids the shopper attached to requests of this order (for links on the order page). */
export async function listRequestPhotos(db: DbOrTx, orderId: string) {
  return photosOfOrder(db).execute({ orderId });
}

/**
 * The status route's answer; `version` lets the page refresh its other parts when the order moves.
 * Pass the order row the access check read (and, on the order page, the rows it shares).
 */
export async function getOrderStatus(
  db: DbOrTx,
  orderOrId: string | TimelineOrder,
  locale: string,
  now = new Date(),
  base?: Promise<TimelineBase>,
): Promise<OrderStatusPayload> {
  const order = typeof orderOrId === "string" ? await readTimelineOrder(db, orderOrId) : orderOrId;
  if (!order) return { timeline: { entries: [], live: false, now: now.toISOString() }, version: "" };
  const timeline = await getOrderTimeline(db, order, locale, now, base);
  return { timeline, version: statusVersion(order) };
}

/** What of the order row the status answer carries as its version. */
export function statusVersion(order: TimelineOrder): string {
  return [
    order.status,
    order.financialStatus,
    order.fulfillmentStatus,
    order.refundedAmount,
    order.updatedAt.toISOString(),
  ].join("|");
}
