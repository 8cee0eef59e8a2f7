// The status poll's cache (lib/timeline/status-cache.ts): an unchanged order is answered with one
// statement, and any committed change to what the answer is built from — through a command or
// by hand in SQL, as another instance or a migration would — is seen on the next poll.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { refundFallbacks, refunds, stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { applyGatewayRefund } from "@/lib/refunds/commands";
import { getOrderStatus, type TimelineOrder } from "@/lib/timeline/queries";
import { getOrderStatusCached } from "@/lib/timeline/status-cache";
import { countQueries } from "../fixtures/count-queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber, refundsOf } from "../fixtures/engine";

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  await database.close();
});

const later = (ms: number) => new Date(TEST_NOW.getTime() + ms);

/** What the cache answers must always be what a fresh build answers, `now` included. */
async function expectFresh(order: TimelineOrder, now: Date) {
  const counter = countQueries(database);
  const before = counter.n;
  const cached = await getOrderStatusCached(database.db, order, "en", now);
  const queries = counter.n - before;
  expect(cached).toEqual(await getOrderStatus(database.db, order, "en", now));
  return queries;
}

describe("status cache", () => {
  it("answers an unchanged order with one statement and the poll's own time", async () => {
    const order = await orderByNumber(database.db, "1002");
    expect(await expectFresh(order, TEST_NOW)).toBeGreaterThan(1);
    expect(await expectFresh(order, later(5_000))).toBe(1);
    const again = await getOrderStatusCached(database.db, order, "en", later(9_000));
    expect(again.timeline.now).toBe(later(9_000).toISOString());
  });

  it("keeps one answer per locale", async () => {
    const order = await orderByNumber(database.db, "1002");
    const en = await getOrderStatusCached(database.db, order, "en", TEST_NOW);
    const nb = await getOrderStatusCached(database.db, order, "nb", TEST_NOW);
    expect(nb).toEqual(await getOrderStatus(database.db, order, "nb", TEST_NOW));
    expect(await getOrderStatusCached(database.db, order, "en", TEST_NOW)).toEqual(en);
  });

  it("sees a cancellation, its refund's submission and settlement", async () => {
    const order = await orderByNumber(database.db, "1001");
    await expectFresh(order, TEST_NOW);
    await cancelWholeOrder(database.db, order);
    expect(await expectFresh(order, later(1_000))).toBeGreaterThan(1);
    const [refund] = await refundsOf(database.db, order.id);
    const gatewaySays = (status: "pending" | "succeeded") =>
      applyGatewayRefund(database.db, refund!.id, {
        id: "re_1",
        status,
        amount: refund!.amount,
        currency: refund!.currency,
      });
    await gatewaySays("pending");
    expect(await expectFresh(order, later(2_000))).toBeGreaterThan(1);
    await gatewaySays("succeeded");
    expect(await expectFresh(order, later(3_000))).toBeGreaterThan(1);
    expect(await expectFresh(order, later(4_000))).toBe(1);
  });

  it("sees changes that write no timeline event: a refund's pending reason, a fallback, the store's arrival windows", async () => {
    const order = await orderByNumber(database.db, "1001");
    await cancelWholeOrder(database.db, order);
    const [refund] = await refundsOf(database.db, order.id);
    await expectFresh(order, TEST_NOW);

    await database.db
      .update(refunds)
      .set({ status: "submitted", pendingReason: "insufficient_funds" })
      .where(eq(refunds.id, refund!.id));
    expect(await expectFresh(order, later(1_000))).toBeGreaterThan(1);

    await database.db
      .update(refunds)
      .set({ status: "failed", failureCode: "card_expired" })
      .where(eq(refunds.id, refund!.id));
    await expectFresh(order, later(2_000));
    await database.db.insert(refundFallbacks).values({
      storeId: DEMO_STORE_ID,
      orderId: order.id,
      refundId: refund!.id,
      amount: refund!.amount,
      currency: refund!.currency,
      failedIdempotencyKey: refund!.idempotencyKey,
      failureCode: "card_expired",
      expiresAt: later(86_400_000),
    });
    expect(await expectFresh(order, later(3_000))).toBeGreaterThan(1);

    const [store] = await database.db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID));
    await database.db
      .update(stores)
      .set({ arrivalWindows: { ...store!.arrivalWindows, card: [1, 2] } })
      .where(eq(stores.id, DEMO_STORE_ID));
    expect(await expectFresh(order, later(4_000))).toBeGreaterThan(1);
  });

  it("never serves an answer built on an order row older than its fingerprint", async () => {
    const stale = await orderByNumber(database.db, "1001");
    await cancelWholeOrder(database.db, stale); // the order row moves after the access check read it
    await getOrderStatusCached(database.db, stale, "en", TEST_NOW);
    const fresh = await orderByNumber(database.db, "1001");
    expect(fresh.updatedAt).not.toEqual(stale.updatedAt);
    await expectFresh(fresh, later(1_000));
  });

  it("rebuilds the answer on a new calendar day in the store's time zone (a refund may turn overdue)", async () => {
    const order = await orderByNumber(database.db, "1002");
    await expectFresh(order, TEST_NOW);
    expect(await expectFresh(order, later(60_000))).toBe(1);
    expect(await expectFresh(order, later(24 * 3_600_000))).toBeGreaterThan(1);
  });
});
