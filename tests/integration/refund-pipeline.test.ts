import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, lineItems, notifications, orders, refunds, stores, variants } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { DomainError } from "@/lib/errors";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import {
  approveRequest,
  declineRequest,
  markItemReceived,
  submitRequest,
  withdrawRequest,
} from "@/lib/requests/commands";
import { applyGatewayRefund, refreshRefund, retryRefund, submitRefund } from "@/lib/refunds/commands";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import {
  cancelWholeOrder,
  formToken,
  orderByNumber,
  refundsOf,
  requestsOf,
  sandbox,
  usePaymentReference,
  wholeOrder,
} from "../fixtures/engine";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const shopper = { type: "shopper" as const };
const agent = { type: "staff" as const, id: "agent-1" };

/** The e-mails stored for an order, oldest first. */
const mails = async (orderId: string) =>
  db
    .select({ template: notifications.template, text: notifications.text })
    .from(notifications)
    .where(eq(notifications.orderId, orderId))
    .orderBy(notifications.createdAt);
const nok = (minor: number) => formatMoney(minor, "NOK", INTL_LOCALE.en);

async function cancelWhole(number: string, token = formToken()) {
  return cancelWholeOrder(db, await orderByNumber(db, number), { token });
}

describe("cancellation of an unfulfilled order", () => {
  it("is approved by the rule, cancels the order, restocks and creates one pending refund of the whole capture", async () => {
    const before = await orderByNumber(db, "1001");
    const [sweater] = await db.select().from(variants).where(eq(variants.sku, "NS-SWEATER-M"));
    const result = await cancelWhole("1001");
    expect(result).toMatchObject({ created: true, status: "refunding" });

    const after = await orderByNumber(db, "1001");
    expect(after.status).toBe("cancelled");
    expect(after.lines.every((l) => l.quantityCancelled === l.quantity)).toBe(true);
    expect(after.refundedAmount).toBe(before.capturedAmount);
    const [restocked] = await db.select().from(variants).where(eq(variants.sku, "NS-SWEATER-M"));
    expect(restocked!.inventory).toBe(sweater!.inventory + 1);

    const [refund] = await refundsOf(db, before.id);
    expect(refund).toMatchObject({
      status: "pending",
      amount: before.capturedAmount,
      shippingAmount: before.shippingTotal + before.shippingTaxTotal,
      createdByType: "rule",
    });
    const [request] = await requestsOf(db, before.id);
    expect(request!.decision).toMatchObject({
      outcome: "auto_approve",
      ruleId: "cancel-unfulfilled",
      ruleVersion: 1,
    });
    const types = (await db.select().from(events).where(eq(events.orderId, before.id))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "request.submitted",
        "request.auto_approved",
        "order.cancelled",
        "order.restocked",
        "refund.created",
      ]),
    );
  });

  it("moves money once: the refund is submitted, succeeds and completes the request", async () => {
    const { ledger, resolve } = sandbox();
    const { requestId } = await cancelWhole("1001");
    const order = await orderByNumber(db, "1001");
    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, resolve)).toBe("succeeded");
    expect(await submitRefund(db, refund!.id, resolve)).toBe("skipped");
    expect(await ledger.listByPaymentReference("pm_ok_1001")).toHaveLength(1);
    const [done] = await refundsOf(db, order.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(done!.expectedFrom).not.toBeNull();
    const [request] = (await requestsOf(db, order.id)).filter((r) => r.id === requestId);
    expect(request!.status).toBe("completed");
    expect((await orderByNumber(db, "1001")).financialStatus).toBe("refunded");
  });

  it("returns the first request for a replayed form token", async () => {
    const token = formToken();
    const first = await cancelWhole("1001", token);
    const again = await cancelWhole("1001", token);
    expect(again).toEqual({ requestId: first.requestId, status: first.status, created: false });
    expect(await requestsOf(db, (await orderByNumber(db, "1001")).id)).toHaveLength(1);
  });

  it("50 concurrent cancellations of one order yield one request", async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => cancelWhole("1001")));
    const created = results.filter((r) => r.status === "fulfilled" && r.value.created);
    expect(created).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(DomainError);
    }
    const order = await orderByNumber(db, "1001");
    expect(await requestsOf(db, order.id)).toHaveLength(1);
    expect(await refundsOf(db, order.id)).toHaveLength(1);
  });

  it("a high-risk order is held for review, not refunded automatically", async () => {
    const result = await cancelWhole("1005");
    expect(result.status).toBe("pending_review");
    const order = await orderByNumber(db, "1005");
    expect(order.status).toBe("open");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
  });

  it("refuses an order that has shipped, with no request written", async () => {
    await expect(cancelWhole("1006")).rejects.toMatchObject({ code: "not_eligible" });
    expect(await requestsOf(db, (await orderByNumber(db, "1006")).id)).toHaveLength(0);
  });
});

describe("returns", () => {
  async function returnLines(
    number: string,
    pick: (
      lines: Awaited<ReturnType<typeof orderByNumber>>["lines"],
    ) => { lineItemId: string; quantity: number }[],
    reasonCode = "doesnt_fit",
  ) {
    const order = await orderByNumber(db, number);
    return submitRequest(
      db,
      {
        orderId: order.id,
        type: "return",
        lines: pick(order.lines),
        reasonCode,
        idempotencyKey: formToken(),
      },
      shopper,
      { now: TEST_NOW },
    );
  }

  it("inside the window: approved, waits for the item, then refunds what was returned and restocks", async () => {
    const { resolve } = sandbox();
    const { requestId, status } = await returnLines("1002", (ls) => [
      { lineItemId: ls[0]!.id, quantity: 1 },
      { lineItemId: ls[1]!.id, quantity: 2 },
    ]);
    expect(status).toBe("awaiting_item");
    const order = await orderByNumber(db, "1002");
    expect(await refundsOf(db, order.id)).toHaveLength(0);

    const { refundId } = await markItemReceived(db, { requestId }, agent);
    const [refund] = await refundsOf(db, order.id);
    expect(refund!.id).toBe(refundId);
    const [request] = await requestsOf(db, order.id);
    expect(refund!.amount).toBe(request!.previewAmount);
    expect(await submitRefund(db, refundId!, resolve)).toBe("succeeded");
    const after = await orderByNumber(db, "1002");
    expect(after.lines[0]!.quantityReturned).toBe(1);
    expect(after.lines[1]!.quantityRestocked).toBe(2);
    expect(after.lines[2]!.quantityRefunded).toBe(0);
    expect(after.financialStatus).toBe("partially_refunded");
  });

  it("outside the window is refused", async () => {
    await expect(returnLines("1003", (ls) => [{ lineItemId: ls[0]!.id, quantity: 1 }])).rejects.toMatchObject(
      { code: "not_eligible" },
    );
  });

  it("a final-sale line cannot be selected", async () => {
    const error = await returnLines("1004", (ls) =>
      ls.filter((l) => l.finalSale).map((l) => ({ lineItemId: l.id, quantity: 1 })),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "not_eligible",
      fieldErrors: { "lines.0.quantity": ["This item cannot be chosen"] },
    });
  });

  it("a damaged item goes to review and staff approve with a partial refund of one line and restock", async () => {
    const { requestId, status } = await returnLines(
      "1002",
      (ls) => ls.slice(0, 2).map((l) => ({ lineItemId: l.id, quantity: 1 })),
      "wrong_item",
    );
    expect(status).toBe("pending_review");
    const order = await orderByNumber(db, "1002");
    const line = order.lines[0]!;
    const { refundId, status: after } = await approveRequest(
      db,
      { requestId, refund: { lines: [{ lineItemId: line.id, quantity: 1, restockQuantity: 1 }] } },
      agent,
    );
    expect(after).toBe("refunding");
    const [refund] = await refundsOf(db, order.id);
    expect(refund!.id).toBe(refundId);
    expect(refund!.amount).toBe(line.unitPrice - line.discountAllocation + line.taxAllocation);
    expect((await orderByNumber(db, "1002")).lines[0]!.quantityRestocked).toBe(1);
  });

  it("50 concurrent approvals of one request yield one refund and one gateway call", async () => {
    const order = await orderByNumber(db, "1012");
    const [pending] = await requestsOf(db, order.id);
    const { ledger, resolve } = sandbox();
    const approvals = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        approveRequest(
          db,
          { requestId: pending!.id, refund: { lines: [{ lineItemId: order.lines[1]!.id, quantity: 1 }] } },
          { type: "staff", id: `agent-${i}` },
        ),
      ),
    );
    expect(approvals.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const conflicts = approvals
      .filter((a) => a.status === "rejected")
      .map((a) => (a as PromiseRejectedResult).reason);
    expect(
      conflicts.every(
        (e) =>
          e instanceof DomainError &&
          e.code === "conflict" &&
          /already approved|already refunding/.test(e.message),
      ),
    ).toBe(true);
    const rows = await refundsOf(db, order.id);
    expect(rows).toHaveLength(1);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => submitRefund(db, rows[0]!.id, resolve)),
    );
    expect(outcomes.filter((o) => o === "succeeded")).toHaveLength(1);
    expect(await ledger.countCalls(rows[0]!.idempotencyKey)).toBe(1);
    expect(await ledger.listByPaymentReference("pm_ok_1012")).toHaveLength(1);
  });

  it("decline tells the shopper why; a second decision sees the first", async () => {
    const order = await orderByNumber(db, "1012");
    const [pending] = await requestsOf(db, order.id);
    await declineRequest(db, { requestId: pending!.id, message: "The items were worn." }, agent);
    await expect(approveRequest(db, { requestId: pending!.id }, agent)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("already declined"),
    });
    const [row] = await requestsOf(db, order.id);
    expect(row!.decision?.shopperMessage?.en).toBe("The items were worn.");
  });

  it("a pending request can be withdrawn by its shopper, not by another order's session", async () => {
    const order = await orderByNumber(db, "1012");
    const other = await orderByNumber(db, "1002");
    const [pending] = await requestsOf(db, order.id);
    await expect(
      withdrawRequest(db, { requestId: pending!.id, orderId: other.id }, shopper),
    ).rejects.toMatchObject({ code: "not_found" });
    await withdrawRequest(db, { requestId: pending!.id, orderId: order.id }, shopper);
    expect((await requestsOf(db, order.id))[0]!.status).toBe("withdrawn");
  });
});

describe("gateway failure paths", () => {
  it("a refund the bank refuses ends failed with the reason, and a retry uses a new key of the same family", async () => {
    const { resolve } = sandbox();
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_card_expired_1001");
    await cancelWhole("1001");
    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, resolve)).toBe("failed");
    const [failed] = await refundsOf(db, order.id);
    expect(failed).toMatchObject({
      status: "failed",
      failureCode: "expired_or_canceled_card",
      failureReason: "The card has expired.",
    });
    expect(failed!.idempotencyKey).toBe(`refund:${refund!.id}:1`);
    // The reservation stays: nothing else can be refunded in its place.
    expect((await orderByNumber(db, "1001")).refundedAmount).toBe(order.capturedAmount);

    await retryRefund(db, { refundId: refund!.id }, agent);
    const [retried] = await refundsOf(db, order.id);
    expect(retried).toMatchObject({
      status: "pending",
      idempotencyKey: `refund:${refund!.id}:2`,
      failureCode: null,
    });
    await expect(retryRefund(db, { refundId: refund!.id }, agent)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("a slow refund moves from submitted to succeeded on its own when the bank settles, with an e-mail at each step", async () => {
    let clock = new Date();
    const { resolve } = sandbox({ settleAfterMs: 20_000, now: () => clock });
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_slow_1001");
    await cancelWhole("1001");
    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, resolve)).toBe("submitted");
    expect(await refreshRefund(db, refund!.id, resolve)).toBe("submitted");
    clock = new Date(clock.getTime() + 21_000);
    expect(await refreshRefund(db, refund!.id, resolve)).toBe("succeeded");
    expect((await refundsOf(db, order.id))[0]!.status).toBe("succeeded");
    // On its way when sent, complete when settled: two e-mails after the approval.
    expect((await mails(order.id)).map((m) => m.template)).toEqual([
      "request_approved",
      "refund_sent",
      "refund_succeeded",
    ]);
  });

  it("a lost answer (timeout) is retried under the same key and the gateway's refund is adopted, not duplicated", async () => {
    const { ledger, resolve } = sandbox();
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_timeout_once_1001");
    await cancelWhole("1001");
    const [refund] = await refundsOf(db, order.id);
    await expect(submitRefund(db, refund!.id, resolve)).rejects.toMatchObject({ code: "timeout" });
    expect((await refundsOf(db, order.id))[0]).toMatchObject({ status: "pending", claimedAt: null });
    expect(await submitRefund(db, refund!.id, resolve)).toBe("succeeded");
    expect(await ledger.listByPaymentReference("pm_timeout_once_1001")).toHaveLength(1);
    expect((await refundsOf(db, order.id))[0]!.attempts).toBe(2);
  });

  it("the same gateway news twice changes nothing", async () => {
    const { resolve } = sandbox();
    await cancelWhole("1001");
    const order = await orderByNumber(db, "1001");
    const [refund] = await refundsOf(db, order.id);
    await submitRefund(db, refund!.id, resolve);
    const news = { id: "x", status: "succeeded" as const, amount: refund!.amount, currency: "NOK" };
    expect(await applyGatewayRefund(db, refund!.id, news)).toBe("skipped");
    const succeeded = (await db.select().from(events).where(eq(events.subjectId, refund!.id))).filter(
      (e) => e.type === "refund.succeeded",
    );
    expect(succeeded).toHaveLength(1);
  });
});

describe("limits", () => {
  it("a refund above the store's maximum per order is never automatic", async () => {
    await db.update(stores).set({ maxRefundPerOrder: 100_00 }).where(eq(stores.id, DEMO_STORE_ID));
    const result = await cancelWhole("1001");
    expect(result.status).toBe("pending_review");
    const order = await orderByNumber(db, "1001");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const [request] = await requestsOf(db, order.id);
    expect(request!.decision).toMatchObject({ outcome: "review", ruleId: "over-max-review" });
    // An agent cannot push it through either; only an owner may.
    await expect(approveRequest(db, { requestId: request!.id }, agent)).rejects.toMatchObject({
      code: "limit_exceeded",
    });
    expect(await refundsOf(db, order.id)).toHaveLength(0);
    const approved = await approveRequest(
      db,
      { requestId: request!.id },
      { type: "staff", id: "owner" },
      { allowAboveStoreMax: true },
    );
    expect(approved.refundId).not.toBeNull();
  });

  it("decides by the rule set live at the time: a version saved a moment ago, cited in the decision", async () => {
    const { DEFAULT_RULES } = await import("@/lib/rules/default-policy");
    const { saveRuleSet } = await import("@/lib/rules/rule-sets");
    const first = await cancelWhole("1001");
    expect(first.status).toBe("refunding");
    const withoutAutoCancel = DEFAULT_RULES.filter((r) => r.id !== "cancel-unfulfilled");
    const { version } = await saveRuleSet(db, DEMO_STORE_ID, withoutAutoCancel, agent, "no auto-cancel");
    expect((await cancelWhole("1009")).status).toBe("pending_review");
    const [request] = await requestsOf(db, (await orderByNumber(db, "1009")).id);
    expect(request!.decision).toMatchObject({ outcome: "review", ruleVersion: version });
    const [earlier] = await requestsOf(db, (await orderByNumber(db, "1001")).id);
    expect(earlier!.decision).toMatchObject({ ruleId: "cancel-unfulfilled", ruleVersion: version - 1 });
  });

  it("the circuit breaker trips at its threshold and routes the next request to review", async () => {
    await db
      .update(stores)
      .set({ circuitBreaker: { windowMinutes: 60, maxCount: 1, maxAmount: 10_000_000 } })
      .where(eq(stores.id, DEMO_STORE_ID));
    expect((await cancelWhole("1001")).status).toBe("refunding");
    expect((await cancelWhole("1009")).status).toBe("pending_review");
    const [store] = await db.select().from(stores).where(eq(stores.id, DEMO_STORE_ID));
    expect(store!.automationPausedAt).not.toBeNull();
    expect(store!.automationPausedReason).toMatch(/More than 1 automatic refunds/);
    const order = await orderByNumber(db, "1009");
    const [request] = await requestsOf(db, order.id);
    expect(request!.decision?.explanation).toMatch(/paused/);
  });

  it("never lets refunds pass what was captured, even for staff", async () => {
    const order = await orderByNumber(db, "1002");
    const { requestId } = await submitRequest(
      db,
      {
        orderId: order.id,
        type: "return",
        lines: wholeOrder(order.lines),
        reasonCode: "wrong_item",
        idempotencyKey: formToken(),
      },
      shopper,
      { now: TEST_NOW },
    );
    await expect(
      approveRequest(
        db,
        { requestId, refund: { customAmount: order.capturedAmount + 1, reason: "goodwill" } },
        { type: "staff", id: "owner" },
        { allowAboveStoreMax: true },
      ),
    ).rejects.toMatchObject({ code: "limit_exceeded" });
    const [row] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.refundedAmount).toBe(0);
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(0);
    const lines = await db.select().from(lineItems).where(eq(lineItems.orderId, order.id));
    expect(lines.every((l) => l.quantityRefunded === 0)).toBe(true);
  });
});

describe("what the shopper is told", () => {
  it("an automatic cancellation refunded at once: the approval with the amount, then one e-mail with the arrival window", async () => {
    const { resolve } = sandbox();
    const order = await orderByNumber(db, "1001");
    await cancelWhole("1001");
    const [approved, ...none] = await mails(order.id);
    expect(none).toEqual([]);
    expect(approved!.template).toBe("request_approved");
    expect(approved!.text).toContain(
      `We are refunding ${nok(order.capturedAmount)} to your original payment method`,
    );

    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, resolve)).toBe("succeeded");
    const after = await mails(order.id);
    expect(after.map((m) => m.template)).toEqual(["request_approved", "refund_succeeded"]);
    const [settled] = await refundsOf(db, order.id);
    expect(settled!.expectedFrom).not.toBeNull();
    expect(after[1]!.text).toContain(`completed the refund of ${nok(order.capturedAmount)}`);
    expect(after[1]!.text).toMatch(/Expect to see it between .+ and .+\./);
    expect(after[1]!.text).toContain("If it is not on your statement by then");
  });

  it("a request sent to a person: received, with what would be refunded", async () => {
    const order = await orderByNumber(db, "1005");
    expect((await cancelWhole("1005")).status).toBe("pending_review");
    const [received, ...none] = await mails(order.id);
    expect(none).toEqual([]);
    expect(received!.template).toBe("request_received");
    // #1005's shopper reads Chinese: the amount as the e-mail formats it for them.
    expect(received!.text).toContain(
      formatMoney(order.capturedAmount, "NOK", INTL_LOCALE[order.locale as Locale]),
    );
  });
});

describe("void before capture", () => {
  it("cancelling an authorised-only order voids the authorisation instead of refunding", async () => {
    const { ledger, resolve } = sandbox();
    const { importOrder } = await import("@/lib/orders/commands");
    const { orderId } = await importOrder(
      db,
      DEMO_STORE_ID,
      {
        number: "5001",
        email: "auth@example.com",
        currency: "NOK",
        placedAt: TEST_NOW,
        lines: [{ sku: "NS-BEANIE", title: "Nordlys Beanie", quantity: 1, unitPrice: 24_900, tax: 6_225 }],
        payment: {
          gateway: "sandbox",
          reference: "pm_ok_auth_5001",
          method: { type: "card", brand: "visa", last4: "4242" },
          status: "authorized",
        },
      },
      { type: "api" },
    );
    const order = await orderByNumber(db, "5001");
    expect(order).toMatchObject({ financialStatus: "authorized", capturedAmount: 0 });
    const { status } = await submitRequest(
      db,
      {
        orderId,
        type: "cancellation",
        lines: wholeOrder(order.lines),
        reasonCode: "changed_mind",
        idempotencyKey: formToken(),
      },
      shopper,
      { now: TEST_NOW },
    );
    expect(status).toBe("refunding");
    const [row] = await refundsOf(db, orderId);
    expect(row).toMatchObject({ kind: "void", status: "pending", amount: order.total });
    expect(await submitRefund(db, row!.id, resolve)).toBe("succeeded");
    expect(await ledger.countCalls(`void:${row!.idempotencyKey}`)).toBe(1);
    expect(await ledger.listByPaymentReference("pm_ok_auth_5001")).toHaveLength(0);
    const after = await orderByNumber(db, "5001");
    expect(after).toMatchObject({ status: "cancelled", financialStatus: "voided", refundedAmount: 0 });
    expect((await requestsOf(db, orderId))[0]!.status).toBe("completed");
    // No money moved: one e-mail, which promises no refund.
    const mails = await db.select().from(notifications).where(eq(notifications.orderId, orderId));
    expect(mails.map((m) => m.template)).toEqual(["request_approved"]);
    expect(mails[0]!.text).toContain("There is nothing more you need to do.");
    expect(mails[0]!.text).not.toContain("We are refunding");
  });
});
