// Orders slice: owns orders, line items, payment transactions and fulfilments.
// Guards: line quantities within bounds (cancelled + fulfilled <= purchased), totals computed
// here from the lines (never trusted from input), and every change with its event.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import {
  customers,
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  requests,
} from "@/lib/db/schema";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, type NewEvent, recordEvent, recordEvents } from "@/lib/events/record";
import { createRefundInTx, createVoidInTx, lockOrder } from "@/lib/refunds/commands";
import { unitsOnOrder, unitsToShip } from "@/lib/requests/eligibility";
import { CANCEL_REASONS, type CancelReason, cancelLinesInTx } from "./cancel";
import { updateImportedOrder } from "./import-update";
import { notifyOrder } from "./notify";
import { type OrderImport, type OrderImportParsed, orderImportSchema } from "./schemas";
import { deriveFinancialStatus, deriveFulfillmentStatus } from "./status";

export type ImportResult = { orderId: string; number: string; created: boolean; changed?: string[] };

export function computeTotals(input: Pick<OrderImportParsed, "lines" | "shipping" | "shippingTax">) {
  const subtotal = input.lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const discountTotal = input.lines.reduce((n, l) => n + l.discount, 0);
  const lineTax = input.lines.reduce((n, l) => n + l.tax, 0);
  const taxTotal = lineTax + input.shippingTax;
  const total = subtotal - discountTotal + lineTax + input.shipping + input.shippingTax;
  return { subtotal, discountTotal, taxTotal, total };
}

/**
 * Creates an order from the store's platform. Importing an existing external id (or number, when
 * there is no external id) again applies only what changed (see `updateImportedOrder`).
 */
export async function importOrder(
  db: DbOrTx,
  storeId: string,
  raw: OrderImport,
  actor: Actor,
): Promise<ImportResult> {
  const parsed = orderImportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("invalid_input", "The order is not valid.", zodFieldErrors(parsed.error.issues));
  }
  const input = parsed.data;
  return db.transaction(async (tx) => {
    // Concurrent imports of one order queue here, so the second finds the first's row and answers
    // as a re-import instead of failing on the unique order number.
    // Both keys, in one order, since either can be the one two imports share.
    for (const key of [`#${input.number}`, input.externalId ? `ext:${input.externalId}` : null]) {
      if (key)
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`import:${storeId}:${key}`}, 0))`,
        );
    }
    const existing = await tx
      .select({ id: orders.id, number: orders.number })
      .from(orders)
      .where(
        and(
          eq(orders.storeId, storeId),
          input.externalId ? eq(orders.externalId, input.externalId) : eq(orders.number, input.number),
        ),
      )
      .limit(1);
    if (existing[0]) return updateImportedOrder(tx, existing[0].id, input, actor);
    const [taken] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.storeId, storeId), eq(orders.number, input.number)));
    if (taken) {
      throw new DomainError("conflict", `Order number #${input.number} belongs to another order.`, {
        number: ["already used by another order"],
      });
    }
    return insertOrder(tx, storeId, input, actor);
  });
}

async function insertOrder(
  tx: DbOrTx,
  storeId: string,
  input: OrderImportParsed,
  actor: Actor,
): Promise<ImportResult> {
  const skus = new Set(input.lines.map((l) => l.sku));
  if (skus.size !== input.lines.length) {
    throw new DomainError("invalid_input", "Each SKU may appear on one line only.", {
      lines: ["duplicate sku"],
    });
  }
  const totals = computeTotals(input);
  const captured = input.payment.status === "captured" ? (input.payment.amount ?? totals.total) : 0;
  if (captured > totals.total) {
    throw new DomainError("invalid_input", "The captured amount exceeds the order total.", {
      "payment.amount": ["cannot exceed the order total"],
    });
  }

  const [customer] = await tx
    .insert(customers)
    .values({ storeId, email: input.email, name: input.customerName, locale: input.locale })
    .onConflictDoUpdate({
      target: [customers.storeId, customers.email],
      set: { email: input.email },
    })
    .returning({ id: customers.id });

  const fulfilledBySku = new Map<string, number>();
  for (const f of input.fulfillments) {
    for (const l of f.lines) fulfilledBySku.set(l.sku, (fulfilledBySku.get(l.sku) ?? 0) + l.quantity);
  }
  for (const [sku, qty] of fulfilledBySku) {
    const line = input.lines.find((l) => l.sku === sku);
    if (!line)
      throw new DomainError("invalid_input", `Fulfilment names unknown SKU ${sku}.`, {
        fulfillments: [`unknown sku ${sku}`],
      });
    if (qty > line.quantity) {
      throw new DomainError("invalid_input", `Fulfilment of ${sku} exceeds the ordered quantity.`, {
        fulfillments: [`${sku}: ${qty} > ${line.quantity}`],
      });
    }
  }

  const lineRows = input.lines.map((l, i) => ({
    position: i,
    sku: l.sku,
    title: l.title,
    variantTitle: l.variantTitle,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountAllocation: l.discount,
    taxAllocation: l.tax,
    finalSale: l.finalSale,
    restockable: l.restockable,
    tags: l.tags,
    quantityCancelled: 0,
    quantityFulfilled: fulfilledBySku.get(l.sku) ?? 0,
  }));
  const fulfillmentStates = input.fulfillments.map((f) => ({
    status: f.deliveredAt
      ? ("delivered" as const)
      : f.shippedAt
        ? ("in_transit" as const)
        : ("pending" as const),
  }));

  const [order] = await tx
    .insert(orders)
    .values({
      storeId,
      externalId: input.externalId,
      number: input.number,
      customerId: customer!.id,
      email: input.email,
      locale: input.locale,
      currency: input.currency,
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      shippingTotal: input.shipping,
      shippingTaxTotal: input.shippingTax,
      taxTotal: totals.taxTotal,
      total: totals.total,
      capturedAmount: captured,
      financialStatus: deriveFinancialStatus({
        capturedAmount: captured,
        refundedAmount: 0,
        authorized: input.payment.status === "authorized",
      }),
      fulfillmentStatus: deriveFulfillmentStatus(lineRows, fulfillmentStates),
      riskLevel: input.risk?.level ?? "low",
      riskReasons: input.risk?.reasons ?? [],
      placedAt: input.placedAt,
      paidAt: input.paidAt ?? (captured > 0 ? input.placedAt : null),
    })
    .returning({ id: orders.id });
  const orderId = order!.id;

  const insertedLines = await tx
    .insert(lineItems)
    .values(lineRows.map((l) => ({ ...l, orderId })))
    .returning({ id: lineItems.id, sku: lineItems.sku });
  const lineIdBySku = new Map(insertedLines.map((l) => [l.sku, l.id]));

  const kind = input.payment.status === "authorized" ? "authorization" : "sale";
  await tx.insert(paymentTransactions).values({
    orderId,
    gateway: input.payment.gateway,
    kind,
    status: input.payment.status === "pending" ? "pending" : "success",
    amount: kind === "authorization" ? totals.total : captured,
    currency: input.currency,
    gatewayReference: input.payment.reference,
    paymentMethod: input.payment.method,
    fee: input.payment.fee,
    createdAt: input.paidAt ?? input.placedAt,
  });

  for (const [i, f] of input.fulfillments.entries()) {
    const [row] = await tx
      .insert(fulfillments)
      .values({
        orderId,
        status: fulfillmentStates[i]!.status,
        carrier: f.carrier,
        trackingNumber: f.trackingNumber,
        trackingUrl: f.trackingUrl,
        shippedAt: f.shippedAt,
        deliveredAt: f.deliveredAt,
      })
      .returning({ id: fulfillments.id });
    await tx.insert(fulfillmentItems).values(
      f.lines.map((l) => ({
        fulfillmentId: row!.id,
        lineItemId: lineIdBySku.get(l.sku)!,
        quantity: l.quantity,
      })),
    );
  }

  const base = { storeId, subjectType: "order" as const, subjectId: orderId, orderId, actor };
  const timeline: NewEvent[] = [
    {
      ...base,
      type: "order.placed",
      data: { number: input.number, total: totals.total },
      at: input.placedAt,
    },
  ];
  if (captured > 0) {
    timeline.push({
      ...base,
      type: "order.paid",
      data: { amount: captured },
      at: input.paidAt ?? input.placedAt,
    });
  }
  for (const f of input.fulfillments) {
    if (f.shippedAt)
      timeline.push({ ...base, type: "fulfillment.shipped", data: { carrier: f.carrier }, at: f.shippedAt });
    if (f.deliveredAt) timeline.push({ ...base, type: "fulfillment.delivered", data: {}, at: f.deliveredAt });
  }
  if (input.risk && input.risk.level !== "low") {
    timeline.push({
      ...base,
      type: "order.risk_flagged",
      data: { level: input.risk.level, reasons: input.risk.reasons },
      at: input.placedAt,
    });
  }
  await recordEvents(tx, timeline);
  return { orderId, number: input.number, created: true };
}

// ---- merchant-side changes: cancel, fulfil, deliver ----

export type CancelOrderInput = {
  orderId: string;
  reason: CancelReason;
  restock: boolean;
  refund: boolean;
  notifyShopper: boolean;
  note?: string;
};

/**
 * Merchant cancel: cancels every unit not shipped yet. A fulfilment created but not handed to
 * the carrier is cancelled first (its units return to "unfulfilled"); shipped units cannot be
 * cancelled — they come back as a return. The refund, when asked for, is its own step.
 */
export async function cancelOrder(
  db: Db,
  input: CancelOrderInput,
  actor: Actor,
  options: { enforceStoreMax?: boolean } = {},
): Promise<{ refundId: string | null; cancelledFulfillments: number }> {
  if (!CANCEL_REASONS.includes(input.reason)) {
    throw new DomainError("invalid_input", "Choose a reason.", { reason: ["Choose a reason"] });
  }
  return runTransaction(db, async (tx) =>
    cancelOrderInTx(tx, await lockOrder(tx, input.orderId), input, actor, options),
  );
}

/** The cancel itself, in the caller's transaction, on the order the caller locked. */
export async function cancelOrderInTx(
  tx: DbOrTx,
  order: typeof orders.$inferSelect,
  input: CancelOrderInput,
  actor: Actor,
  options: { enforceStoreMax?: boolean } = {},
): Promise<{ refundId: string | null; cancelledFulfillments: number }> {
  if (order.status === "cancelled") throw new DomainError("conflict", "This order is already cancelled.");
  const open = await tx
    .select({ id: requests.id })
    .from(requests)
    .where(
      and(
        eq(requests.orderId, order.id),
        eq(requests.type, "cancellation"),
        inArray(requests.status, ["submitted", "pending_review"]),
      ),
    );
  if (open.length > 0) {
    throw new DomainError(
      "conflict",
      "A cancellation request for this order is waiting: decide it in the requests queue.",
    );
  }
  const cancelledFulfillments = await cancelUnshippedFulfillments(tx, order, actor);
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const items = lines
    .map((l) => ({ lineItemId: l.id, quantity: unitsToShip(l) }))
    .filter((i) => i.quantity > 0);
  // Units refunded aside (goodwill) before the cancel are cancelled but not refunded again.
  const toRefund = lines
    .map((l) => ({ lineItemId: l.id, quantity: unitsOnOrder(l).unshipped }))
    .filter((i) => i.quantity > 0);
  if (items.length === 0) {
    throw new DomainError("not_eligible", "Everything on this order has shipped: it can only be returned.");
  }
  const { whole } = await cancelLinesInTx(tx, order, items, {
    reason: input.reason,
    restock: input.restock,
    actor,
    note: input.note,
  });
  let refundId: string | null = null;
  let refundAmount: number | null = null;
  if (input.refund && order.capturedAmount > order.refundedAmount && (toRefund.length > 0 || whole)) {
    const created = await createRefundInTx(
      tx,
      {
        orderId: order.id,
        lines: toRefund,
        includeShipping: whole,
        reason: `Order cancelled (${input.reason})`,
      },
      actor,
      { enforceStoreMax: options.enforceStoreMax ?? (actor.type === "system" || actor.type === "rule") },
    );
    refundId = created.refundId;
    refundAmount = created.amount;
  } else if (whole && order.capturedAmount === 0) {
    refundId = (await createVoidInTx(tx, order, null, actor))?.refundId ?? null;
  }
  if (input.notifyShopper) {
    await notifyOrder(tx, order, "order_cancelled", {
      amount: refundAmount ?? undefined,
      reason: input.reason,
    });
  }
  return { refundId, cancelledFulfillments };
}

async function cancelUnshippedFulfillments(tx: DbOrTx, order: { id: string; storeId: string }, actor: Actor) {
  const pending = await tx
    .select()
    .from(fulfillments)
    .where(and(eq(fulfillments.orderId, order.id), eq(fulfillments.status, "pending")));
  for (const f of pending) {
    const items = await tx.select().from(fulfillmentItems).where(eq(fulfillmentItems.fulfillmentId, f.id));
    for (const item of items) {
      await tx
        .update(lineItems)
        .set({ quantityFulfilled: sql`${lineItems.quantityFulfilled} - ${item.quantity}` })
        .where(eq(lineItems.id, item.lineItemId));
    }
    await tx.update(fulfillments).set({ status: "cancelled" }).where(eq(fulfillments.id, f.id));
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: "fulfillment.cancelled",
      data: {
        fulfillmentId: f.id,
        reason: "Cancelled before it was handed to the carrier, so the order could be cancelled",
      },
    });
  }
  return pending.length;
}

async function refreshFulfillmentStatus(tx: DbOrTx, orderId: string) {
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, orderId));
  const shipments = await tx
    .select({ status: fulfillments.status })
    .from(fulfillments)
    .where(eq(fulfillments.orderId, orderId));
  await tx
    .update(orders)
    .set({ fulfillmentStatus: deriveFulfillmentStatus(lines, shipments), updatedAt: new Date() })
    .where(eq(orders.id, orderId));
}

export async function recordFulfillment(
  db: Db,
  input: {
    orderId: string;
    lines: { lineItemId: string; quantity: number }[];
    carrier?: string;
    trackingNumber?: string;
    trackingUrl?: string;
    shippedAt?: Date;
  },
  actor: Actor,
): Promise<{ fulfillmentId: string }> {
  const chosen = input.lines.filter((l) => l.quantity > 0);
  if (chosen.length === 0)
    throw new DomainError("invalid_input", "Choose at least one item.", {
      lines: ["Choose at least one item"],
    });
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (order.status === "cancelled") throw new DomainError("conflict", "This order is cancelled.");
    const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
    const fieldErrors: Record<string, string[]> = {};
    chosen.forEach((c, i) => {
      const line = lines.find((l) => l.id === c.lineItemId);
      const open = line ? line.quantity - line.quantityCancelled - line.quantityFulfilled : 0;
      if (c.quantity > open)
        fieldErrors[`lines.${i}.quantity`] = [line ? `At most ${open} left to fulfil` : "Not on this order"];
    });
    if (Object.keys(fieldErrors).length)
      throw new DomainError("invalid_input", "Some quantities cannot be fulfilled.", fieldErrors);
    const [row] = await tx
      .insert(fulfillments)
      .values({
        orderId: order.id,
        status: input.shippedAt ? "in_transit" : "pending",
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        trackingUrl: input.trackingUrl,
        shippedAt: input.shippedAt,
      })
      .returning({ id: fulfillments.id });
    await tx
      .insert(fulfillmentItems)
      .values(
        chosen.map((c) => ({ fulfillmentId: row!.id, lineItemId: c.lineItemId, quantity: c.quantity })),
      );
    for (const c of chosen) {
      await tx
        .update(lineItems)
        .set({ quantityFulfilled: sql`${lineItems.quantityFulfilled} + ${c.quantity}` })
        .where(eq(lineItems.id, c.lineItemId));
    }
    await refreshFulfillmentStatus(tx, order.id);
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: input.shippedAt ? "fulfillment.shipped" : "fulfillment.created",
      data: {
        fulfillmentId: row!.id,
        carrier: input.carrier ?? null,
        trackingNumber: input.trackingNumber ?? null,
      },
    });
    return { fulfillmentId: row!.id };
  });
}

export async function markDelivered(
  db: Db,
  input: { fulfillmentId: string; deliveredAt?: Date },
  actor: Actor,
) {
  await db.transaction(async (tx) => {
    const [f] = await tx.select().from(fulfillments).where(eq(fulfillments.id, input.fulfillmentId));
    if (!f) throw new DomainError("not_found", "No such fulfilment.");
    const order = await lockOrder(tx, f.orderId);
    if (f.status === "delivered") return;
    if (f.status === "cancelled") throw new DomainError("conflict", "This fulfilment was cancelled.");
    const at = input.deliveredAt ?? new Date();
    await tx
      .update(fulfillments)
      .set({ status: "delivered", deliveredAt: at, shippedAt: f.shippedAt ?? at })
      .where(eq(fulfillments.id, f.id));
    await refreshFulfillmentStatus(tx, order.id);
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: "fulfillment.delivered",
      data: { fulfillmentId: f.id },
    });
  });
}
