// Deterministic demo store: the same `now` and seed give the same rows. Orders go through the
// orders slice's import command; the history of a few orders (requests and refunds that
// happened before today) is written as it would have been left by the engine.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import {
  lineItems,
  orders,
  products,
  refundLines,
  refunds,
  requestItems,
  requests,
  sandboxRefunds,
  stores,
  variants,
} from "@/lib/db/schema";
import { type Actor, type NewEvent, recordEvents } from "@/lib/events/record";
import { importOrder } from "@/lib/orders/commands";
import { ensureDefaultRuleSet } from "@/lib/rules/rule-sets";
import type { OrderImport } from "@/lib/orders/schemas";
import { DEMO_PRODUCTS, DEMO_STORE, DEMO_STORE_ID, SHIPPING, vat } from "./catalog";

const SEED_ACTOR: Actor = { type: "system", id: "demo-seed" };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type LineSpec = [sku: string, quantity: number, discount?: number];
type OrderSpec = {
  number: string;
  email: string;
  name: string;
  locale?: "en" | "nb" | "zh";
  placedAgo: number;
  lines: LineSpec[];
  method:
    | { type: "card"; brand: string; last4: string }
    | { type: "wallet"; wallet: string }
    | { type: "bank_transfer"; bank: string };
  reference: string;
  authorizedOnly?: boolean;
  risk?: { level: "medium" | "high"; reasons: string[] };
  fulfil?: {
    skus?: string[];
    shippedAgo: number;
    deliveredAgo?: number;
    carrier?: string;
    tracking?: string;
  };
};

const card = (last4: string) => ({ type: "card" as const, brand: "visa", last4 });

/** The twelve orders the README lists; each shows one state a shopper or merchant meets. */
export const DEMO_ORDERS: OrderSpec[] = [
  {
    number: "1001",
    email: "ada@example.com",
    name: "Ada Lund",
    placedAgo: 2 * HOUR,
    lines: [
      ["NS-SWEATER-M", 1],
      ["NS-BEANIE", 2],
    ],
    method: card("4242"),
    reference: "pm_ok_1001",
  },
  {
    number: "1002",
    email: "ada@example.com",
    name: "Ada Lund",
    placedAgo: 8 * DAY,
    lines: [
      ["NS-JACKET-L", 1],
      ["NS-BASE-S", 2],
      ["NS-SOCKS-3", 1],
    ],
    method: card("4242"),
    reference: "pm_ok_1002",
    fulfil: { shippedAgo: 6 * DAY, deliveredAgo: 3 * DAY, carrier: "Posten", tracking: "70712345678901001" },
  },
  {
    number: "1003",
    email: "bo@example.com",
    name: "Bo Berg",
    locale: "nb",
    placedAgo: 50 * DAY,
    lines: [["NS-SWEATER-M", 1]],
    method: card("1881"),
    reference: "pm_ok_1003",
    fulfil: {
      shippedAgo: 48 * DAY,
      deliveredAgo: 45 * DAY,
      carrier: "Posten",
      tracking: "70712345678901003",
    },
  },
  {
    number: "1004",
    email: "bo@example.com",
    name: "Bo Berg",
    locale: "nb",
    placedAgo: 6 * DAY,
    lines: [
      ["NS-BOTTLE", 1],
      ["NS-MITTENS-SALE", 2],
    ],
    method: card("1881"),
    reference: "pm_ok_1004",
    fulfil: { shippedAgo: 4 * DAY, deliveredAgo: 2 * DAY, carrier: "Bring", tracking: "CS123456784NO" },
  },
  {
    number: "1005",
    email: "chen@example.com",
    name: "Chen Wei",
    locale: "zh",
    placedAgo: 1 * HOUR,
    lines: [["NS-PARKA-M", 2]],
    method: card("0005"),
    reference: "pm_ok_1005",
    risk: {
      level: "high",
      reasons: [
        "Billing and shipping countries differ",
        "Card issued in another country than the IP address",
        "Three orders with different cards within one hour",
      ],
    },
  },
  {
    number: "1006",
    email: "chen@example.com",
    name: "Chen Wei",
    locale: "zh",
    placedAgo: 3 * DAY,
    lines: [["NS-JACKET-L", 1]],
    method: card("0005"),
    reference: "pm_ok_1006",
    fulfil: { shippedAgo: 1 * DAY, carrier: "PostNord", tracking: "00370712345678901006" },
  },
  {
    number: "1007",
    email: "dag@example.com",
    name: "Dag Holm",
    locale: "nb",
    placedAgo: 15 * DAY,
    lines: [
      ["NS-SWEATER-M", 1],
      ["NS-BEANIE", 1],
    ],
    method: card("5555"),
    reference: "pm_ok_1007",
    fulfil: {
      shippedAgo: 13 * DAY,
      deliveredAgo: 10 * DAY,
      carrier: "Posten",
      tracking: "70712345678901007",
    },
  },
  {
    number: "1008",
    email: "dag@example.com",
    name: "Dag Holm",
    locale: "nb",
    placedAgo: 9 * DAY,
    lines: [["NS-BOTTLE", 2]],
    method: card("5555"),
    reference: "pm_ok_1008",
  },
  {
    number: "1009",
    email: "eva@example.com",
    name: "Eva Strand",
    placedAgo: 5 * DAY,
    lines: [["NS-BASE-S", 1]],
    method: card("3220"),
    reference: "pm_ok_1009",
  },
  {
    number: "1010",
    email: "eva@example.com",
    name: "Eva Strand",
    placedAgo: 20 * DAY,
    lines: [["NS-JACKET-L", 1]],
    method: card("0069"),
    reference: "pm_card_expired_1010",
    fulfil: {
      shippedAgo: 17 * DAY,
      deliveredAgo: 14 * DAY,
      carrier: "Posten",
      tracking: "70712345678901010",
    },
  },
  {
    number: "1011",
    email: "frida@example.com",
    name: "Frida Nilsen",
    placedAgo: 4 * DAY,
    lines: [
      ["NS-SWEATER-M", 1],
      ["NS-BEANIE", 1],
    ],
    method: { type: "wallet", wallet: "Apple Pay" },
    reference: "pm_ok_1011",
    fulfil: {
      skus: ["NS-SWEATER-M"],
      shippedAgo: 3 * DAY,
      deliveredAgo: 1 * DAY,
      carrier: "Bring",
      tracking: "CS123456798NO",
    },
  },
  {
    number: "1012",
    email: "frida@example.com",
    name: "Frida Nilsen",
    placedAgo: 9 * DAY,
    lines: [
      ["NS-PARKA-M", 1],
      ["NS-SOCKS-3", 1],
    ],
    method: card("7777"),
    reference: "pm_ok_1012",
    fulfil: { shippedAgo: 7 * DAY, deliveredAgo: 5 * DAY, carrier: "Posten", tracking: "70712345678901012" },
  },
];

function toImport(spec: OrderSpec, now: number): OrderImport {
  const placedAt = new Date(now - spec.placedAgo);
  const lines = spec.lines.map(([sku, quantity, discount = 0]) => {
    const p = DEMO_PRODUCTS.find((x) => x.sku === sku);
    if (!p) throw new Error(`unknown demo sku ${sku}`);
    return {
      sku,
      title: p.title,
      variantTitle: p.variantTitle,
      quantity,
      unitPrice: p.price,
      discount,
      tax: vat(p.price * quantity - discount),
      finalSale: p.finalSale ?? false,
      restockable: p.restockable ?? true,
      tags: p.tags,
    };
  });
  const fulfilments = spec.fulfil
    ? [
        {
          lines: lines
            .filter((l) => !spec.fulfil!.skus || spec.fulfil!.skus.includes(l.sku))
            .map((l) => ({ sku: l.sku, quantity: l.quantity })),
          carrier: spec.fulfil.carrier,
          trackingNumber: spec.fulfil.tracking,
          shippedAt: new Date(now - spec.fulfil.shippedAgo),
          deliveredAt:
            spec.fulfil.deliveredAgo === undefined ? undefined : new Date(now - spec.fulfil.deliveredAgo),
        },
      ]
    : [];
  return {
    externalId: `demo-${spec.number}`,
    number: spec.number,
    email: spec.email,
    customerName: spec.name,
    locale: spec.locale,
    currency: "NOK",
    placedAt,
    paidAt: spec.authorizedOnly ? undefined : new Date(placedAt.getTime() + 60_000),
    lines,
    shipping: SHIPPING,
    shippingTax: vat(SHIPPING),
    payment: {
      gateway: "sandbox",
      reference: spec.reference,
      method: spec.method,
      status: spec.authorizedOnly ? "authorized" : "captured",
      fee: 0,
    },
    risk: spec.risk,
    fulfillments: fulfilments,
  };
}

/** Seeds the demo store once; returns false when a store already exists. */
export async function seedDemoStore(
  db: Db,
  options: { now?: Date; generated?: number; seed?: number } = {},
): Promise<boolean> {
  const now = (options.now ?? new Date()).getTime();
  const existing = await db.select({ id: stores.id }).from(stores).limit(1);
  if (existing.length > 0) return false;

  await db.transaction(async (tx) => {
    await tx.insert(stores).values({ ...DEMO_STORE, holidays: [...DEMO_STORE.holidays] });
    for (const p of DEMO_PRODUCTS) {
      const [product] = await tx
        .insert(products)
        .values({
          storeId: DEMO_STORE_ID,
          title: p.title,
          tags: p.tags,
          finalSale: p.finalSale ?? false,
          restockable: p.restockable ?? true,
        })
        .returning({ id: products.id });
      await tx.insert(variants).values({
        storeId: DEMO_STORE_ID,
        productId: product!.id,
        sku: p.sku,
        title: p.variantTitle ?? "Default",
        price: p.price,
        currency: "NOK",
        inventory: p.inventory,
      });
    }
    for (const spec of generatedOrders(options.generated ?? 300, options.seed ?? 20261123)) {
      await importOrder(tx, DEMO_STORE_ID, toImport(spec, now), SEED_ACTOR);
    }
    for (const spec of DEMO_ORDERS) {
      await importOrder(tx, DEMO_STORE_ID, toImport(spec, now), SEED_ACTOR);
    }
    await seedHistory(tx, now);
    await ensureDefaultRuleSet(tx, DEMO_STORE_ID, SEED_ACTOR);
  });
  return true;
}

/** Empties every table and the job queue (migrations stay); `npm run seed -- --reset`. */
export async function resetDatabase(db: Db) {
  await db.execute(sql`
    truncate table stores, customers, products, variants, orders, line_items, payment_transactions,
      fulfillments, fulfillment_items, requests, request_items, request_photos, refunds, refund_lines,
      rule_sets, events, staff_users, api_keys, api_idempotency, webhook_endpoints, webhook_deliveries,
      notifications, rate_limits, verification_tokens, request_notes, sandbox_refunds, sandbox_calls
      restart identity cascade`);
  // Jobs queued for rows that no longer exist would only fail; the queues themselves stay.
  await db.execute(sql`delete from pgboss.job`);
}

// ---- history of #1007, #1008, #1010, #1012 ----

async function loadOrder(tx: DbOrTx, number: string) {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, DEMO_STORE_ID), eq(orders.number, number)));
  const lines = await tx
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, order!.id))
    .orderBy(lineItems.position);
  return { order: order!, lines };
}

const lineAmount = (l: {
  unitPrice: number;
  discountAllocation: number;
  taxAllocation: number;
  quantity: number;
}) => l.unitPrice * l.quantity - l.discountAllocation + l.taxAllocation;

async function seedHistory(tx: DbOrTx, now: number) {
  const ev: NewEvent[] = [];
  const at = (ago: number) => new Date(now - ago);
  const base = (orderId: string) => ({ storeId: DEMO_STORE_ID, orderId, actor: SEED_ACTOR });

  // #1007: the beanie was returned and refunded; the sweater was kept.
  {
    const { order, lines } = await loadOrder(tx, "1007");
    const beanie = lines.find((l) => l.sku === "NS-BEANIE")!;
    const amount = lineAmount(beanie);
    const [req] = await tx
      .insert(requests)
      .values({
        orderId: order.id,
        type: "return",
        status: "completed",
        reasonCode: "no_longer_needed",
        idempotencyKey: "demo-1007-return",
        previewAmount: amount,
        currency: "NOK",
        decision: {
          outcome: "auto_approve",
          explanation: "Return inside the 30-day window under the maximum refund",
        },
        decidedAt: at(8 * DAY),
        createdAt: at(8 * DAY),
        updatedAt: at(5 * DAY),
      })
      .returning({ id: requests.id });
    await tx
      .insert(requestItems)
      .values({ requestId: req!.id, lineItemId: beanie.id, quantity: 1, restockQuantity: 1 });
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        requestId: req!.id,
        amount,
        currency: "NOK",
        restock: true,
        status: "succeeded",
        gateway: "sandbox",
        paymentMethodType: "card",
        gatewayRefundId: "sbx_re_demo_1007",
        paymentReference: "pm_ok_1007",
        idempotencyKey: "demo-1007-refund-1",
        attempts: 1,
        expectedFrom: null,
        expectedTo: null,
        submittedAt: at(6 * DAY),
        settledAt: at(5 * DAY),
        createdByType: "rule",
        createdAt: at(6 * DAY),
        updatedAt: at(5 * DAY),
      })
      .returning({ id: refunds.id });
    await tx
      .insert(refundLines)
      .values({ refundId: refund!.id, lineItemId: beanie.id, quantity: 1, amount, restockQuantity: 1 });
    await tx
      .update(lineItems)
      .set({ quantityReturned: 1, quantityRefunded: 1, quantityRestocked: 1 })
      .where(eq(lineItems.id, beanie.id));
    await tx
      .update(orders)
      .set({ refundedAmount: amount, financialStatus: "partially_refunded" })
      .where(eq(orders.id, order.id));
    ev.push(
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "shopper" },
        type: "request.submitted",
        data: { type: "return" },
        at: at(8 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "rule", id: "return-in-window" },
        type: "request.approved",
        data: {},
        at: at(8 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        type: "request.item_received",
        data: {},
        at: at(6 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        type: "refund.submitted",
        data: { amount },
        at: at(6 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        actor: { type: "gateway", id: "sandbox" },
        type: "refund.succeeded",
        data: { amount },
        at: at(5 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        type: "request.completed",
        data: {},
        at: at(5 * DAY),
      },
    );
  }

  // #1008: cancelled by the shopper before shipping and refunded in full, stock put back.
  {
    const { order, lines } = await loadOrder(tx, "1008");
    const bottle = lines[0]!;
    const amount = order.capturedAmount;
    const [req] = await tx
      .insert(requests)
      .values({
        orderId: order.id,
        type: "cancellation",
        status: "completed",
        reasonCode: "ordered_by_mistake",
        idempotencyKey: "demo-1008-cancel",
        previewAmount: amount,
        currency: "NOK",
        includeShipping: true,
        decision: { outcome: "auto_approve", explanation: "Cancellation of an unfulfilled order" },
        decidedAt: at(9 * DAY - HOUR),
        createdAt: at(9 * DAY - HOUR),
        updatedAt: at(8 * DAY),
      })
      .returning({ id: requests.id });
    await tx
      .insert(requestItems)
      .values({ requestId: req!.id, lineItemId: bottle.id, quantity: 2, restockQuantity: 2 });
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        requestId: req!.id,
        amount,
        currency: "NOK",
        shippingAmount: order.shippingTotal + order.shippingTaxTotal,
        restock: true,
        status: "succeeded",
        gateway: "sandbox",
        paymentMethodType: "card",
        gatewayRefundId: "sbx_re_demo_1008",
        paymentReference: "pm_ok_1008",
        idempotencyKey: "demo-1008-refund-1",
        attempts: 1,
        submittedAt: at(9 * DAY - HOUR),
        settledAt: at(8 * DAY),
        createdByType: "rule",
        createdAt: at(9 * DAY - HOUR),
        updatedAt: at(8 * DAY),
      })
      .returning({ id: refunds.id });
    await tx.insert(refundLines).values({
      refundId: refund!.id,
      lineItemId: bottle.id,
      quantity: 2,
      amount: lineAmount(bottle),
      restockQuantity: 2,
    });
    await tx
      .update(lineItems)
      .set({ quantityCancelled: 2, quantityRefunded: 2, quantityRestocked: 2 })
      .where(eq(lineItems.id, bottle.id));
    await tx
      .update(orders)
      .set({
        refundedAmount: amount,
        shippingRefunded: order.shippingTotal + order.shippingTaxTotal,
        financialStatus: "refunded",
        status: "cancelled",
        cancelReason: "customer",
        cancelledAt: at(9 * DAY - HOUR),
      })
      .where(eq(orders.id, order.id));
    ev.push(
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "shopper" },
        type: "request.submitted",
        data: { type: "cancellation" },
        at: at(9 * DAY - HOUR),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "rule", id: "cancel-unfulfilled" },
        type: "request.approved",
        data: {},
        at: at(9 * DAY - HOUR),
      },
      {
        ...base(order.id),
        subjectType: "order",
        subjectId: order.id,
        type: "order.cancelled",
        data: { reason: "customer" },
        at: at(9 * DAY - HOUR),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        type: "refund.submitted",
        data: { amount },
        at: at(9 * DAY - HOUR),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        actor: { type: "gateway", id: "sandbox" },
        type: "refund.succeeded",
        data: { amount },
        at: at(8 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        type: "request.completed",
        data: {},
        at: at(8 * DAY),
      },
    );
  }

  // #1010: return approved and received, but the bank refused the refund (card expired).
  {
    const { order, lines } = await loadOrder(tx, "1010");
    const jacket = lines[0]!;
    const amount = lineAmount(jacket);
    const [req] = await tx
      .insert(requests)
      .values({
        orderId: order.id,
        type: "return",
        status: "refunding",
        reasonCode: "doesnt_fit",
        idempotencyKey: "demo-1010-return",
        previewAmount: amount,
        currency: "NOK",
        decision: {
          outcome: "auto_approve",
          explanation: "Return inside the 30-day window under the maximum refund",
        },
        decidedAt: at(10 * DAY),
        createdAt: at(10 * DAY),
        updatedAt: at(4 * DAY),
      })
      .returning({ id: requests.id });
    await tx
      .insert(requestItems)
      .values({ requestId: req!.id, lineItemId: jacket.id, quantity: 1, restockQuantity: 1 });
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        requestId: req!.id,
        amount,
        currency: "NOK",
        restock: true,
        status: "failed",
        gateway: "sandbox",
        paymentMethodType: "card",
        gatewayRefundId: "sbx_re_demo_1010",
        paymentReference: "pm_card_expired_1010",
        idempotencyKey: "demo-1010-refund-1",
        attempts: 1,
        failureCode: "expired_or_canceled_card",
        failureReason: "The card has expired.",
        submittedAt: at(5 * DAY),
        createdByType: "rule",
        createdAt: at(5 * DAY),
        updatedAt: at(4 * DAY),
      })
      .returning({ id: refunds.id });
    await tx
      .insert(refundLines)
      .values({ refundId: refund!.id, lineItemId: jacket.id, quantity: 1, amount, restockQuantity: 1 });
    await tx.update(lineItems).set({ quantityReturned: 1 }).where(eq(lineItems.id, jacket.id));
    ev.push(
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "shopper" },
        type: "request.submitted",
        data: { type: "return" },
        at: at(10 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "rule", id: "return-in-window" },
        type: "request.approved",
        data: {},
        at: at(10 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        type: "request.item_received",
        data: {},
        at: at(5 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        type: "refund.submitted",
        data: { amount },
        at: at(5 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "refund",
        subjectId: refund!.id,
        actor: { type: "gateway", id: "sandbox" },
        type: "refund.failed",
        data: { code: "expired_or_canceled_card", reason: "The card has expired." },
        at: at(4 * DAY),
      },
    );
  }

  // #1012: a return of both lines waits for a person (wrong item reported).
  {
    const { order, lines } = await loadOrder(tx, "1012");
    const amount = lines.reduce((n, l) => n + lineAmount(l), 0);
    const [req] = await tx
      .insert(requests)
      .values({
        orderId: order.id,
        type: "return",
        status: "pending_review",
        reasonCode: "wrong_item",
        comment: "The parka is the wrong colour and the socks came in the wrong size.",
        idempotencyKey: "demo-1012-return",
        previewAmount: amount,
        currency: "NOK",
        decision: {
          outcome: "review",
          explanation: "Wrong item reported: staff check the photos and the warehouse log",
        },
        createdAt: at(2 * DAY),
        updatedAt: at(2 * DAY),
      })
      .returning({ id: requests.id });
    await tx
      .insert(requestItems)
      .values(lines.map((l) => ({ requestId: req!.id, lineItemId: l.id, quantity: l.quantity })));
    ev.push(
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "shopper" },
        type: "request.submitted",
        data: { type: "return" },
        at: at(2 * DAY),
      },
      {
        ...base(order.id),
        subjectType: "request",
        subjectId: req!.id,
        actor: { type: "rule", id: "otherwise-review" },
        type: "request.sent_to_review",
        data: {},
        at: at(2 * DAY),
      },
    );
  }
  await recordEvents(tx, ev);
  await recordHistoryAtTheBank(tx);
}

/** The sandbox "bank" knows the history's refunds too, so reconciliation finds them agreeing. */
async function recordHistoryAtTheBank(tx: DbOrTx) {
  const rows = await tx
    .select()
    .from(refunds)
    .where(inArray(refunds.gatewayRefundId, ["sbx_re_demo_1007", "sbx_re_demo_1008", "sbx_re_demo_1010"]));
  if (rows.length === 0) return;
  await tx.insert(sandboxRefunds).values(
    rows.map((r) => ({
      id: r.gatewayRefundId!,
      idempotencyKey: r.idempotencyKey,
      paymentReference: r.paymentReference ?? "",
      amount: r.amount,
      currency: r.currency,
      metadata: { refundId: r.id },
      status: r.status,
      failureCode: r.failureCode,
      failureReason: r.failureReason,
      createdAt: r.submittedAt ?? r.createdAt,
    })),
  );
}

// ---- generated older orders ----

/** mulberry32: a tiny deterministic PRNG so the demo store is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = [
  "Ingrid",
  "Ola",
  "Kari",
  "Lars",
  "Mei",
  "Jonas",
  "Sofie",
  "Henrik",
  "Li",
  "Nora",
  "Emil",
  "Sara",
];
const LAST = [
  "Hansen",
  "Johansen",
  "Olsen",
  "Larsen",
  "Zhang",
  "Andersen",
  "Pedersen",
  "Nilsen",
  "Wang",
  "Berg",
];

function* generatedOrders(count: number, seed: number): Generator<OrderSpec> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const returnable = DEMO_PRODUCTS.filter((p) => p.sku !== "NS-GIFTCARD-500");
  for (let i = 0; i < count; i++) {
    const number = String(1000 - count + i);
    const first = pick(FIRST);
    const last = pick(LAST);
    const placedAgo = Math.floor((count - i) * 0.6 * DAY + rand() * DAY) + 60 * DAY;
    const lineCount = 1 + Math.floor(rand() * 3);
    const skus = new Set<string>();
    while (skus.size < lineCount) skus.add(pick(returnable).sku);
    const lines = [...skus].map((sku): LineSpec => [sku, 1 + Math.floor(rand() * 2)]);
    const method =
      rand() < 0.7
        ? card(String(1000 + Math.floor(rand() * 9000)))
        : rand() < 0.6
          ? { type: "wallet" as const, wallet: "Vipps" }
          : { type: "bank_transfer" as const, bank: "DNB" };
    yield {
      number,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      locale: pick(["en", "nb", "nb", "zh"] as const),
      placedAgo,
      lines,
      method,
      reference: `pm_ok_${number}`,
      fulfil: {
        shippedAgo: placedAgo - 2 * DAY,
        deliveredAgo: placedAgo - 4 * DAY,
        carrier: pick(["Posten", "Bring", "PostNord"]),
        tracking: `7071${number.padStart(12, "0")}`,
      },
    };
  }
}
