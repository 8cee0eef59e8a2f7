// The API's resources (and the `data` of webhook payloads): rows reshaped into the stable JSON an
// integrator sees, times as ISO strings. Each loader reads inside whatever transaction it is given,
// so a webhook payload is the state at the moment of its event. No `server-only`: webhooks are
// queued from `recordEvents`, which scripts and workers run too.
import { and, asc, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  customers,
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  refundLines,
  refunds,
  requestItems,
  requests,
} from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { afterCursor, cursorKey, decodePageCursor, toPage } from "./cursor";
import type { ApiFulfillment, ApiOrder, ApiRefund, ApiRequest } from "./schemas";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export async function orderIdByNumber(db: DbOrTx, storeId: string, number: string): Promise<string> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.number, number)));
  if (!row) throw new DomainError("not_found", `No order #${number}.`);
  return row.id;
}

async function fulfillmentsOf(db: DbOrTx, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  const rows = await db
    .select()
    .from(fulfillments)
    .where(inArray(fulfillments.orderId, orderIds))
    .orderBy(asc(fulfillments.createdAt), asc(fulfillments.id));
  const items = rows.length
    ? await db
        .select({
          fulfillmentId: fulfillmentItems.fulfillmentId,
          lineItemId: fulfillmentItems.lineItemId,
          quantity: fulfillmentItems.quantity,
          sku: lineItems.sku,
        })
        .from(fulfillmentItems)
        .innerJoin(lineItems, eq(lineItems.id, fulfillmentItems.lineItemId))
        .where(
          inArray(
            fulfillmentItems.fulfillmentId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((f) => ({
    id: f.id,
    orderId: f.orderId,
    status: f.status,
    carrier: f.carrier,
    trackingNumber: f.trackingNumber,
    trackingUrl: f.trackingUrl,
    shippedAt: isoOrNull(f.shippedAt),
    deliveredAt: isoOrNull(f.deliveredAt),
    lines: items
      .filter((i) => i.fulfillmentId === f.id)
      .map(({ lineItemId, sku, quantity }) => ({ lineItemId, sku, quantity })),
    createdAt: iso(f.createdAt),
  }));
}

export async function loadOrder(db: DbOrTx, orderId: string): Promise<ApiOrder> {
  const [row] = await db
    .select({ order: orders, customerName: customers.name })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.id, orderId));
  if (!row) throw new DomainError("not_found", "No such order.");
  const o = row.order;
  const lines = await db
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, o.id))
    .orderBy(asc(lineItems.position));
  const shipments = await fulfillmentsOf(db, [o.id]);
  return {
    object: "order",
    id: o.id,
    externalId: o.externalId,
    number: o.number,
    email: o.email,
    customerName: row.customerName,
    locale: o.locale,
    currency: o.currency,
    status: o.status,
    financialStatus: o.financialStatus,
    fulfillmentStatus: o.fulfillmentStatus,
    risk: { level: o.riskLevel, reasons: o.riskReasons },
    totals: {
      subtotal: o.subtotal,
      discount: o.discountTotal,
      shipping: o.shippingTotal,
      shippingTax: o.shippingTaxTotal,
      tax: o.taxTotal,
      total: o.total,
      captured: o.capturedAmount,
      refunded: o.refundedAmount,
    },
    cancelReason: o.cancelReason,
    cancelledAt: isoOrNull(o.cancelledAt),
    placedAt: iso(o.placedAt),
    paidAt: isoOrNull(o.paidAt),
    lines: lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      title: l.title,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discountAllocation,
      tax: l.taxAllocation,
      finalSale: l.finalSale,
      restockable: l.restockable,
      quantityCancelled: l.quantityCancelled,
      quantityFulfilled: l.quantityFulfilled,
      quantityReturned: l.quantityReturned,
      quantityRefunded: l.quantityRefunded,
    })),
    fulfillments: shipments.map(({ orderId: _orderId, ...f }) => f),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export async function loadFulfillment(
  db: DbOrTx,
  storeId: string,
  fulfillmentId: string,
): Promise<ApiFulfillment> {
  const [f] = await db
    .select({ id: fulfillments.id, orderId: fulfillments.orderId, number: orders.number })
    .from(fulfillments)
    .innerJoin(orders, eq(orders.id, fulfillments.orderId))
    .where(and(eq(fulfillments.id, fulfillmentId), eq(orders.storeId, storeId)));
  if (!f) throw new DomainError("not_found", "No such fulfilment.");
  const shipment = (await fulfillmentsOf(db, [f.orderId])).find((s) => s.id === f.id)!;
  return { ...shipment, orderNumber: f.number };
}

// ---- requests ----

type RequestFilters = { status?: string; type?: string; orderId?: string; cursor?: string; limit: number };

const requestColumns = { request: requests, number: orders.number, cursorAt: cursorKey(requests.createdAt) };

async function presentRequests(
  db: DbOrTx,
  rows: { request: typeof requests.$inferSelect; number: string }[],
): Promise<ApiRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.request.id);
  const items = await db
    .select({
      requestId: requestItems.requestId,
      lineItemId: requestItems.lineItemId,
      quantity: requestItems.quantity,
      sku: lineItems.sku,
      title: lineItems.title,
    })
    .from(requestItems)
    .innerJoin(lineItems, eq(lineItems.id, requestItems.lineItemId))
    .where(inArray(requestItems.requestId, ids));
  const refundRows = await db
    .select({ id: refunds.id, requestId: refunds.requestId })
    .from(refunds)
    .where(and(inArray(refunds.requestId, ids), ne(refunds.status, "canceled")));
  return rows.map(({ request: r, number }) => ({
    object: "request" as const,
    id: r.id,
    orderId: r.orderId,
    orderNumber: number,
    type: r.type,
    status: r.status,
    reasonCode: r.reasonCode,
    comment: r.comment,
    resolution: r.resolution,
    createdBy: r.createdByType,
    previewAmount: r.previewAmount,
    currency: r.currency,
    includeShipping: r.includeShipping,
    lines: items
      .filter((i) => i.requestId === r.id)
      .map(({ lineItemId, sku, title, quantity }) => ({ lineItemId, sku, title, quantity })),
    decision: r.decision
      ? {
          outcome: r.decision.outcome,
          ruleId: r.decision.ruleId ?? null,
          ruleVersion: r.decision.ruleVersion ?? null,
          explanation: r.decision.explanation,
          decidedAt: isoOrNull(r.decidedAt),
        }
      : null,
    refundId: refundRows.find((f) => f.requestId === r.id)?.id ?? null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }));
}

export async function loadRequest(db: DbOrTx, storeId: string, requestId: string): Promise<ApiRequest> {
  const rows = await db
    .select(requestColumns)
    .from(requests)
    .innerJoin(orders, eq(orders.id, requests.orderId))
    .where(and(eq(requests.id, requestId), eq(orders.storeId, storeId)));
  const [one] = await presentRequests(db, rows);
  if (!one) throw new DomainError("not_found", "No such request.");
  return one;
}

export async function listRequests(db: DbOrTx, storeId: string, f: RequestFilters) {
  const conditions: (SQL | undefined)[] = [
    eq(orders.storeId, storeId),
    f.status ? eq(requests.status, f.status as (typeof requests.$inferSelect)["status"]) : undefined,
    f.type ? eq(requests.type, f.type as (typeof requests.$inferSelect)["type"]) : undefined,
    f.orderId ? eq(requests.orderId, f.orderId) : undefined,
    afterCursor(decodePageCursor(f.cursor), requests.createdAt, requests.id),
  ];
  const rows = await db
    .select(requestColumns)
    .from(requests)
    .innerJoin(orders, eq(orders.id, requests.orderId))
    .where(and(...conditions))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(f.limit + 1);
  const page = toPage(
    rows.map((r) => ({ ...r, id: r.request.id })),
    f.limit,
  );
  return { data: await presentRequests(db, page.rows), nextCursor: page.nextCursor };
}

// ---- refunds ----

type RefundFilters = { status?: string; orderId?: string; cursor?: string; limit: number };

const refundColumns = { refund: refunds, number: orders.number, cursorAt: cursorKey(refunds.createdAt) };

async function presentRefunds(
  db: DbOrTx,
  rows: { refund: typeof refunds.$inferSelect; number: string }[],
): Promise<ApiRefund[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select({
      refundId: refundLines.refundId,
      lineItemId: refundLines.lineItemId,
      quantity: refundLines.quantity,
      amount: refundLines.amount,
      sku: lineItems.sku,
    })
    .from(refundLines)
    .innerJoin(lineItems, eq(lineItems.id, refundLines.lineItemId))
    .where(
      inArray(
        refundLines.refundId,
        rows.map((r) => r.refund.id),
      ),
    );
  return rows.map(({ refund: r, number }) => ({
    object: "refund" as const,
    id: r.id,
    orderId: r.orderId,
    orderNumber: number,
    requestId: r.requestId,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    shippingAmount: r.shippingAmount,
    restock: r.restock,
    gateway: r.gateway,
    gatewayRefundId: r.gatewayRefundId,
    offline: r.offline,
    attempts: r.attempts,
    failure: r.failureCode || r.failureReason ? { code: r.failureCode, reason: r.failureReason } : null,
    expectedArrival: r.expectedFrom && r.expectedTo ? { from: r.expectedFrom, to: r.expectedTo } : null,
    lines: lines
      .filter((l) => l.refundId === r.id)
      .map(({ lineItemId, sku, quantity, amount }) => ({ lineItemId, sku, quantity, amount })),
    submittedAt: isoOrNull(r.submittedAt),
    settledAt: isoOrNull(r.settledAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }));
}

export async function loadRefund(db: DbOrTx, storeId: string, refundId: string): Promise<ApiRefund> {
  const rows = await db
    .select(refundColumns)
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(and(eq(refunds.id, refundId), eq(orders.storeId, storeId)));
  const [one] = await presentRefunds(db, rows);
  if (!one) throw new DomainError("not_found", "No such refund.");
  return one;
}

export async function listRefunds(db: DbOrTx, storeId: string, f: RefundFilters) {
  const conditions: (SQL | undefined)[] = [
    eq(orders.storeId, storeId),
    f.status ? eq(refunds.status, f.status as (typeof refunds.$inferSelect)["status"]) : undefined,
    f.orderId ? eq(refunds.orderId, f.orderId) : undefined,
    afterCursor(decodePageCursor(f.cursor), refunds.createdAt, refunds.id),
  ];
  const rows = await db
    .select(refundColumns)
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(and(...conditions))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(f.limit + 1);
  const page = toPage(
    rows.map((r) => ({ ...r, id: r.refund.id })),
    f.limit,
  );
  return { data: await presentRefunds(db, page.rows), nextCursor: page.nextCursor };
}
