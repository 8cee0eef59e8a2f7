// Every automatic money path — the ship-by SLA scan, a rule-approved return's arrival, a statutory
// withdrawal, the fallback retry after a failed refund, the rules at intake — passes the same
// automation gates (switch, pause, risk hold, maximum per order, breaker), and what a gate stops
// waits for a person with the reason, in the review queue (or, for a retry, as a held refund).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { orders, refundFallbacks, stores } from "@/lib/db/schema";
import { listRiskyOrders } from "@/lib/console/order-queries";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { chooseOriginalRetry } from "@/lib/fallbacks/commands";
import { scanShipBySla } from "@/lib/orders/sla";
import { submitRefund } from "@/lib/refunds/commands";
import { approveRequest, markItemReceived, submitRequest, withdrawRequest } from "@/lib/requests/commands";
import { listRequestQueue } from "@/lib/requests/queries";
import { pauseAutomation, resumeAutomation } from "@/lib/rules/breaker";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";
import { saveRuleSet } from "@/lib/rules/rule-sets";
import { submitWithdrawal } from "@/lib/withdrawals/commands";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import {
  cancelWholeOrder,
  formToken,
  orderByNumber,
  refundsOf,
  requestsOf,
  sandbox,
  usePaymentReference,
} from "../fixtures/engine";

process.env.AUTH_SECRET ??= "gates-test-secret-0123456789abcdef0123";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const owner = { type: "staff" as const, id: "owner" };
const agent = { type: "staff" as const, id: "agent-1" };
const DAY = 86_400_000;

const pause = () => pauseAutomation(db, DEMO_STORE_ID, "Checking a refund spike", owner);
const setStore = (patch: Partial<typeof stores.$inferInsert>) =>
  db.update(stores).set(patch).where(eq(stores.id, DEMO_STORE_ID));

/** The review queue's "Needs decision" view, as the console lists it. */
async function needsDecision() {
  const { rows } = await listRequestQueue(db, parseQueueFilters({}), { now: TEST_NOW });
  return rows;
}

describe("the ship-by SLA scan", () => {
  it("with automation paused, neither cancels nor refunds #1009: it waits in review with the SLA reason", async () => {
    await pause();
    const result = await scanShipBySla(db, TEST_NOW);
    expect(result).toEqual({ cancelled: [], held: ["1009"] });

    const order = await orderByNumber(db, "1009");
    expect(order).toMatchObject({ status: "open", refundedAmount: 0, cancelReason: null });
    expect(order.lines[0]!.quantityCancelled).toBe(0);
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({
      type: "cancellation",
      status: "pending_review",
      reasonCode: "not_shipped_in_time",
      createdByType: "system",
      previewAmount: order.capturedAmount,
      includeShipping: true,
    });
    expect(request!.decision).toMatchObject({ outcome: "review", ruleId: "ship-by-sla", gate: "paused" });
    expect(request!.decision!.explanation).toMatch(/ship-by promise.*paused: Checking a refund spike/);
    const row = (await needsDecision()).find((r) => r.orderNumber === "1009");
    expect(row).toMatchObject({ reasonCode: "not_shipped_in_time", held: true });

    // Asked once: later scans leave it to the person, even once automation runs again.
    expect(await scanShipBySla(db, TEST_NOW)).toEqual({ cancelled: [], held: [] });
    await resumeAutomation(db, DEMO_STORE_ID, owner);
    expect(await scanShipBySla(db, TEST_NOW)).toEqual({ cancelled: [], held: [] });
    expect(await requestsOf(db, order.id)).toHaveLength(1);
    // The shopper cannot take back what the store started.
    await expect(
      withdrawRequest(db, { requestId: request!.id, orderId: order.id }, { type: "shopper" }),
    ).rejects.toMatchObject({ code: "conflict" });

    // A person approves it: cancelled for the SLA's reason and refunded in full, once.
    await approveRequest(db, { requestId: request!.id }, agent);
    const after = await orderByNumber(db, "1009");
    expect(after).toMatchObject({ status: "cancelled", cancelReason: "not_shipped_in_time" });
    expect((await refundsOf(db, order.id)).map((r) => r.amount)).toEqual([order.capturedAmount]);
  });

  it("holds a high-risk order past its ship-by date (#1005) instead of cancelling and refunding it", async () => {
    const late = new Date(TEST_NOW.getTime() - 5 * DAY);
    const risky = await orderByNumber(db, "1005");
    await db.update(orders).set({ paidAt: late }).where(eq(orders.id, risky.id));

    const result = await scanShipBySla(db, TEST_NOW);
    expect(result.held).toEqual(["1005"]);
    expect(result.cancelled).toEqual(["1009"]); // a low-risk late order still goes automatically

    const order = await orderByNumber(db, "1005");
    expect(order).toMatchObject({ status: "open", refundedAmount: 0 });
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({ status: "pending_review", reasonCode: "not_shipped_in_time" });
    expect(request!.decision).toMatchObject({ gate: "risk" });
    expect(request!.decision!.explanation).toMatch(/3-day ship-by promise.*High-risk order/);
  });

  it("holds an order above the store's maximum refund per order, with that reason", async () => {
    await setStore({ maxRefundPerOrder: 100_00 });
    expect(await scanShipBySla(db, TEST_NOW)).toEqual({ cancelled: [], held: ["1009"] });
    const order = await orderByNumber(db, "1009");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request!.decision).toMatchObject({ gate: "store_max" });
    expect(request!.decision!.explanation).toMatch(/maximum refund per order/);
  });

  it("with automatic refunds switched off, holds the order too", async () => {
    await setStore({ autoRefundEnabled: false });
    expect(await scanShipBySla(db, TEST_NOW)).toEqual({ cancelled: [], held: ["1009"] });
    expect(await refundsOf(db, (await orderByNumber(db, "1009")).id)).toHaveLength(0);
  });
});

describe("the demo's late high-risk order", () => {
  it("#1013 was held by the scan's own step when seeded, and the risk list points to its request", async () => {
    const order = await orderByNumber(db, "1013");
    expect(order).toMatchObject({ status: "open", riskLevel: "high", refundedAmount: 0 });
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({ status: "pending_review", reasonCode: "not_shipped_in_time" });
    const risky = (await listRiskyOrders(db)).find((o) => o.number === "1013");
    expect(risky!.waiting).toEqual({ id: request!.id, reasonCode: "not_shipped_in_time" });
    expect((await listRiskyOrders(db)).find((o) => o.number === "1005")!.waiting).toBeNull();
  });
});

describe("a rule-approved return's arrival", () => {
  async function approvedReturn() {
    const order = await orderByNumber(db, "1002");
    const { requestId, status } = await submitRequest(
      db,
      {
        orderId: order.id,
        type: "return",
        lines: [{ lineItemId: order.lines[0]!.id, quantity: 1 }],
        reasonCode: "doesnt_fit",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
      { now: TEST_NOW },
    );
    expect(status).toBe("awaiting_item");
    return { order, requestId };
  }

  it("with automation paused, refunds nothing: the return waits for a person with the reason", async () => {
    const { order, requestId } = await approvedReturn();
    await pause();
    const { refundId } = await markItemReceived(db, { requestId }, agent, { now: TEST_NOW });
    expect(refundId).toBeNull();
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({ status: "item_received" });
    expect(request!.decision).toMatchObject({ outcome: "review", gate: "paused" });
    // The item is back all the same: counted and restocked.
    const after = await orderByNumber(db, "1002");
    expect(after.lines[0]).toMatchObject({ quantityReturned: 1, quantityRestocked: 1 });
    const row = (await needsDecision()).find((r) => r.id === requestId);
    expect(row).toMatchObject({ status: "item_received", held: true });

    // A person refunds it.
    await approveRequest(db, { requestId, refund: {} }, agent);
    expect(await refundsOf(db, order.id)).toHaveLength(1);
  });

  it("holds the refund of a high-risk order for a person", async () => {
    const { order, requestId } = await approvedReturn();
    await db.update(orders).set({ riskLevel: "high" }).where(eq(orders.id, order.id));
    expect((await markItemReceived(db, { requestId }, agent, { now: TEST_NOW })).refundId).toBeNull();
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request!.decision).toMatchObject({ outcome: "review", gate: "risk" });
  });
});

describe("a statutory withdrawal", () => {
  const SUBMITTED = new Date(TEST_NOW.getTime() + 5_000);
  async function withdraw(number: string) {
    const order = await orderByNumber(db, number);
    return submitWithdrawal(
      db,
      {
        orderId: order.id,
        name: "A Shopper",
        email: order.email,
        scope: "all",
        locale: "en",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
      { now: SUBMITTED },
    );
  }

  it("stopped by a gate waits in review with the refund's legal deadline, 14 days after the withdrawal", async () => {
    await pause();
    const result = await withdraw("1001");
    const order = await orderByNumber(db, "1001");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({
      id: result.cancellationRequestId,
      status: "pending_review",
      reasonCode: "statutory_withdrawal",
    });
    expect(request!.decision).toMatchObject({
      outcome: "review",
      ruleId: "statutory-withdrawal",
      gate: "paused",
      refundDueBy: "2026-12-07T12:00:05.000Z",
    });
    const row = (await needsDecision()).find((r) => r.id === request!.id);
    expect(row).toMatchObject({ refundDueBy: "2026-12-07T12:00:05.000Z", held: true });
  });

  it("on a high-risk order (#1005) is held too, not refunded by itself", async () => {
    await withdraw("1005");
    const order = await orderByNumber(db, "1005");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request).toMatchObject({ status: "pending_review" });
    expect(request!.decision).toMatchObject({ gate: "risk" });
  });
});

describe("the fallback retry after a failed refund", () => {
  it("with automation paused, the shopper's choice is kept but the retry is held for staff", async () => {
    const bank = sandbox();
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_card_expired_1001");
    await cancelWholeOrder(db, order);
    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, bank.resolve)).toBe("failed");
    const [fallback] = await db
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.refundId, refund!.id));

    await pause();
    await chooseOriginalRetry(db, { fallbackId: fallback!.id }, { type: "shopper" });
    const [held] = await refundsOf(db, order.id);
    expect(held).toMatchObject({ status: "pending" });
    expect(held!.heldAt).not.toBeNull();
    expect(held!.holdReason).toMatch(/paused: Checking a refund spike/);
    expect(await submitRefund(db, refund!.id, bank.resolve)).toBe("skipped");
  });
});

describe("the rules at intake", () => {
  it("send a shopper's cancellation above the maximum per order to review, whatever the rules say", async () => {
    const permissive = DEFAULT_RULES.filter((r) => r.id !== "over-max-review");
    await saveRuleSet(db, DEMO_STORE_ID, permissive, owner, "no maximum rule");
    await setStore({ maxRefundPerOrder: 100_00 });
    const { status } = await cancelWholeOrder(db, await orderByNumber(db, "1001"));
    expect(status).toBe("pending_review");
    const [request] = await requestsOf(db, (await orderByNumber(db, "1001")).id);
    expect(request!.decision).toMatchObject({ outcome: "review", gate: "store_max" });
  });
});
