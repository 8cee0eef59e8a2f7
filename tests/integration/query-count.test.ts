// The order page's data load costs a fixed number of queries, whatever the order holds: the
// access check reads the order row once, then the page's loaders (loadShopperOrderView, and
// getOrderStatus sharing the view's rows) read every other table once per order, never once per
// line, shipment, request or refund (no N+1). The status route reads only what its JSON holds.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { DEMO_PRODUCTS, DEMO_STORE_ID, SHIPPING, vat } from "@/lib/demo/catalog";
import { importOrder } from "@/lib/orders/commands";
import { findGrantedOrder } from "@/lib/access/session";
import { loadShopperOrderView } from "@/lib/orders/queries";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { SandboxGateway } from "@/lib/gateways/sandbox";
import { submitRefund } from "@/lib/refunds/commands";
import { submitRequest } from "@/lib/requests/commands";
import { getOrderStatus } from "@/lib/timeline/queries";
import { countPostgresStatements, countQueries } from "../fixtures/count-queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { cancelWholeOrder, formToken, orderByNumber, refundsOf } from "../fixtures/engine";

/**
 * Queries for one order page render: the order; store, lines, shipments and their items,
 * payments, requests, refunds, events; request items and photos when there are requests; refund
 * fallbacks when a refund failed (9–12; it was 17–22 when each loader read the order again).
 */
const ORDER_PAGE_QUERY_BUDGET = 12;
/** The status JSON: the order; store, lines, requests, refunds, events; items, photos, fallbacks (6–9). */
const STATUS_QUERY_BUDGET = 9;

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  await database.close();
});

/** What the order page sends: the access check, then its loaders side by side. */
async function queriesForOrderPage(orderId: string, number: string) {
  const counter = countQueries(database);
  const before = counter.n;
  const order = (await findGrantedOrder(database.db, orderId, number))!;
  const loading = loadShopperOrderView(database.db, order, TEST_NOW);
  const [view, status] = await Promise.all([
    loading,
    getOrderStatus(database.db, order, "en", TEST_NOW, loading),
  ]);
  return { queries: counter.n - before, view, status };
}

/** What the status route sends: the access check, then the status on that row. */
async function queriesForStatus(orderId: string, number: string) {
  const counter = countQueries(database);
  const before = counter.n;
  const order = (await findGrantedOrder(database.db, orderId, number))!;
  const status = await getOrderStatus(database.db, order, "en", TEST_NOW);
  return { queries: counter.n - before, status };
}

/** A delivered order with every returnable product and two shipments, imported like any merchant order. */
async function bigOrder() {
  const products = DEMO_PRODUCTS.filter((p) => !p.finalSale);
  const placedAt = new Date(TEST_NOW.getTime() - 6 * 86_400_000);
  const lines = products.map((p) => ({
    sku: p.sku,
    title: p.title,
    variantTitle: p.variantTitle,
    quantity: 2,
    unitPrice: p.price,
    discount: 0,
    tax: vat(p.price * 2),
    finalSale: false,
    restockable: true,
    tags: p.tags,
  }));
  const shipment = (half: typeof lines, days: number) => ({
    lines: half.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    carrier: "Posten",
    trackingNumber: `70712345${days}`,
    shippedAt: new Date(placedAt.getTime() + 86_400_000),
    deliveredAt: new Date(placedAt.getTime() + days * 86_400_000),
  });
  const { orderId } = await importOrder(
    database.db,
    DEMO_STORE_ID,
    {
      externalId: "query-count-big",
      number: "5001",
      email: "big@example.com",
      customerName: "Big Order",
      currency: "NOK",
      placedAt,
      paidAt: placedAt,
      lines,
      shipping: SHIPPING,
      shippingTax: vat(SHIPPING),
      payment: {
        gateway: "sandbox",
        reference: "pm_ok_5001",
        method: { type: "card", brand: "visa", last4: "4242" },
        status: "captured",
        fee: 0,
      },
      fulfillments: [shipment(lines.slice(0, 4), 2), shipment(lines.slice(4), 3)],
    },
    { type: "system" },
  );
  return orderId;
}

describe("queries per order page render", () => {
  it("stays within the budget for every demo order", async () => {
    for (const number of ["1001", "1002", "1007", "1008", "1010", "1012"]) {
      const order = await orderByNumber(database.db, number);
      const { queries, view } = await queriesForOrderPage(order.id, number);
      expect(view.order.number).toBe(number);
      expect(queries, `#${number}`).toBeLessThanOrEqual(ORDER_PAGE_QUERY_BUDGET);
      const status = await queriesForStatus(order.id, number);
      expect(status.queries, `#${number} status`).toBeLessThanOrEqual(STATUS_QUERY_BUDGET);
    }
  });

  it("reads an order without requests or refunds in 9 queries, its status in 6", async () => {
    const order = await orderByNumber(database.db, "1001");
    expect((await queriesForOrderPage(order.id, "1001")).queries).toBe(9);
    expect((await queriesForStatus(order.id, "1001")).queries).toBe(6);
  });

  it("gives the page the same timeline and version as the status route", async () => {
    for (const number of ["1008", "1010", "1012"]) {
      const order = await orderByNumber(database.db, number);
      const page = await queriesForOrderPage(order.id, number);
      const status = await queriesForStatus(order.id, number);
      expect(page.status).toEqual(status.status);
      expect(status.status).toEqual(await getOrderStatus(database.db, order.id, "en", TEST_NOW));
    }
  });

  it("does not grow with lines, shipments or requests (no N+1)", async () => {
    const small = await orderByNumber(database.db, "1012"); // 2 lines, 1 shipment, 1 request
    const smallCount = (await queriesForOrderPage(small.id, "1012")).queries;

    const orderId = await bigOrder();
    const big = await orderByNumber(database.db, "5001");
    await submitRequest(
      database.db,
      {
        orderId,
        type: "return",
        lines: big.lines.slice(0, 5).map((l) => ({ lineItemId: l.id, quantity: l.quantity })),
        reasonCode: "wrong_item",
        idempotencyKey: formToken(),
        photos: [],
      },
      { type: "shopper" },
      { now: TEST_NOW },
    );
    const { queries, view, status } = await queriesForOrderPage(orderId, "5001");
    expect(view.lines.length).toBeGreaterThanOrEqual(6);
    expect(view.fulfillments).toHaveLength(2);
    expect(status.timeline.entries).toHaveLength(1);
    expect(queries).toBe(smallCount);
  });
});

// Submission is the hot path of an automatic cancellation (DESIGN.md §5): claim (with the order's
// number), the sandbox ledger's call count and insert, then one transaction — the refund's lock, the
// order's lock with its store and the enabled webhook endpoints, the refund's update, the order's
// refunds (financial status and the request's completion), the order and request updates, the
// batched events and e-mails, commit. It was 22 before the claim returned the order's number, the
// ledger used RETURNING, the lock read the store and the e-mails reused the order in hand; 14
// before the order's lock read the endpoints too.
const SUBMISSION_STATEMENT_BUDGET = 13;

// Intake of an automatic cancellation (the cancel form's command): begin; the order's lock with its
// store, the enabled webhook endpoints and the live rule set; the order's lines, fulfilments,
// requests and payments; the request and its items; the cancelled, refunded and restocked counters,
// the order's two updates, the refund and its lines, the request's status; the batched events,
// e-mail and job; the stock; the breaker's store lock and count; commit. 24 before the order's
// lock read the rule set.
const INTAKE_STATEMENT_BUDGET = 23;

describe.skipIf(!process.env.TEST_DATABASE_URL)("statements per automatic cancellation (PostgreSQL)", () => {
  it("takes in a cancellation the rules approve in a fixed number of statements", async () => {
    const order = await orderByNumber(database.db, "1009");
    const counter = await countPostgresStatements();
    try {
      expect((await cancelWholeOrder(database.db, order)).status).toBe("refunding");
    } finally {
      counter.stop();
    }
    expect(counter.n).toBe(INTAKE_STATEMENT_BUDGET);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("statements per refund submission (PostgreSQL)", () => {
  it("submits an automatic cancellation's refund in a fixed number of statements", async () => {
    const order = await orderByNumber(database.db, "1001");
    await cancelWholeOrder(database.db, order);
    const [refund] = await refundsOf(database.db, order.id);
    const gateway = new SandboxGateway({
      ledger: new DbSandboxLedger(database.db),
      webhookSecret: "test-secret-0123456789",
    });
    const counter = await countPostgresStatements();
    try {
      expect(await submitRefund(database.db, refund!.id, () => gateway)).toBe("succeeded");
    } finally {
      counter.stop();
    }
    expect(counter.n).toBe(SUBMISSION_STATEMENT_BUDGET);
    const [after] = await refundsOf(database.db, order.id);
    expect(after).toMatchObject({ status: "succeeded", attempts: 1 });
  });
});
