// What the circuit breaker counts: its own store's automatic refunds (rule or system) created
// inside the window and not canceled, from the per-minute counters a deferred trigger keeps at each
// commit — never another store's, a person's, a canceled or a rolled-back refund, or one that aged
// out of the window.
import { and, eq, gte, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import type { DbOrTx } from "@/lib/db";
import { breakerMinutes, orders, refunds, stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { importOrder } from "@/lib/orders/commands";
import { BreakerWouldTrip, checkBreaker, confirmBreaker, purgeBreakerMinutes } from "@/lib/rules/breaker";
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
  handle: DbOrTx = db,
) {
  const { minutesAgo, ...rest } = row;
  const [created] = await handle
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

/** The counters' total for the demo store's last hour, as the breaker reads them. */
async function counted() {
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(${breakerMinutes.count}), 0)::int`,
      total: sql<number>`coalesce(sum(${breakerMinutes.amount}), 0)::int`,
    })
    .from(breakerMinutes)
    .where(
      and(
        eq(breakerMinutes.storeId, DEMO_STORE_ID),
        gte(breakerMinutes.minute, new Date(TEST_NOW.getTime() - 60 * MINUTE)),
      ),
    );
  return { n: Number(row!.n), total: Number(row!.total) };
}

describe("the circuit breaker's window", () => {
  let system: typeof refunds.$inferSelect;

  it("counts only its store's automatic refunds of the window that were not canceled", async () => {
    await refund(demoOrder, { minutesAgo: 5, createdByType: "staff", amount: 900 });
    await refund(demoOrder, { minutesAgo: 61, amount: 900 });
    await refund(demoOrder, { minutesAgo: 5, status: "canceled", amount: 900 });
    await refund(otherOrder!, { minutesAgo: 5, amount: 900 });
    system = await refund(demoOrder, { minutesAgo: 10, createdByType: "system", amount: 400 });
    expect(await counted()).toEqual({ n: 1, total: 400 });

    // Counted: the system refund (400) + this one (500) = 2 refunds, 900: inside both thresholds.
    const store = await demoStore();
    const state = await db.transaction((tx) => checkBreaker(tx, store, 500, TEST_NOW));
    expect(state).toEqual({ paused: false, reason: null });
    expect((await demoStore()).automationPausedAt).toBeNull();
  });

  it("counts an approval's own refund once, in the transaction that wrote it, and in full after its commit", async () => {
    await db.transaction(async (tx) => {
      await refund(demoOrder, { minutesAgo: 0, amount: 300 }, tx);
      // Not in the counters before this commit: the system refund (400) + its own 300 = 2 refunds.
      await confirmBreaker(tx, DEMO_STORE_ID, 300, TEST_NOW);
    });
    expect(await counted()).toEqual({ n: 2, total: 700 });
    // Another approval of 100 meets both: 3 refunds > 2.
    await expect(
      db.transaction((tx) => confirmBreaker(tx, DEMO_STORE_ID, 100, TEST_NOW)),
    ).rejects.toBeInstanceOf(BreakerWouldTrip);
    expect((await demoStore()).automationPausedAt).toBeNull();
  });

  it("follows a refund's cancellation and its time, and not its other changes", async () => {
    await db
      .update(refunds)
      .set({ status: "succeeded", submittedAt: TEST_NOW })
      .where(eq(refunds.id, system.id));
    expect(await counted()).toEqual({ n: 2, total: 700 });
    await db.update(refunds).set({ status: "canceled" }).where(eq(refunds.id, system.id));
    expect(await counted()).toEqual({ n: 1, total: 300 });
    await db.update(refunds).set({ status: "pending" }).where(eq(refunds.id, system.id));
    expect(await counted()).toEqual({ n: 2, total: 700 });
    await db
      .update(refunds)
      .set({ createdAt: new Date(TEST_NOW.getTime() - 120 * MINUTE) })
      .where(eq(refunds.id, system.id));
    expect(await counted()).toEqual({ n: 1, total: 300 });
    // A rolled-back refund never reaches the counters.
    await expect(
      db.transaction(async (tx) => {
        await refund(demoOrder, { minutesAgo: 0, amount: 50 }, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await counted()).toEqual({ n: 1, total: 300 });
  });

  it("drops the counters of minutes older than the window and an hour, and only those", async () => {
    const minutes = async () =>
      (await db.select().from(breakerMinutes).where(eq(breakerMinutes.storeId, DEMO_STORE_ID))).map((m) =>
        m.minute.getTime(),
      );
    const before = await minutes();
    const cutoff = TEST_NOW.getTime() - 120 * MINUTE;
    expect(before.some((t) => t < cutoff)).toBe(true); // the demo store's history, days old
    const purged = await purgeBreakerMinutes(db, TEST_NOW);
    const after = await minutes();
    expect(purged).toBe(before.filter((t) => t < cutoff).length);
    expect(after.sort()).toEqual(before.filter((t) => t >= cutoff).sort());
    expect(await counted()).toEqual({ n: 1, total: 300 });
  });

  it("pauses the store when a refund would pass the amount threshold", async () => {
    await db
      .update(stores)
      .set({ circuitBreaker: { windowMinutes: 60, maxCount: 10, maxAmount: 1_000 } })
      .where(eq(stores.id, DEMO_STORE_ID));
    const store = await demoStore();
    // Counted: 300 + this 701 = 1 001 > 1 000.
    const state = await db.transaction((tx) => checkBreaker(tx, store, 701, TEST_NOW));
    expect(state.paused).toBe(true);
    expect(state.reason).toMatch(/Automatic refunds above 1000/);
    expect((await demoStore()).automationPausedAt).not.toBeNull();
    const [other] = await db.select().from(stores).where(eq(stores.id, OTHER_STORE));
    expect(other!.automationPausedAt).toBeNull();
  });
});
