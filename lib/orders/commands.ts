// Orders slice: owns orders, line items, payment transactions and fulfilments.
// Guards: line quantities within bounds (cancelled + fulfilled <= purchased), totals computed
// here from the lines (never trusted from input), and every change with its event.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  customers,
  fulfillmentItems,
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
} from "@/lib/db/schema";
import { DomainError, zodFieldErrors } from "@/lib/errors";
import { type Actor, type NewEvent, recordEvents } from "@/lib/events/record";
import { type OrderImport, type OrderImportParsed, orderImportSchema } from "./schemas";
import { deriveFinancialStatus, deriveFulfillmentStatus } from "./status";

export type ImportResult = { orderId: string; number: string; created: boolean };

export function computeTotals(input: Pick<OrderImportParsed, "lines" | "shipping" | "shippingTax">) {
  const subtotal = input.lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const discountTotal = input.lines.reduce((n, l) => n + l.discount, 0);
  const lineTax = input.lines.reduce((n, l) => n + l.tax, 0);
  const taxTotal = lineTax + input.shippingTax;
  const total = subtotal - discountTotal + lineTax + input.shipping + input.shippingTax;
  return { subtotal, discountTotal, taxTotal, total };
}

/** Creates an order from the store's platform; an existing external id or number is returned unchanged. */
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
    if (existing[0]) return { orderId: existing[0].id, number: existing[0].number, created: false };
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
