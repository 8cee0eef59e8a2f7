// Re-importing an order the store's platform sent before (same external id): only what may change
// after the fact is applied — payment capture, risk, fulfilments and tracking, the customer's name
// and locale. What the shopper bought and was charged for (number, e-mail, currency, lines,
// shipping, the payment itself) is fixed at import; a different value is refused as a conflict,
// never silently dropped. Nothing that did not change is written, and an unchanged import writes
// nothing at all. Every change is one `order.updated` event listing the fields.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  customers,
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  refunds,
} from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, type NewEvent, recordEvents } from "@/lib/events/record";
import { lockOrder } from "@/lib/refunds/commands";
import type { OrderImportParsed } from "./schemas";
import { deriveFinancialStatus, deriveFulfillmentStatus } from "./status";

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof lineItems.$inferSelect;
type ImportFulfillment = OrderImportParsed["fulfillments"][number];

export type UpdateResult = { orderId: string; number: string; created: false; changed: string[] };

const sameTime = (a: Date | null | undefined, b: Date | null | undefined) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function updateImportedOrder(
  tx: DbOrTx,
  orderId: string,
  input: OrderImportParsed,
  actor: Actor,
): Promise<UpdateResult> {
  const order = await lockOrder(tx, orderId);
  const lines = await tx
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, order.id))
    .orderBy(lineItems.position);
  const payments = await tx
    .select()
    .from(paymentTransactions)
    .where(eq(paymentTransactions.orderId, order.id));
  refuseFixedChanges(order, lines, payments, input);

  const changed: string[] = [];
  const timeline: NewEvent[] = [];
  const base = {
    storeId: order.storeId,
    subjectType: "order" as const,
    subjectId: order.id,
    orderId: order.id,
    actor,
  };
  const patch: Partial<typeof orders.$inferInsert> = {};

  if (input.locale !== undefined && input.locale !== order.locale) {
    patch.locale = input.locale;
    changed.push("locale");
  }
  if (input.customerName !== undefined && order.customerId) {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
    if (customer && customer.name !== input.customerName) {
      await tx.update(customers).set({ name: input.customerName }).where(eq(customers.id, customer.id));
      changed.push("customerName");
    }
  }
  if (
    input.risk &&
    (input.risk.level !== order.riskLevel || input.risk.reasons.join("\n") !== order.riskReasons.join("\n"))
  ) {
    Object.assign(patch, { riskLevel: input.risk.level, riskReasons: input.risk.reasons });
    changed.push("risk");
  }
  await applyPayment(tx, order, payments, input, patch, changed);
  const shipmentsChanged = await applyFulfillments(
    tx,
    order,
    lines,
    input.fulfillments,
    changed,
    timeline,
    base,
  );

  if (Object.keys(patch).length > 0 || shipmentsChanged) {
    await tx
      .update(orders)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orders.id, order.id));
  }
  if (shipmentsChanged) await refreshFulfillmentStatus(tx, order.id);
  if (changed.length > 0) {
    timeline.unshift({ ...base, type: "order.updated", data: { changed, source: "import" } });
    await recordEvents(tx, timeline);
  }
  return { orderId: order.id, number: order.number, created: false, changed };
}

function refuseFixedChanges(
  order: OrderRow,
  lines: LineRow[],
  payments: (typeof paymentTransactions.$inferSelect)[],
  input: OrderImportParsed,
) {
  const fields: Record<string, string[]> = {};
  const fixed = (field: string, same: boolean) => {
    if (!same) fields[field] = ["cannot change once the order is imported"];
  };
  fixed("number", input.number === order.number);
  fixed("email", input.email === order.email);
  fixed("currency", input.currency === order.currency);
  fixed("placedAt", sameTime(input.placedAt, order.placedAt));
  fixed("shipping", input.shipping === order.shippingTotal);
  fixed("shippingTax", input.shippingTax === order.shippingTaxTotal);
  fixed("lines", input.lines.length === lines.length);
  input.lines.forEach((l, i) => {
    const row = lines[i];
    const same =
      !!row &&
      row.sku === l.sku &&
      row.title === l.title &&
      (row.variantTitle ?? undefined) === l.variantTitle &&
      row.quantity === l.quantity &&
      row.unitPrice === l.unitPrice &&
      row.discountAllocation === l.discount &&
      row.taxAllocation === l.tax &&
      row.finalSale === l.finalSale &&
      row.restockable === l.restockable &&
      row.tags.join("\n") === l.tags.join("\n");
    fixed(`lines.${i}`, same);
  });
  const original = payments.find((p) => p.kind === "sale" || p.kind === "authorization") ?? payments[0];
  if (original) {
    fixed("payment.gateway", original.gateway === input.payment.gateway);
    fixed("payment.reference", original.gatewayReference === input.payment.reference);
    fixed("payment.method", JSON.stringify(original.paymentMethod) === JSON.stringify(input.payment.method));
  }
  if (Object.keys(fields).length > 0) {
    throw new DomainError(
      "conflict",
      `Order #${order.number} was imported before; these fields cannot change: ${Object.keys(fields).join(", ")}.`,
      fields,
    );
  }
}

/** Capture only moves forward: more captured is recorded as a capture, less is refused. */
async function applyPayment(
  tx: DbOrTx,
  order: OrderRow,
  payments: (typeof paymentTransactions.$inferSelect)[],
  input: OrderImportParsed,
  patch: Partial<typeof orders.$inferInsert>,
  changed: string[],
) {
  if (input.paidAt && !sameTime(input.paidAt, order.paidAt)) {
    patch.paidAt = input.paidAt;
    changed.push("paidAt");
  }
  const captured = input.payment.status === "captured" ? (input.payment.amount ?? order.total) : 0;
  const authorizedNow = input.payment.status === "authorized" && order.financialStatus === "pending";
  if (captured < order.capturedAmount) {
    throw new DomainError("conflict", "A captured amount cannot go down; refund through Aftercare instead.", {
      "payment.amount": [`at least ${order.capturedAmount} was captured already`],
    });
  }
  if (captured > order.total) {
    throw new DomainError("invalid_input", "The captured amount exceeds the order total.", {
      "payment.amount": ["cannot exceed the order total"],
    });
  }
  if (captured === order.capturedAmount && !authorizedNow) return;
  const original = payments.find((p) => p.kind === "sale" || p.kind === "authorization") ?? payments[0];
  await tx.insert(paymentTransactions).values({
    orderId: order.id,
    parentId: original?.id ?? null,
    gateway: input.payment.gateway,
    kind: authorizedNow ? "authorization" : "capture",
    status: "success",
    amount: authorizedNow ? order.total : captured - order.capturedAmount,
    currency: order.currency,
    gatewayReference: input.payment.reference,
    paymentMethod: input.payment.method,
    fee: 0,
  });
  const [settled] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, order.id), eq(refunds.status, "succeeded")));
  patch.capturedAmount = captured;
  patch.financialStatus = deriveFinancialStatus({
    capturedAmount: captured,
    refundedAmount: Number(settled?.total ?? 0),
    authorized: input.payment.status === "authorized",
  });
  if (captured > 0 && !order.paidAt && !patch.paidAt) patch.paidAt = input.paidAt ?? new Date();
  changed.push(authorizedNow ? "payment.status" : "payment.amount");
}

const lineKey = (items: { sku: string; quantity: number }[]) =>
  items
    .map((i) => `${i.sku}:${i.quantity}`)
    .sort()
    .join(",");

/**
 * Matches each imported fulfilment to a recorded one (same tracking number, else the same
 * items), updates tracking and times that changed, and records the ones not seen before.
 * A recorded fulfilment missing from the import is left alone: imports never delete.
 */
async function applyFulfillments(
  tx: DbOrTx,
  order: OrderRow,
  lines: LineRow[],
  incoming: ImportFulfillment[],
  changed: string[],
  timeline: NewEvent[],
  base: Omit<NewEvent, "type">,
): Promise<boolean> {
  if (incoming.length === 0) return false;
  const recorded = await tx
    .select()
    .from(fulfillments)
    .where(eq(fulfillments.orderId, order.id))
    .orderBy(fulfillments.createdAt);
  const items = await tx
    .select({
      fulfillmentId: fulfillmentItems.fulfillmentId,
      sku: lineItems.sku,
      quantity: fulfillmentItems.quantity,
    })
    .from(fulfillmentItems)
    .innerJoin(lineItems, eq(lineItems.id, fulfillmentItems.lineItemId))
    .where(eq(lineItems.orderId, order.id));
  const candidates = recorded
    .filter((f) => f.status !== "cancelled")
    .map((f) => ({ row: f, key: lineKey(items.filter((i) => i.fulfillmentId === f.id)) }));
  const used = new Set<string>();
  let any = false;
  for (const [i, f] of incoming.entries()) {
    const free = candidates.filter((c) => !used.has(c.row.id));
    const match =
      (f.trackingNumber ? free.find((c) => c.row.trackingNumber === f.trackingNumber) : undefined) ??
      free.find((c) => c.key === lineKey(f.lines) && (!c.row.trackingNumber || !f.trackingNumber));
    if (match) {
      used.add(match.row.id);
      any = (await updateFulfillment(tx, match.row, f, `fulfillments.${i}`, changed, timeline, base)) || any;
    } else {
      await addFulfillment(tx, lines, f, i, timeline, base);
      changed.push(`fulfillments.${i}`);
      any = true;
    }
  }
  return any;
}

async function updateFulfillment(
  tx: DbOrTx,
  row: typeof fulfillments.$inferSelect,
  f: ImportFulfillment,
  path: string,
  changed: string[],
  timeline: NewEvent[],
  base: Omit<NewEvent, "type">,
): Promise<boolean> {
  const patch: Partial<typeof fulfillments.$inferInsert> = {};
  for (const field of ["carrier", "trackingNumber", "trackingUrl"] as const) {
    if (f[field] !== undefined && f[field] !== row[field]) patch[field] = f[field];
  }
  if (f.shippedAt && !sameTime(f.shippedAt, row.shippedAt)) patch.shippedAt = f.shippedAt;
  if (f.deliveredAt && !sameTime(f.deliveredAt, row.deliveredAt)) patch.deliveredAt = f.deliveredAt;
  const fields = Object.keys(patch);
  if (fields.length === 0) return false;
  if (patch.deliveredAt) {
    patch.status = "delivered";
    patch.shippedAt ??= row.shippedAt ?? patch.deliveredAt;
  } else if (patch.shippedAt && row.status === "pending") {
    patch.status = "in_transit";
  }
  await tx.update(fulfillments).set(patch).where(eq(fulfillments.id, row.id));
  changed.push(...fields.map((field) => `${path}.${field}`));
  if (patch.status === "in_transit" || (patch.status === "delivered" && !row.shippedAt)) {
    timeline.push({
      ...base,
      type: "fulfillment.shipped",
      data: { fulfillmentId: row.id, carrier: patch.carrier ?? row.carrier },
      at: patch.shippedAt ?? undefined,
    });
  }
  if (patch.status === "delivered" && row.status !== "delivered") {
    timeline.push({
      ...base,
      type: "fulfillment.delivered",
      data: { fulfillmentId: row.id },
      at: patch.deliveredAt ?? undefined,
    });
  }
  return true;
}

async function addFulfillment(
  tx: DbOrTx,
  lines: LineRow[],
  f: ImportFulfillment,
  index: number,
  timeline: NewEvent[],
  base: Omit<NewEvent, "type">,
) {
  const fields: Record<string, string[]> = {};
  f.lines.forEach((l, j) => {
    const line = lines.find((row) => row.sku === l.sku);
    const open = line ? line.quantity - line.quantityCancelled - line.quantityFulfilled : 0;
    if (!line) fields[`fulfillments.${index}.lines.${j}.sku`] = [`unknown sku ${l.sku}`];
    else if (l.quantity > open)
      fields[`fulfillments.${index}.lines.${j}.quantity`] = [`at most ${open} left to fulfil`];
  });
  if (Object.keys(fields).length > 0) {
    throw new DomainError("invalid_input", "A new fulfilment asks for more than is left to fulfil.", fields);
  }
  const status = f.deliveredAt ? "delivered" : f.shippedAt ? "in_transit" : "pending";
  const [row] = await tx
    .insert(fulfillments)
    .values({
      orderId: base.orderId!,
      status,
      carrier: f.carrier,
      trackingNumber: f.trackingNumber,
      trackingUrl: f.trackingUrl,
      shippedAt: f.shippedAt ?? f.deliveredAt,
      deliveredAt: f.deliveredAt,
    })
    .returning({ id: fulfillments.id });
  for (const l of f.lines) {
    const line = lines.find((row) => row.sku === l.sku)!;
    await tx
      .insert(fulfillmentItems)
      .values({ fulfillmentId: row!.id, lineItemId: line.id, quantity: l.quantity });
    await tx
      .update(lineItems)
      .set({ quantityFulfilled: sql`${lineItems.quantityFulfilled} + ${l.quantity}` })
      .where(eq(lineItems.id, line.id));
    line.quantityFulfilled += l.quantity;
  }
  const shippedAt = f.shippedAt ?? f.deliveredAt;
  if (shippedAt)
    timeline.push({
      ...base,
      type: "fulfillment.shipped",
      data: { fulfillmentId: row!.id, carrier: f.carrier ?? null },
      at: shippedAt,
    });
  if (f.deliveredAt)
    timeline.push({
      ...base,
      type: "fulfillment.delivered",
      data: { fulfillmentId: row!.id },
      at: f.deliveredAt,
    });
}

async function refreshFulfillmentStatus(tx: DbOrTx, orderId: string) {
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, orderId));
  const shipments = await tx
    .select({ status: fulfillments.status })
    .from(fulfillments)
    .where(eq(fulfillments.orderId, orderId));
  await tx
    .update(orders)
    .set({ fulfillmentStatus: deriveFulfillmentStatus(lines, shipments) })
    .where(eq(orders.id, orderId));
}
