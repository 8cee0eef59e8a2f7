import "server-only";
// The status poll's answer, kept per order while nothing it is built from has changed. A shopper's
// open order page polls every few seconds and almost every poll finds nothing new; rebuilding the
// timeline from six or more reads each time is most of the route's cost.
//
// Correct without invalidation, on any number of instances: every poll reads a fingerprint of the
// rows the answer is built from — the transaction id (xmin) of each row of the order, its store,
// lines, requests and their items and photos, refunds and their fallbacks, plus the newest event —
// in one statement. Any committed insert, update or delete of those rows changes it, whoever wrote
// it; the store-local date is part of the key, since "overdue" turns on the calendar day.
import { eq, sql } from "drizzle-orm";
import { localDate } from "@/lib/calendar/business-days";
import type { DbOrTx } from "@/lib/db";
import { preparedFor } from "@/lib/db/prepared";
import { orders, stores } from "@/lib/db/schema";
import type { OrderStatusPayload } from "./model";
import { getOrderStatus, statusVersion, type TimelineOrder } from "./queries";

/** Answers kept per process (one per order and locale; the oldest go first). */
export const STATUS_CACHE_SIZE = 5_000;

const rowVersions = (table: string, where: string) =>
  `(select string_agg(t.xmin::text, ',' order by t.xmin::text) from ${table} t ${where})`;

const ORDER = `"orders"."id"`;
const FINGERPRINT = sql<string>`${sql.raw(`concat_ws('|', "orders".xmin::text, "stores".xmin::text,
  ${rowVersions("line_items", `where t.order_id = ${ORDER}`)},
  ${rowVersions("requests", `where t.order_id = ${ORDER}`)},
  ${rowVersions("request_items", `join requests q on q.id = t.request_id where q.order_id = ${ORDER}`)},
  ${rowVersions("request_photos", `join requests q on q.id = t.request_id where q.order_id = ${ORDER}`)},
  ${rowVersions("refunds", `where t.order_id = ${ORDER}`)},
  ${rowVersions("refund_fallbacks", `join refunds r on r.id = t.refund_id where r.order_id = ${ORDER}`)},
  (select max(e.id)::text from events e where e.order_id = ${ORDER}))`)}`;

const fingerprintOfOrder = preparedFor((db) =>
  db
    .select({ fingerprint: FINGERPRINT, timeZone: stores.timeZone })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, sql.placeholder("orderId")))
    .prepare("status_fingerprint"),
);

type Entry = { key: string; status: OrderStatusPayload };

const holder = globalThis as typeof globalThis & { __aftercareStatusCache?: Map<string, Entry> };
/** By order and locale; Map order is insertion order, so the first entry is the oldest. */
const cache = (holder.__aftercareStatusCache ??= new Map());

/** getOrderStatus, answered from the cache while the order's fingerprint is unchanged. */
export async function getOrderStatusCached(
  db: DbOrTx,
  order: TimelineOrder,
  locale: string,
  now = new Date(),
): Promise<OrderStatusPayload> {
  const [row] = await fingerprintOfOrder(db).execute({ orderId: order.id });
  if (!row) return getOrderStatus(db, order, locale, now);
  const slot = `${order.id}|${locale}`;
  // The grant's row was read a statement earlier: its version keys the answer too, so an answer
  // built on an order row older than the fingerprint is never served for the newer one.
  const key = `${localDate(now, row.timeZone)}|${statusVersion(order)}|${row.fingerprint}`;
  const hit = cache.get(slot);
  if (hit?.key === key)
    return { ...hit.status, timeline: { ...hit.status.timeline, now: now.toISOString() } };

  const status = await getOrderStatus(db, order, locale, now);
  cache.delete(slot);
  cache.set(slot, { key, status });
  if (cache.size > STATUS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return status;
}
