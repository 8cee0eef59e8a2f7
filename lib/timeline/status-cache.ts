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
import { and, eq, sql } from "drizzle-orm";
import { getGrantedOrderVia } from "@/lib/access/session";
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

type Fingerprint = { fingerprint: string; timeZone: string };

const fingerprintOfOrder = preparedFor((db) =>
  db
    .select({ fingerprint: FINGERPRINT, timeZone: stores.timeZone })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, sql.placeholder("orderId")))
    .prepare("status_fingerprint"),
);

// The access check's read (the order by id and number) and the fingerprint in one statement.
const grantedOrderWithFingerprint = preparedFor((db) =>
  db
    .select({ order: orders, fingerprint: FINGERPRINT, timeZone: stores.timeZone })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.number, sql.placeholder("number"))))
    .limit(1)
    .prepare("granted_order_fingerprint"),
);

type FingerprintedOrder = typeof orders.$inferSelect & { statusFingerprint: Fingerprint };

async function findGrantedOrderWithFingerprint(
  db: DbOrTx,
  orderId: string,
  number: string,
): Promise<FingerprintedOrder | null> {
  const [row] = await grantedOrderWithFingerprint(db).execute({ orderId, number });
  return row
    ? { ...row.order, statusFingerprint: { fingerprint: row.fingerprint, timeZone: row.timeZone } }
    : null;
}

/**
 * The status of the order this request may see (getGrantedOrder's rule), or null; an order
 * granted by its access cookie costs one statement when nothing changed.
 */
export async function getGrantedOrderStatusCached(
  db: DbOrTx,
  number: string,
  locale: string,
  now = new Date(),
): Promise<OrderStatusPayload | null> {
  const grant = await getGrantedOrderVia(db, number, findGrantedOrderWithFingerprint);
  if (!grant) return null;
  const known = "statusFingerprint" in grant ? (grant as FingerprintedOrder).statusFingerprint : undefined;
  return getOrderStatusCached(db, grant, locale, now, known);
}

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
  known?: Fingerprint,
): Promise<OrderStatusPayload> {
  const row = known ?? (await fingerprintOfOrder(db).execute({ orderId: order.id }))[0];
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
