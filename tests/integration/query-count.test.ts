// The order page's data load costs a fixed number of queries, whatever the order holds: the
// page loader (getShopperOrderView) and the status route's loader (getOrderStatus) read each
// table once per order, never once per line, shipment, request or refund (no N+1).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { DEMO_PRODUCTS, DEMO_STORE_ID, SHIPPING, vat } from "@/lib/demo/catalog";
import { importOrder } from "@/lib/orders/commands";
import { getShopperOrderView } from "@/lib/orders/queries";
import { submitRequest } from "@/lib/requests/commands";
import { getOrderStatus } from "@/lib/timeline/queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber } from "../fixtures/engine";

/** Queries the loaders may send for one order page render (page data + status JSON; 16–21 today). */
const ORDER_PAGE_QUERY_BUDGET = 22;

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  await database.close();
});

/** Counts statements at the driver: PGlite's query/exec, or the node-postgres pool's query. */
function countQueries(target: Database) {
  const counter = { n: 0 };
  const client = (target.pglite ?? target.pool) as unknown as Record<string, unknown>;
  for (const method of ["query", "exec"]) {
    const original = client[method];
    if (typeof original !== "function") continue;
    client[method] = function counted(this: unknown, ...args: unknown[]) {
      counter.n++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return counter;
}

async function queriesForOrderPage(orderId: string) {
  const counter = countQueries(database);
  const before = counter.n;
  const view = await getShopperOrderView(database.db, orderId, TEST_NOW);
  const status = await getOrderStatus(database.db, orderId, "en", TEST_NOW);
  return { queries: counter.n - before, view: view!, status };
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
      const { queries, view } = await queriesForOrderPage(order.id);
      expect(view.order.number).toBe(number);
      expect(queries, `#${number}`).toBeLessThanOrEqual(ORDER_PAGE_QUERY_BUDGET);
    }
  });

  it("does not grow with lines, shipments or requests (no N+1)", async () => {
    const small = await orderByNumber(database.db, "1012"); // 2 lines, 1 shipment, 1 request
    const smallCount = (await queriesForOrderPage(small.id)).queries;

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
    const { queries, view, status } = await queriesForOrderPage(orderId);
    expect(view.lines.length).toBeGreaterThanOrEqual(6);
    expect(view.fulfillments).toHaveLength(2);
    expect(status.timeline.entries).toHaveLength(1);
    expect(queries).toBe(smallCount);
  });
});
