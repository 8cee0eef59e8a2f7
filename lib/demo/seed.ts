// Deterministic demo store: the same `now` and seed give the same rows. Orders go through the
// orders slice's import command; the history of a few orders (requests and refunds that
// happened before today) is written as it would have been left by the engine.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import {
  lineItems,
  orders,
  products,
  refundFallbacks,
  refundLines,
  refunds,
  requestItems,
  requests,
  sandboxRefunds,
  stores,
  variants,
} from "@/lib/db/schema";
import { type Actor, type NewEvent, recordEvents } from "@/lib/events/record";
import { FALLBACK_LINK_DAYS } from "@/lib/fallbacks/hooks";
import { importOrder } from "@/lib/orders/commands";
import { settleLateOrderInTx } from "@/lib/orders/sla";
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

/** The orders the README lists; each shows one state a shopper or merchant meets. */
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
  {
    number: "1013",
    email: "gus@example.com",
    name: "Gus Lie",
    placedAgo: 4 * DAY,
    lines: [["NS-SWEATER-M", 1]],
    method: card("7272"),
    reference: "pm_ok_1013",
    risk: {
      level: "high",
      reasons: [
        "Shipping address is a parcel forwarder",
        "Card issued in another country than the IP address",
      ],
    },
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
    // #1013 missed its ship-by date: the scan's own step holds it for a person (high risk).
    await settleLateOrderInTx(tx, (await loadOrder(tx, "1013")).order.id, new Date(now));
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

type Ago = number;
type HistoryEvent = [
  subject: "request" | "refund" | "order",
  type: string,
  ago: Ago,
  actor?: Actor,
  data?: object,
];

const SHOPPER: Actor = { type: "shopper" };
const SANDBOX: Actor = { type: "gateway", id: "sandbox" };
const rule = (id: string): Actor => ({ type: "rule", id });
const IN_WINDOW = "Return inside the 30-day window under the maximum refund";

/**
 * One past request as the engine would have left it: the request and its items, its refund and
 * refund lines (when there is one), and its events. Times are "ago" offsets from `now`.
 */
async function seedRequestHistory(
  tx: DbOrTx,
  now: number,
  spec: {
    order: typeof orders.$inferSelect;
    request: Omit<
      typeof requests.$inferInsert,
      "orderId" | "currency" | "createdAt" | "updatedAt" | "decidedAt"
    > & {
      at: Ago;
      updated: Ago;
      decided?: boolean;
    };
    items: { lineItemId: string; quantity: number; restockQuantity?: number }[];
    refund?: Omit<
      typeof refunds.$inferInsert,
      | "orderId"
      | "storeId"
      | "requestId"
      | "currency"
      | "createdAt"
      | "updatedAt"
      | "submittedAt"
      | "settledAt"
      | "gateway"
    > & {
      submitted: Ago;
      settled?: Ago;
      updated: Ago;
      lines: { lineItemId: string; quantity: number; amount: number; restockQuantity: number }[];
    };
    events: HistoryEvent[];
  },
): Promise<NewEvent[]> {
  const at = (ago: Ago) => new Date(now - ago);
  const { order } = spec;
  const { at: requested, updated, decided = true, ...request } = spec.request;
  const [req] = await tx
    .insert(requests)
    .values({
      ...request,
      orderId: order.id,
      currency: order.currency,
      decidedAt: decided ? at(requested) : null,
      createdAt: at(requested),
      updatedAt: at(updated),
    })
    .returning({ id: requests.id });
  await tx.insert(requestItems).values(spec.items.map((i) => ({ ...i, requestId: req!.id })));
  let refundId: string | undefined;
  if (spec.refund) {
    const { submitted, settled, updated: refundUpdated, lines, ...refund } = spec.refund;
    const [row] = await tx
      .insert(refunds)
      .values({
        ...refund,
        orderId: order.id,
        storeId: order.storeId,
        requestId: req!.id,
        currency: order.currency,
        gateway: "sandbox",
        submittedAt: at(submitted),
        settledAt: settled === undefined ? null : at(settled),
        createdAt: at(submitted),
        updatedAt: at(refundUpdated),
      })
      .returning({ id: refunds.id });
    refundId = row!.id;
    await tx.insert(refundLines).values(lines.map((l) => ({ ...l, refundId: row!.id })));
  }
  return spec.events.map(([subject, type, ago, actor = SEED_ACTOR, data = {}]) => ({
    storeId: DEMO_STORE_ID,
    orderId: order.id,
    subjectType: subject,
    subjectId: subject === "request" ? req!.id : subject === "refund" ? refundId! : order.id,
    actor,
    type,
    data: data as NewEvent["data"],
    at: at(ago),
  }));
}

async function seedHistory(tx: DbOrTx, now: number) {
  const ev: NewEvent[] = [];

  // #1007: the beanie was returned and refunded; the sweater was kept.
  {
    const { order, lines } = await loadOrder(tx, "1007");
    const beanie = lines.find((l) => l.sku === "NS-BEANIE")!;
    const amount = lineAmount(beanie);
    ev.push(
      ...(await seedRequestHistory(tx, now, {
        order,
        request: {
          type: "return",
          status: "completed",
          reasonCode: "no_longer_needed",
          idempotencyKey: "demo-1007-return",
          previewAmount: amount,
          decision: { outcome: "auto_approve", explanation: IN_WINDOW },
          at: 8 * DAY,
          updated: 5 * DAY,
        },
        items: [{ lineItemId: beanie.id, quantity: 1, restockQuantity: 1 }],
        refund: {
          amount,
          restock: true,
          status: "succeeded",
          paymentMethodType: "card",
          gatewayRefundId: "sbx_re_demo_1007",
          paymentReference: "pm_ok_1007",
          idempotencyKey: "demo-1007-refund-1",
          attempts: 1,
          createdByType: "rule",
          submitted: 6 * DAY,
          settled: 5 * DAY,
          updated: 5 * DAY,
          lines: [{ lineItemId: beanie.id, quantity: 1, amount, restockQuantity: 1 }],
        },
        events: [
          ["request", "request.submitted", 8 * DAY, SHOPPER, { type: "return" }],
          ["request", "request.approved", 8 * DAY, rule("return-in-window")],
          ["request", "request.item_received", 6 * DAY],
          ["refund", "refund.submitted", 6 * DAY, SEED_ACTOR, { amount }],
          ["refund", "refund.succeeded", 5 * DAY, SANDBOX, { amount }],
          ["request", "request.completed", 5 * DAY],
        ],
      })),
    );
    await tx
      .update(lineItems)
      .set({ quantityReturned: 1, quantityRefunded: 1, quantityRestocked: 1 })
      .where(eq(lineItems.id, beanie.id));
    await tx
      .update(orders)
      .set({ refundedAmount: amount, financialStatus: "partially_refunded" })
      .where(eq(orders.id, order.id));
  }

  // #1008: cancelled by the shopper before shipping and refunded in full, stock put back.
  {
    const { order, lines } = await loadOrder(tx, "1008");
    const bottle = lines[0]!;
    const amount = order.capturedAmount;
    const shipping = order.shippingTotal + order.shippingTaxTotal;
    const cancelled = 9 * DAY - HOUR;
    ev.push(
      ...(await seedRequestHistory(tx, now, {
        order,
        request: {
          type: "cancellation",
          status: "completed",
          reasonCode: "ordered_by_mistake",
          idempotencyKey: "demo-1008-cancel",
          previewAmount: amount,
          includeShipping: true,
          decision: { outcome: "auto_approve", explanation: "Cancellation of an unfulfilled order" },
          at: cancelled,
          updated: 8 * DAY,
        },
        items: [{ lineItemId: bottle.id, quantity: 2, restockQuantity: 2 }],
        refund: {
          amount,
          shippingAmount: shipping,
          restock: true,
          status: "succeeded",
          paymentMethodType: "card",
          gatewayRefundId: "sbx_re_demo_1008",
          paymentReference: "pm_ok_1008",
          idempotencyKey: "demo-1008-refund-1",
          attempts: 1,
          createdByType: "rule",
          submitted: cancelled,
          settled: 8 * DAY,
          updated: 8 * DAY,
          lines: [{ lineItemId: bottle.id, quantity: 2, amount: lineAmount(bottle), restockQuantity: 2 }],
        },
        events: [
          ["request", "request.submitted", cancelled, SHOPPER, { type: "cancellation" }],
          ["request", "request.approved", cancelled, rule("cancel-unfulfilled")],
          ["order", "order.cancelled", cancelled, SEED_ACTOR, { reason: "customer" }],
          ["refund", "refund.submitted", cancelled, SEED_ACTOR, { amount }],
          ["refund", "refund.succeeded", 8 * DAY, SANDBOX, { amount }],
          ["request", "request.completed", 8 * DAY],
        ],
      })),
    );
    await tx
      .update(lineItems)
      .set({ quantityCancelled: 2, quantityRefunded: 2, quantityRestocked: 2 })
      .where(eq(lineItems.id, bottle.id));
    await tx
      .update(orders)
      .set({
        refundedAmount: amount,
        shippingRefunded: shipping,
        financialStatus: "refunded",
        status: "cancelled",
        cancelReason: "customer",
        cancelledAt: new Date(now - cancelled),
      })
      .where(eq(orders.id, order.id));
  }

  // #1010: return approved and received, but the bank refused the refund (card expired).
  {
    const { order, lines } = await loadOrder(tx, "1010");
    const jacket = lines[0]!;
    const amount = lineAmount(jacket);
    const failure = { code: "expired_or_canceled_card", reason: "The card has expired." };
    ev.push(
      ...(await seedRequestHistory(tx, now, {
        order,
        request: {
          type: "return",
          status: "refunding",
          reasonCode: "doesnt_fit",
          idempotencyKey: "demo-1010-return",
          previewAmount: amount,
          decision: { outcome: "auto_approve", explanation: IN_WINDOW },
          at: 10 * DAY,
          updated: 4 * DAY,
        },
        items: [{ lineItemId: jacket.id, quantity: 1, restockQuantity: 1 }],
        refund: {
          amount,
          restock: true,
          status: "failed",
          paymentMethodType: "card",
          gatewayRefundId: "sbx_re_demo_1010",
          paymentReference: "pm_card_expired_1010",
          idempotencyKey: "demo-1010-refund-1",
          attempts: 1,
          failureCode: failure.code,
          failureReason: failure.reason,
          createdByType: "rule",
          submitted: 5 * DAY,
          updated: 4 * DAY,
          lines: [{ lineItemId: jacket.id, quantity: 1, amount, restockQuantity: 1 }],
        },
        events: [
          ["request", "request.submitted", 10 * DAY, SHOPPER, { type: "return" }],
          ["request", "request.approved", 10 * DAY, rule("return-in-window")],
          ["request", "request.item_received", 5 * DAY],
          ["refund", "refund.submitted", 5 * DAY, SEED_ACTOR, { amount }],
          ["refund", "refund.failed", 4 * DAY, SANDBOX, failure],
        ],
      })),
    );
    // The failed refund keeps its reservation (DESIGN.md §4.1), and the engine offered Eva a choice.
    await tx
      .update(lineItems)
      .set({ quantityReturned: 1, quantityRefunded: 1 })
      .where(eq(lineItems.id, jacket.id));
    await tx.update(orders).set({ refundedAmount: amount }).where(eq(orders.id, order.id));
    ev.push(await seedFallbackOffer(tx, now, order, "demo-1010-refund-1", 4 * DAY));
  }

  // #1012: a return of both lines waits for a person (wrong item reported).
  {
    const { order, lines } = await loadOrder(tx, "1012");
    ev.push(
      ...(await seedRequestHistory(tx, now, {
        order,
        request: {
          type: "return",
          status: "pending_review",
          reasonCode: "wrong_item",
          comment: "The parka is the wrong colour and the socks came in the wrong size.",
          idempotencyKey: "demo-1012-return",
          previewAmount: lines.reduce((n, l) => n + lineAmount(l), 0),
          decision: {
            outcome: "review",
            explanation: "Wrong item reported: staff check the photos and the warehouse log",
          },
          at: 2 * DAY,
          updated: 2 * DAY,
          decided: false,
        },
        items: lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity })),
        events: [
          ["request", "request.submitted", 2 * DAY, SHOPPER, { type: "return" }],
          ["request", "request.sent_to_review", 2 * DAY, rule("otherwise-review")],
        ],
      })),
    );
  }
  await recordEvents(tx, ev);
  await recordHistoryAtTheBank(tx);
}

/** The choice the engine offers when a refund fails at the bank, open for FALLBACK_LINK_DAYS. */
async function seedFallbackOffer(
  tx: DbOrTx,
  now: number,
  order: typeof orders.$inferSelect,
  idempotencyKey: string,
  failedAgo: Ago,
): Promise<NewEvent> {
  const [refund] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, idempotencyKey));
  const offered = new Date(now - failedAgo);
  const expiresAt = new Date(offered.getTime() + FALLBACK_LINK_DAYS * DAY);
  const [fallback] = await tx
    .insert(refundFallbacks)
    .values({
      storeId: order.storeId,
      orderId: order.id,
      refundId: refund!.id,
      amount: refund!.amount,
      currency: refund!.currency,
      failedIdempotencyKey: refund!.idempotencyKey,
      failedGatewayRefundId: refund!.gatewayRefundId,
      failedPaymentReference: refund!.paymentReference,
      failureCode: refund!.failureCode!,
      expiresAt,
      createdAt: offered,
      updatedAt: offered,
    })
    .returning({ id: refundFallbacks.id });
  return {
    storeId: DEMO_STORE_ID,
    orderId: order.id,
    subjectType: "refund",
    subjectId: refund!.id,
    actor: { type: "system", id: "refund-fallback" },
    type: "refund.fallback_offered",
    data: { fallbackId: fallback!.id, failureCode: refund!.failureCode, expiresAt: expiresAt.toISOString() },
    at: offered,
  };
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
