// The circuit breaker under concurrent shoppers (real parallelism on PostgreSQL): automatic
// approvals check it as their last step, yet never more automatic refunds pass in the window
// than its threshold; the one that would pass it rolls back and trips the breaker once.
import { and, eq, gte, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, orders, refunds, stores, variants } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { importOrder } from "@/lib/orders/commands";
import { createDemoDatabase } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber } from "../fixtures/engine";

const SKU = "NS-BEANIE";
let database: Database;
let db: Database["db"];
beforeAll(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

async function paidOrders(prefix: number, count: number, placedAt: Date) {
  const numbers: string[] = [];
  for (let i = 1; i <= count; i++) {
    const number = String(prefix + i);
    await importOrder(
      db,
      DEMO_STORE_ID,
      {
        number,
        email: `breaker-${number}@example.com`,
        currency: "NOK",
        placedAt,
        lines: [{ sku: SKU, title: "Nordlys Beanie", quantity: 1, unitPrice: 24_900, tax: 6_225 }],
        payment: {
          gateway: "sandbox",
          reference: `pm_ok_${number}`,
          method: { type: "card", brand: "visa", last4: "4242" },
        },
      },
      { type: "api" },
    );
    numbers.push(number);
  }
  return Promise.all(numbers.map((n) => orderByNumber(db, n)));
}

async function cancelAllAtOnce(list: Awaited<ReturnType<typeof paidOrders>>, now: Date) {
  return Promise.all(list.map((order) => cancelWholeOrder(db, order, { now })));
}

/** What the breaker counts now: the store's automatic refunds of the last hour. */
async function automaticRefundsSince(since: Date) {
  return db
    .select({ amount: refunds.amount })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        eq(orders.storeId, DEMO_STORE_ID),
        inArray(refunds.createdByType, ["rule", "system"]),
        gte(refunds.createdAt, since),
        ne(refunds.status, "canceled"),
      ),
    );
}

describe("circuit breaker under concurrent automatic approvals", () => {
  it("lets exactly maxCount of 20 concurrent cancellations through, sends the rest to review and pauses once", async () => {
    const now = new Date();
    const list = await paidOrders(7_100, 20, new Date(now.getTime() - 60_000));
    const orderIds = list.map((o) => o.id);
    const earlier = (await automaticRefundsSince(new Date(now.getTime() - 3_600_000))).length;
    await db
      .update(stores)
      .set({
        circuitBreaker: { windowMinutes: 60, maxCount: earlier + 5, maxAmount: 1_000_000_000 },
        maxRefundPerOrder: 1_000_000_000,
        automationPausedAt: null,
        automationPausedReason: null,
      })
      .where(eq(stores.id, DEMO_STORE_ID));
    const [before] = await db.select().from(variants).where(eq(variants.sku, SKU));

    const results = await cancelAllAtOnce(list, now);

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === "refunding")).toHaveLength(5);
    expect(statuses.filter((s) => s === "pending_review")).toHaveLength(15);
    const made = await db.select().from(refunds).where(inArray(refunds.orderId, orderIds));
    expect(made).toHaveLength(5);
    expect(made.every((r) => r.createdByType === "rule")).toBe(true);
    const paused = await db
      .select()
      .from(events)
      .where(and(eq(events.type, "automation.paused"), eq(events.subjectId, DEMO_STORE_ID)));
    expect(paused).toHaveLength(1);
    // Rolled-back fast attempts leave nothing behind: one submission each, five cancellations.
    const timeline = await db.select().from(events).where(inArray(events.orderId, orderIds));
    const count = (type: string) => timeline.filter((e) => e.type === type).length;
    expect(count("request.submitted")).toBe(20);
    expect(count("request.auto_approved")).toBe(5);
    expect(count("request.sent_to_review")).toBe(15);
    expect(count("order.cancelled")).toBe(5);
    expect(count("order.restocked")).toBe(5);
    const [after] = await db.select().from(variants).where(eq(variants.sku, SKU));
    expect(after!.inventory).toBe(before!.inventory + 5);
    const [store] = await db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID));
    expect(store!.automationPausedReason).toMatch(/More than \d+ automatic refunds/);
  });

  it("keeps the amount threshold exact too", async () => {
    const now = new Date();
    const list = await paidOrders(7_200, 12, new Date(now.getTime() - 60_000));
    const orderIds = list.map((o) => o.id);
    const pausedBefore = (await db.select().from(events).where(eq(events.type, "automation.paused"))).length;
    const spent = (await automaticRefundsSince(new Date(now.getTime() - 3_600_000))).reduce(
      (sum, r) => sum + r.amount,
      0,
    );
    await db
      .update(stores)
      .set({
        circuitBreaker: { windowMinutes: 60, maxCount: 1_000, maxAmount: spent + 3 * list[0]!.total + 1 },
        automationPausedAt: null,
        automationPausedReason: null,
      })
      .where(eq(stores.id, DEMO_STORE_ID));

    const results = await cancelAllAtOnce(list, now);

    expect(results.filter((r) => r.status === "refunding")).toHaveLength(3);
    expect(await db.select().from(refunds).where(inArray(refunds.orderId, orderIds))).toHaveLength(3);
    const paused = await db
      .select()
      .from(events)
      .where(eq(events.type, "automation.paused"))
      .orderBy(events.id);
    expect(paused).toHaveLength(pausedBefore + 1);
    expect(paused.at(-1)!.data).toMatchObject({ reason: expect.stringMatching(/Automatic refunds above/) });
  });
});
