// What the circuit breaker counts: its own store's automatic refunds (rule or system) created
// inside the window and not canceled — read from refunds.store_id, never another store's, never
// a person's refund, never one that aged out of the window.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { orders, refunds, requests, stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { importOrder } from "@/lib/orders/commands";
import { BreakerWouldTrip, checkBreaker, confirmBreaker } from "@/lib/rules/breaker";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { orderByNumber } from "../fixtures/engine";

const OTHER_STORE = "other-store";
const MINUTE = 60_000;
let database: Database;
let db: Database["db"];
let demoOrder: { id: string; storeId: string };
let otherOrder: { id: string; storeId: string } | undefined;

beforeAll(async () => {
  database = await createDemoDatabase();
  db = database.db;
  await db.insert(stores).values({
    id: OTHER_STORE,
    name: "Other",
    currency: "NOK",
    timeZone: "Europe/Oslo",
    maxRefundPerOrder: 1_000_000,
  });
  await importOrder(
    db,
    OTHER_STORE,
    {
      number: "9001",
      email: "other@example.com",
      currency: "NOK",
      placedAt: TEST_NOW,
      lines: [{ sku: "OTHER-1", title: "Other thing", quantity: 1, unitPrice: 10_000, tax: 0 }],
      payment: { gateway: "sandbox", reference: "pm_ok_9001", method: { type: "card" } },
    },
    { type: "api" },
  );
  demoOrder = await orderByNumber(db, "1002");
  [otherOrder] = await db
    .select({ id: orders.id, storeId: orders.storeId })
    .from(orders)
    .where(eq(orders.storeId, OTHER_STORE));
  await db
    .update(stores)
    .set({ circuitBreaker: { windowMinutes: 60, maxCount: 2, maxAmount: 1_000 } })
    .where(eq(stores.id, DEMO_STORE_ID));
});
afterAll(async () => {
  await database.close();
});

let key = 0;
async function refund(
  order: { id: string; storeId: string },
  row: Partial<typeof refunds.$inferInsert> & { minutesAgo: number },
) {
  const { minutesAgo, ...rest } = row;
  const [created] = await db
    .insert(refunds)
    .values({
      orderId: order.id,
      storeId: order.storeId,
      amount: 100,
      currency: "NOK",
      gateway: "sandbox",
      paymentMethodType: "card",
      idempotencyKey: `breaker-window-${++key}`,
      createdByType: "rule",
      createdAt: new Date(TEST_NOW.getTime() - minutesAgo * MINUTE),
      ...rest,
    })
    .returning();
  return created!;
}

async function demoStore() {
  const [store] = await db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID));
  return store!;
}

describe("the circuit breaker's window", () => {
  it("counts only its store's automatic refunds of the window that were not canceled", async () => {
    await refund(demoOrder, { minutesAgo: 5, createdByType: "staff", amount: 900 });
    await refund(demoOrder, { minutesAgo: 61, amount: 900 });
    await refund(demoOrder, { minutesAgo: 5, status: "canceled", amount: 900 });
    await refund(otherOrder!, { minutesAgo: 5, amount: 900 });
    await refund(demoOrder, { minutesAgo: 10, createdByType: "system", amount: 400 });

    const store = await demoStore();
    // Counted: the system refund (400) + this one (500) = 2 refunds, 900: inside both thresholds.
    const state = await db.transaction((tx) => checkBreaker(tx, store, 500, TEST_NOW));
    expect(state).toEqual({ paused: false, reason: null });
    expect((await demoStore()).automationPausedAt).toBeNull();
  });

  it("counts the approval's own refund once when confirming it, and every other refund in full", async () => {
    const [request] = await db
      .insert(requests)
      .values({
        orderId: demoOrder.id,
        type: "return",
        status: "approved",
        reasonCode: "wrong_item",
        idempotencyKey: "breaker-window-request",
        currency: "NOK",
      })
      .returning();
    await refund(demoOrder, { minutesAgo: 0, amount: 300, requestId: request!.id });
    // The system refund (400) + its own 300: 2 refunds, 700.
    await db.transaction((tx) =>
      confirmBreaker(tx, DEMO_STORE_ID, { requestId: request!.id, amount: 300 }, TEST_NOW),
    );
    // Another approval of 100 meets both: 3 refunds > 2.
    await expect(
      db.transaction((tx) =>
        confirmBreaker(tx, DEMO_STORE_ID, { requestId: crypto.randomUUID(), amount: 100 }, TEST_NOW),
      ),
    ).rejects.toBeInstanceOf(BreakerWouldTrip);
    expect((await demoStore()).automationPausedAt).toBeNull();
  });

  it("pauses the store when a refund would pass the amount threshold", async () => {
    await db
      .update(stores)
      .set({ circuitBreaker: { windowMinutes: 60, maxCount: 10, maxAmount: 1_000 } })
      .where(eq(stores.id, DEMO_STORE_ID));
    const store = await demoStore();
    // Counted: 400 + 300 + this 301 = 1 001 > 1 000.
    const state = await db.transaction((tx) => checkBreaker(tx, store, 301, TEST_NOW));
    expect(state.paused).toBe(true);
    expect(state.reason).toMatch(/Automatic refunds above 1000/);
    expect((await demoStore()).automationPausedAt).not.toBeNull();
    const [other] = await db.select().from(stores).where(eq(stores.id, OTHER_STORE));
    expect(other!.automationPausedAt).toBeNull();
  });
});
