// Failed refunds and the shopper's fallback, with the sandbox gateway as the bank: the offer and
// its signed link, each choice (the original card once replaced, bank transfer, store credit), and a late success of the
// failed attempt — which cancels an unused fallback, withdraws a retry not yet sent, and flags a
// double payment for staff once the fallback paid. Money never moves twice unnoticed.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, notifications, refundFallbacks, storeCredits, stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import {
  chooseBankTransfer,
  chooseOriginalRetry,
  chooseStoreCredit,
  recordFallbackBankTransfer,
  resolveFallbackFlag,
} from "@/lib/fallbacks/commands";
import { readFallbackToken } from "@/lib/fallbacks/token";
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook, totalRefunded } from "@/lib/gateways/sandbox";
import { reconcileRefunds } from "@/lib/reconcile/commands";
import { submitRefund } from "@/lib/refunds/commands";
import { applyGatewayWebhook } from "@/lib/refunds/webhooks";
import { createDemoDatabase } from "../fixtures/db";
import {
  cancelWholeOrder,
  orderByNumber,
  refundsOf,
  sandbox,
  usePaymentReference as pointPaymentAt,
} from "../fixtures/engine";

process.env.AUTH_SECRET ??= "fallback-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

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

const shopper = { type: "shopper" as const };
const agent = { type: "staff" as const, id: "agent-1" };

/** #1001 is cancelled and its refund fails at the bank: the card has expired. */
async function failedRefund() {
  const order = await orderByNumber(db, "1001");
  await pointPaymentAt(db, order.id, "pm_card_expired_1001");
  await cancelWholeOrder(db, order);
  const [refund] = await refundsOf(db, order.id);
  expect(await submitRefund(db, refund!.id, bank.resolve)).toBe("failed");
  const [fallback] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.refundId, refund!.id));
  return { order, refund: (await refundsOf(db, order.id))[0]!, fallback: fallback! };
}

/** The bank changes its mind: the failed attempt is now a success in its ledger. */
async function bankReversesFailure(gatewayRefundId: string) {
  await bank.ledger.update(gatewayRefundId, { status: "succeeded", failureCode: null, failureReason: null });
}

async function webhook(refund: { id: string; status: string; amount: number; currency: string }) {
  const body = JSON.stringify({ refund });
  const headers = new Headers({
    [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body, "test-secret-0123456789"),
  });
  return applyGatewayWebhook(db, "sandbox", body, headers, bank.resolve);
}

const moneyBack = () => totalRefunded(bank.ledger, "pm_card_expired_1001");

describe("a refund that fails at the bank", () => {
  it("offers the shopper a fallback by e-mail with a signed, expiring link instead of the generic failure note", async () => {
    const { order, refund, fallback } = await failedRefund();
    expect(fallback).toMatchObject({
      status: "open",
      failureCode: "expired_or_canceled_card",
      amount: refund.amount,
      failedIdempotencyKey: `refund:${refund.id}:1`,
      failedGatewayRefundId: refund.gatewayRefundId,
    });
    expect(fallback.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    const mails = await db.select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(mails.map((m) => m.template)).not.toContain("refund_failed");
    const offer = mails.find((m) => m.template === "refund_fallback")!;
    expect(offer.text).toContain("the card has expired or was cancelled");
    const token = /\/refund-options\/(\S+)/.exec(offer.text)![1]!;
    expect(readFallbackToken(decodeURIComponent(token), process.env.AUTH_SECRET!)).toEqual({
      ok: true,
      fallbackId: fallback.id,
    });
    expect(
      readFallbackToken(
        decodeURIComponent(token),
        process.env.AUTH_SECRET!,
        new Date(Date.now() + 15 * 86_400_000),
      ),
    ).toMatchObject({ ok: false, reason: "expired" });
    expect(readFallbackToken(`${fallback.id}.9999999999.forged`, process.env.AUTH_SECRET!)).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("retries to the original payment once the bank replaced the card, and the money moves once", async () => {
    const { refund, fallback } = await failedRefund();
    await chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper);
    const [retry] = await refundsOf(db, refund.orderId);
    expect(retry).toMatchObject({
      status: "pending",
      idempotencyKey: `refund:${refund.id}:2`,
      paymentReference: "pm_card_expired_1001",
    });
    bank.replaceCard("pm_card_expired_1001");
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("succeeded");
    const [after] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id));
    expect(after).toMatchObject({ status: "settled", choice: "original", newPaymentReference: null });
    expect(await moneyBack()).toBe(refund.amount);
    // The same choice again is refused: the offer is closed.
    await expect(chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("takes validated bank details, which staff pay and record offline", async () => {
    const { refund, fallback } = await failedRefund();
    await expect(
      chooseBankTransfer(
        db,
        { fallbackId: fallback.id, accountHolder: "Ada Lund", iban: "NO93 8601 1117 948" },
        shopper,
      ),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { iban: ["iban_invalid"] } });
    await expect(
      chooseBankTransfer(
        db,
        { fallbackId: fallback.id, accountHolder: " ", iban: "NO93 8601 1117 947" },
        shopper,
      ),
    ).rejects.toMatchObject({ fieldErrors: { accountHolder: ["holder_required"] } });
    await chooseBankTransfer(
      db,
      { fallbackId: fallback.id, accountHolder: "Ada Lund", iban: "no93 8601 1117 947" },
      shopper,
    );
    const [chosen] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id));
    expect(chosen).toMatchObject({
      status: "chosen",
      choice: "bank_transfer",
      iban: "NO9386011117947",
      accountHolder: "Ada Lund",
    });

    await recordFallbackBankTransfer(db, { fallbackId: fallback.id, note: "Paid from DNB, ref 4411" }, agent);
    const [settled] = await refundsOf(db, refund.orderId);
    expect(settled).toMatchObject({ status: "succeeded", offline: true });
    expect(settled!.note).toContain("NO••");
    expect(
      (await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id)))[0]!.status,
    ).toBe("settled");
    expect(await moneyBack()).toBe(0); // nothing went through the gateway
  });

  it("offers store credit only when the store enables it, then settles the refund with it", async () => {
    const { order, refund, fallback } = await failedRefund();
    await expect(chooseStoreCredit(db, { fallbackId: fallback.id }, shopper)).rejects.toMatchObject({
      code: "not_eligible",
    });
    await db.update(stores).set({ storeCreditEnabled: true }).where(eq(stores.id, DEMO_STORE_ID));
    const { code } = await chooseStoreCredit(db, { fallbackId: fallback.id }, shopper);
    const [credit] = await db.select().from(storeCredits).where(eq(storeCredits.refundId, refund.id));
    expect(credit).toMatchObject({ code, amount: refund.amount, email: "ada@example.com" });
    expect((await refundsOf(db, order.id))[0]).toMatchObject({ status: "succeeded", offline: true });
    expect(
      (await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id)))[0],
    ).toMatchObject({
      status: "settled",
      choice: "store_credit",
    });
    const templates = (await db.select().from(notifications).where(eq(notifications.orderId, order.id))).map(
      (m) => m.template,
    );
    expect(templates).toContain("store_credit_issued");
    expect(templates).not.toContain("refund_succeeded");
  });

  it("refuses a choice once the link's offer has expired", async () => {
    const { fallback } = await failedRefund();
    await expect(
      chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper, {
        now: new Date(fallback.expiresAt.getTime() + 1000),
      }),
    ).rejects.toMatchObject({ code: "conflict", message: /expired/ });
  });

  it("a retry that fails again closes its offer and makes a new one for the new attempt", async () => {
    const { refund, fallback } = await failedRefund();
    await chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper);
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("failed");
    const offers = await db
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.refundId, refund.id))
      .orderBy(refundFallbacks.createdAt);
    expect(offers.map((o) => [o.status, o.failedIdempotencyKey])).toEqual([
      ["cancelled", `refund:${refund.id}:1`],
      ["open", `refund:${refund.id}:2`],
    ]);
  });
});

describe("a late success of the failed attempt", () => {
  it("cancels the open fallback when the gateway reports it (webhook), and no money moves twice", async () => {
    const { order, refund, fallback } = await failedRefund();
    await bankReversesFailure(refund.gatewayRefundId!);
    expect(
      await webhook({
        id: refund.gatewayRefundId!,
        status: "succeeded",
        amount: refund.amount,
        currency: "NOK",
      }),
    ).toBe(1);
    expect((await refundsOf(db, order.id))[0]).toMatchObject({
      status: "succeeded",
      gatewayRefundId: refund.gatewayRefundId,
    });
    const [after] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id));
    expect(after).toMatchObject({ status: "cancelled", cancelReason: "original_refund_succeeded" });
    expect(after!.lateSuccessAt).not.toBeNull();
    expect(after!.flaggedAt).toBeNull();
    // The shopper's link now leads nowhere that can pay again.
    await expect(chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await moneyBack()).toBe(refund.amount);
    expect((await orderByNumber(db, "1001")).financialStatus).toBe("refunded");
    // The same news again changes nothing.
    expect(
      await webhook({
        id: refund.gatewayRefundId!,
        status: "succeeded",
        amount: refund.amount,
        currency: "NOK",
      }),
    ).toBe(0);
  });

  it("withdraws a retry that was queued but not sent yet (found by reconciliation)", async () => {
    const { refund, fallback } = await failedRefund();
    await chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper);
    await bankReversesFailure(refund.gatewayRefundId!);
    const report = await reconcileRefunds(db, bank.resolve);
    expect(report.corrected).toBe(1);
    const [row] = await refundsOf(db, refund.orderId);
    expect(row).toMatchObject({
      status: "succeeded",
      idempotencyKey: `refund:${refund.id}:1`,
      gatewayRefundId: refund.gatewayRefundId,
      paymentReference: "pm_card_expired_1001",
    });
    // The queued submission finds nothing to send.
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("skipped");
    expect(await bank.ledger.listByPaymentReference("pm_card_expired_1001")).toHaveLength(1);
    expect(await moneyBack()).toBe(refund.amount);
    expect(
      (await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id)))[0],
    ).toMatchObject({
      status: "cancelled",
      cancelReason: "original_refund_succeeded",
    });
  });

  it("flags staff when the fallback already paid, and staff resolve it", async () => {
    const { refund, fallback } = await failedRefund();
    await chooseOriginalRetry(db, { fallbackId: fallback.id }, shopper);
    bank.replaceCard("pm_card_expired_1001");
    expect(await submitRefund(db, refund.id, bank.resolve)).toBe("succeeded");
    await bankReversesFailure(refund.gatewayRefundId!);
    await webhook({
      id: refund.gatewayRefundId!,
      status: "succeeded",
      amount: refund.amount,
      currency: "NOK",
    });
    const [flagged] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id));
    expect(flagged!.flaggedAt).not.toBeNull();
    expect(flagged!.flagReason).toMatch(/moved twice/);
    // The refund keeps the account of the retry that paid; nothing more is sent automatically.
    expect((await refundsOf(db, refund.orderId))[0]).toMatchObject({
      status: "succeeded",
      idempotencyKey: `refund:${refund.id}:2`,
    });
    const kinds = (
      await db
        .select()
        .from(events)
        .where(and(eq(events.subjectId, refund.id)))
    ).map((e) => e.type);
    expect(kinds).toContain("refund.fallback_flagged");
    await resolveFallbackFlag(
      db,
      { fallbackId: fallback.id, note: "Asked the shopper to repay via the store" },
      agent,
    );
    expect(
      (await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id)))[0]!.flagResolvedAt,
    ).not.toBeNull();
  });

  it("flags staff when the shopper took store credit first", async () => {
    const { refund, fallback } = await failedRefund();
    await db.update(stores).set({ storeCreditEnabled: true }).where(eq(stores.id, DEMO_STORE_ID));
    await chooseStoreCredit(db, { fallbackId: fallback.id }, shopper);
    await bankReversesFailure(refund.gatewayRefundId!);
    const report = await reconcileRefunds(db, bank.resolve);
    expect(report.corrected).toBe(1);
    const [flagged] = await db.select().from(refundFallbacks).where(eq(refundFallbacks.id, fallback.id));
    expect(flagged!.flagReason).toMatch(/store credit/);
  });
});
