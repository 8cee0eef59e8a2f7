import "server-only";
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import {
  FINANCIAL_STATUSES,
  FULFILLMENT_STATUSES,
  fulfillmentItems,
  fulfillments,
  lineItems,
  ORDER_STATUSES,
  orders,
  paymentTransactions,
  refundLines,
  refunds,
  requestItems,
  requests,
} from "@/lib/db/schema";
import { getOrderTimeline } from "@/lib/events/queries";
import { decodeCursor, encodeCursor } from "./cursor";

export const ORDERS_PAGE_SIZE = 50;

export const orderFiltersSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  financial: z.enum(FINANCIAL_STATUSES).optional().catch(undefined),
  fulfillment: z.enum(FULFILLMENT_STATUSES).optional().catch(undefined),
  risk: z.enum(["elevated", "high"]).optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type OrderFilters = z.output<typeof orderFiltersSchema>;

export function parseOrderFilters(params: Record<string, string | string[] | undefined>): OrderFilters {
  return orderFiltersSchema.parse(
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])),
  );
}

function orderConditions(f: OrderFilters): SQL[] {
  const out: SQL[] = [];
  if (f.status) out.push(eq(orders.status, f.status));
  if (f.financial) out.push(eq(orders.financialStatus, f.financial));
  if (f.fulfillment) out.push(eq(orders.fulfillmentStatus, f.fulfillment));
  if (f.risk === "elevated") out.push(inArray(orders.riskLevel, ["medium", "high"]));
  if (f.risk === "high") out.push(eq(orders.riskLevel, "high"));
  if (f.q) {
    const q = f.q.toLowerCase();
    if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q)) out.push(eq(orders.email, q));
    else {
      const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
      out.push(sql`(${orders.number} = ${q.replace(/^#/, "")} or ${orders.email} like ${`${escaped}%`})`);
    }
  }
  return out;
}

/** Newest orders first; keyset on (placed_at, id) served by orders_store_placed_idx. */
export async function listOrders(db: DbOrTx, filters: OrderFilters, limit = ORDERS_PAGE_SIZE) {
  const cursor = decodeCursor(filters.cursor);
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      email: orders.email,
      placedAt: orders.placedAt,
      total: orders.total,
      refunded: orders.refundedAmount,
      currency: orders.currency,
      status: orders.status,
      financialStatus: orders.financialStatus,
      fulfillmentStatus: orders.fulfillmentStatus,
      riskLevel: orders.riskLevel,
      openRequests: sql<number>`(select count(*)::int from ${requests} where ${requests.orderId} = ${orders.id} and ${requests.status} in ('submitted', 'pending_review'))`,
      sortValue: sql<string>`${orders.placedAt}::text`,
    })
    .from(orders)
    .where(
      and(
        ...orderConditions(filters),
        cursor
          ? sql`(${orders.placedAt}, ${orders.id}) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ sortValue: _s, ...r }) => r),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: last.sortValue, id: last.id }) : null,
  };
}

/** Everything the order detail page shows, by public number. */
export async function getOrderForStaff(db: DbOrTx, storeId: string, number: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.number, number.replace(/^#/, ""))))
    .limit(1);
  if (!order) return null;
  const [lines, payments, shipments, requestRows, refundRows, timeline] = await Promise.all([
    db.select().from(lineItems).where(eq(lineItems.orderId, order.id)).orderBy(asc(lineItems.position)),
    db
      .select()
      .from(paymentTransactions)
      .where(eq(paymentTransactions.orderId, order.id))
      .orderBy(asc(paymentTransactions.createdAt)),
    db
      .select()
      .from(fulfillments)
      .where(eq(fulfillments.orderId, order.id))
      .orderBy(asc(fulfillments.createdAt)),
    db.select().from(requests).where(eq(requests.orderId, order.id)).orderBy(desc(requests.createdAt)),
    db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(desc(refunds.createdAt)),
    getOrderTimeline(db, order.id),
  ]);
  const shipmentIds = shipments.map((s) => s.id);
  const [shipmentItems, requestItemRows, refundLineRows] = await Promise.all([
    shipmentIds.length
      ? db.select().from(fulfillmentItems).where(inArray(fulfillmentItems.fulfillmentId, shipmentIds))
      : [],
    requestRows.length
      ? db
          .select()
          .from(requestItems)
          .where(
            inArray(
              requestItems.requestId,
              requestRows.map((r) => r.id),
            ),
          )
      : [],
    refundRows.length
      ? db
          .select()
          .from(refundLines)
          .where(
            inArray(
              refundLines.refundId,
              refundRows.map((r) => r.id),
            ),
          )
      : [],
  ]);
  return {
    order,
    lines,
    payments,
    payment: payments.find((p) => ["sale", "capture", "authorization"].includes(p.kind)) ?? null,
    fulfillments: shipments.map((f) => ({
      ...f,
      items: shipmentItems.filter((i) => i.fulfillmentId === f.id),
    })),
    requests: requestRows.map((r) => ({ ...r, items: requestItemRows.filter((i) => i.requestId === r.id) })),
    refunds: refundRows.map((r) => ({ ...r, lines: refundLineRows.filter((l) => l.refundId === r.id) })),
    timeline,
  };
}

export type StaffOrder = NonNullable<Awaited<ReturnType<typeof getOrderForStaff>>>;

/** Open orders flagged medium or high risk, riskiest and newest first. */
export async function listRiskyOrders(db: DbOrTx) {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      email: orders.email,
      placedAt: orders.placedAt,
      total: orders.total,
      currency: orders.currency,
      riskLevel: orders.riskLevel,
      riskReasons: orders.riskReasons,
      financialStatus: orders.financialStatus,
      fulfillmentStatus: orders.fulfillmentStatus,
      capturedAmount: orders.capturedAmount,
      refundedAmount: orders.refundedAmount,
      // The request a person must decide for this order (the ship-by check's hold, say), if any.
      // The outer order is named in full: a one-table select renders its columns unqualified.
      waiting: sql<{ id: string; reasonCode: string } | null>`(
        select json_build_object('id', ${requests.id}, 'reasonCode', ${requests.reasonCode})
        from ${requests} where ${requests.orderId} = ${sql.identifier("orders")}.${sql.identifier("id")}
          and ${requests.status} in ('submitted', 'pending_review', 'item_received')
        order by ${requests.createdAt} limit 1)`,
    })
    .from(orders)
    .where(and(ne(orders.riskLevel, "low"), eq(orders.status, "open")))
    .orderBy(sql`case ${orders.riskLevel} when 'high' then 0 else 1 end`, desc(orders.placedAt))
    .limit(200);
}
