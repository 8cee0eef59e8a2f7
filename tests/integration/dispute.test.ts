// Disputes: a chargeback opened on a payment (sandbox webhook event, Stripe charge.dispute.created)
// holds that order's pending and failed refunds for staff instead of submitting or retrying them;
// staff release the hold and a pending refund goes on.
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { disputes, events, paymentTransactions, refundFallbacks } from "@/lib/db/schema";
import { releaseRefundHold } from "@/lib/disputes/commands";
import { chooseOriginalRetry } from "@/lib/fallbacks/commands";
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from "@/lib/gateways/sandbox";
import { StripeGateway } from "@/lib/gateways/stripe";
import type { PaymentGateway } from "@/lib/gateways/types";
import { runJobsNow } from "@/lib/jobs/drain";
import { applyGatewayRefund, retryRefund, submitRefund } from "@/lib/refunds/commands";
import { sweepRefunds } from "@/lib/refunds/jobs";
import { applyGatewayWebhook } from "@/lib/refunds/webhooks";
import { createDemoDatabase } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber, refundsOf, sandbox, usePaymentReference } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "dispute-test-secret-0123456789abcdef";

let database: Database;
let db: Database["db"];
let bank: ReturnType<typeof sandbox>;
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
  bank = sandbox();
});
afterEach(async () => {
  await database.close();
});

const agent = { type: "staff" as const, id: "agent-1" };

async function cancelWhole(number: string) {
  const order = await orderByNumber(db, number);
  await cancelWholeOrder(db, order);
  return (await refundsOf(db, order.id))[0]!;
}

function sandboxDispute(paymentReference: string, status = "open") {
  const body = JSON.stringify({
    dispute: {
      id: "dp_sbx_1",
      paymentReference,
      amount: 100_00,
      currency: "nok",
      reason: "fraudulent",
      status,
    },
  });
  const headers = new Headers({
    [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body, "test-secret-0123456789"),
  });
  return applyGatewayWebhook(db, "sandbox", body, headers, bank.resolve);
}

describe("a dispute on a charge with a pending refund", () => {
  it("holds the refund: it is neither submitted nor swept until staff release it", async () => {
    const refund = await cancelWhole("1001");
    expect(await sandboxDispute("pm_ok_1001")).toBe(1);
    const [dispute] = await db.select().from(disputes);
    expect(dispute).toMatchObject({
      gatewayDisputeId: "dp_sbx_1",
      status: "open",
      reason: "fraudulent",
      orderId: refund.orderId,
    });
    const [held] = await refundsOf(db, refund.orderId);
    expect(held!.heldAt).not.toBeNull();
    expect(held!.holdReason).toMatch(/dp_sbx_1/);

    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("skipped");
    expect(await sweepRefunds(db, new Date(Date.now() + 3_600_000))).toEqual([]);
    expect(await bank.ledger.listByPaymentReference("pm_ok_1001")).toHaveLength(0);
    // The same event again changes nothing.
    expect(await sandboxDispute("pm_ok_1001")).toBe(0);

    await expect(releaseRefundHold(db, { refundId: refund.id, note: "" }, agent)).rejects.toMatchObject({
      code: "invalid_input",
    });
    await releaseRefundHold(db, { refundId: refund.id, note: "Dispute withdrawn by the bank" }, agent);
    expect((await refundsOf(db, refund.orderId))[0]!.heldAt).toBeNull();
    const types = (await db.select().from(events).where(eq(events.subjectId, refund.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["refund.held", "refund.hold_released"]));
    // Released, the refund goes on through its queued submission.
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("succeeded");
  });

  it("holds a failed refund: staff cannot retry it and the shopper's fallback waits", async () => {
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_card_expired_1001");
    const refund = await cancelWhole("1001");
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("failed");
    const [fallback] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.refundId, refund.id));
    expect(fallback!.status).toBe("open");

    await sandboxDispute("pm_card_expired_1001");
    expect((await refundsOf(db, order.id))[0]!.heldAt).not.toBeNull();
    await expect(retryRefund(db, { refundId: refund.id }, agent)).rejects.toMatchObject({
      code: "conflict",
      message: /on hold/,
    });
    await expect(
      chooseOriginalRetry(db, { fallbackId: fallback!.id }, { type: "shopper" }),
    ).rejects.toMatchObject({ code: "conflict", message: /reviewed/ });
    expect(await bank.ledger.listByPaymentReference("pm_card_expired_1001")).toHaveLength(1);
  });

  it("a refund the gateway fails because the charge is disputed is held with no fallback", async () => {
    const refund = await cancelWhole("1001");
    await applyGatewayRefund(db, refund.id, {
      id: "re_disputed",
      status: "failed",
      amount: refund.amount,
      currency: "NOK",
      failureCode: "charge_for_pending_refund_disputed",
    });
    const [row] = await refundsOf(db, refund.orderId);
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.heldAt).not.toBeNull();
    expect(
      await db.select().from(refundFallbacks).where(eq(refundFallbacks.refundId, refund.id)),
    ).toHaveLength(0);
  });
});

describe("Stripe disputes", () => {
  it("charge.dispute.created holds the refunds of the disputed payment intent", async () => {
    const secret = "whsec_test_dispute_0123456789";
    const stripe: PaymentGateway = new StripeGateway({ secretKey: "sk_test_unused", webhookSecret: secret });
    const refund = await cancelWhole("1009");
    await db
      .update(paymentTransactions)
      .set({ gateway: "stripe", gatewayReference: "pi_3Qdispute1009" })
      .where(eq(paymentTransactions.orderId, refund.orderId));
    const payload = JSON.stringify({
      id: "evt_1",
      object: "event",
      type: "charge.dispute.created",
      api_version: "2024-06-20",
      created: 1_795_000_000,
      data: {
        object: {
          id: "du_1Qdispute",
          object: "dispute",
          amount: refund.amount,
          currency: "nok",
          charge: "ch_3Qdispute1009",
          payment_intent: "pi_3Qdispute1009",
          reason: "product_not_received",
          status: "needs_response",
        },
      },
    });
    const header = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret });
    const headers = new Headers({ "stripe-signature": header });
    expect(await applyGatewayWebhook(db, "stripe", payload, headers, () => stripe)).toBe(1);
    const [dispute] = await db.select().from(disputes);
    expect(dispute).toMatchObject({
      gateway: "stripe",
      gatewayDisputeId: "du_1Qdispute",
      status: "open",
      reason: "product_not_received",
    });
    expect((await refundsOf(db, refund.orderId))[0]!.heldAt).not.toBeNull();
  });
});

describe("the refund.submit job", () => {
  it("skips a held refund", async () => {
    const refund = await cancelWhole("1001");
    await sandboxDispute("pm_ok_1001");
    await runJobsNow(database, { names: ["refund.submit"] });
    expect((await refundsOf(db, refund.orderId))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });
});
