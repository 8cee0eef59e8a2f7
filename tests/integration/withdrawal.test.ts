// The withdrawal function (EU CRD Art. 11a) on a real database: the record, its acknowledgement
// (through a real SMTP server), and the pipeline it starts — unsent units cancelled and refunded
// under a statutory decision, sent units an approved return refunded on receipt.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, notifications, requests, stores, withdrawals } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { runJobsNow } from "@/lib/jobs/drain";
import { configureMail } from "@/lib/notifications/mailer";
import { submitRefund } from "@/lib/refunds/commands";
import { markItemReceived } from "@/lib/requests/commands";
import { submitWithdrawal } from "@/lib/withdrawals/commands";
import { readReceiptToken } from "@/lib/withdrawals/receipt-token";
import { renderWithdrawalReceipt } from "@/lib/withdrawals/receipt";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber, refundsOf, requestsOf, sandbox } from "../fixtures/engine";
import { startSmtpInbox } from "../fixtures/smtp-inbox";

process.env.AUTH_SECRET ??= "withdrawal-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  configureMail(undefined);
  await database.close();
});

const guest = { type: "shopper" as const };
// A confirmation a few milliseconds past a second: the record keeps the second.
const SUBMITTED = new Date(TEST_NOW.getTime() + 5_432);

async function withdraw(
  number: string,
  extra: Partial<Parameters<typeof submitWithdrawal>[1]> = {},
  now = SUBMITTED,
) {
  const order = await orderByNumber(db, number);
  return submitWithdrawal(
    db,
    {
      orderId: order.id,
      name: "Frida Nilsen",
      email: "Frida@Example.com",
      scope: "all",
      locale: "en",
      idempotencyKey: formToken(),
      ...extra,
    },
    guest,
    { now },
  );
}

describe("withdrawing from #1011 (wallet, partially fulfilled)", () => {
  it("stores the withdrawal to the second, separate from the requests it leads to", async () => {
    const result = await withdraw("1011", { reason: "Changed my mind" });
    const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, result.withdrawalId));
    expect(row).toMatchObject({
      name: "Frida Nilsen",
      email: "frida@example.com",
      orderNumber: "1011",
      reason: "Changed my mind",
      scope: "all",
    });
    expect(row!.submittedAt.toISOString()).toBe("2026-11-23T12:00:05.000Z");
    expect(row!.lines.map((l) => [l.title, l.quantity, l.shipped])).toEqual([
      ["Nordlys Beanie", 1, false],
      ["Aurora Wool Sweater", 1, true],
    ]);
    const types = (await db.select().from(events).where(eq(events.orderId, row!.orderId))).map((e) => e.type);
    expect(types).toContain("withdrawal.received");
  });

  it("cancels and refunds the unsent beanie (with shipping) under the statutory decision, not the rules", async () => {
    const { ledger, resolve } = sandbox();
    const before = await orderByNumber(db, "1011");
    const result = await withdraw("1011");
    const [cancellation] = await db
      .select()
      .from(requests)
      .where(eq(requests.id, result.cancellationRequestId!));
    expect(cancellation).toMatchObject({
      type: "cancellation",
      status: "refunding",
      reasonCode: "statutory_withdrawal",
    });
    expect(cancellation!.decision).toMatchObject({ outcome: "auto_approve", ruleId: "statutory-withdrawal" });

    const beanie = before.lines.find((l) => l.sku === "NS-BEANIE")!;
    const [refund] = await refundsOf(db, before.id);
    const shipping = before.shippingTotal + before.shippingTaxTotal;
    expect(refund).toMatchObject({
      requestId: cancellation!.id,
      status: "pending",
      amount: beanie.unitPrice - beanie.discountAllocation + beanie.taxAllocation + shipping,
      shippingAmount: shipping,
      paymentMethodType: "wallet",
    });
    expect(await submitRefund(db, refund!.id, resolve)).toBe("succeeded");
    expect(await ledger.listByPaymentReference("pm_ok_1011")).toHaveLength(1);
    const after = await orderByNumber(db, "1011");
    expect(after.lines.find((l) => l.sku === "NS-BEANIE")!.quantityCancelled).toBe(1);
    expect(after.status).toBe("open");
  });

  it("turns the sent sweater into an approved return with instructions, refunded when it arrives", async () => {
    const { resolve } = sandbox();
    const result = await withdraw("1011");
    const [ret] = await db.select().from(requests).where(eq(requests.id, result.returnRequestId!));
    expect(ret).toMatchObject({ type: "return", status: "awaiting_item" });
    const order = await orderByNumber(db, "1011");
    const mails = await db.select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(mails.map((m) => m.template)).toEqual(
      expect.arrayContaining(["withdrawal_received", "return_instructions", "request_approved"]),
    );
    expect(mails.find((m) => m.template === "return_instructions")!.text).toContain("Aurora Wool Sweater");

    const { refundId } = await markItemReceived(db, { requestId: ret!.id }, { type: "staff", id: "agent-1" });
    const refund = (await refundsOf(db, order.id)).find((r) => r.id === refundId)!;
    const sweater = order.lines.find((l) => l.sku === "NS-SWEATER-M")!;
    expect(refund).toMatchObject({ createdByType: "rule", createdById: "statutory-withdrawal" });
    expect(refund.amount).toBe(sweater.unitPrice - sweater.discountAllocation + sweater.taxAllocation);
    expect(await submitRefund(db, refundId!, resolve)).toBe("succeeded");
    expect((await orderByNumber(db, "1011")).financialStatus).toBe("partially_refunded");
    // With the cancelled beanie's refund too, everything the shopper paid is back.
    const cancelled = (await refundsOf(db, order.id)).find(
      (r) => r.requestId === result.cancellationRequestId,
    )!;
    expect(await submitRefund(db, cancelled.id, resolve)).toBe("succeeded");
    expect((await orderByNumber(db, "1011")).financialStatus).toBe("refunded");
  });

  it("e-mails an acknowledgement that a real SMTP server receives, with the content and the time to the second", async () => {
    const inbox = await startSmtpInbox();
    try {
      configureMail({
        smtpUrl: `smtp://127.0.0.1:${inbox.port}`,
        from: "Nordlys Supply <no-reply@nordlys.example>",
      });
      const result = await withdraw("1011", { reason: "Too warm" });
      await runJobsNow(database, { names: ["notification.deliver"] });
      const mail = await inbox.waitFor((m) => m.headers.subject?.includes("withdrawal") ?? false, 5_000);
      expect(mail.headers.to).toBe("frida@example.com");
      expect(mail.headers.subject).toBe("We received your withdrawal from order #1011");
      expect(mail.text).toContain("23 November 2026 at 12:00:05 UTC");
      expect(mail.text).toContain("2026-11-23 12:00:05 UTC");
      expect(mail.text).toContain("Name: Frida Nilsen");
      expect(mail.text).toContain("1 × Nordlys Beanie (One size / Moss) — not sent yet: cancelled");
      expect(mail.text).toContain("1 × Aurora Wool Sweater (M / Heather grey) — sent to you: to be returned");
      expect(mail.text).toContain("Reason: Too warm");
      const link = /https:\/\/returns\.nordlys\.example\/withdraw\/receipt\/(\S+)/.exec(mail.text)?.[1];
      expect(readReceiptToken(decodeURIComponent(link!), process.env.AUTH_SECRET!)).toBe(result.withdrawalId);
      const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, result.withdrawalId));
      const [ack] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.id, row!.acknowledgementId!));
      expect(ack).toMatchObject({ status: "sent", transport: "smtp" });
    } finally {
      await inbox.close();
    }
  });

  it("renders a downloadable copy with the same content and time", async () => {
    const result = await withdraw("1011");
    const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, result.withdrawalId));
    const receipt = renderWithdrawalReceipt(row!, { storeName: "Nordlys Supply", locale: "en" });
    expect(receipt).toContain("2026-11-23 12:00:05 UTC");
    expect(receipt).toContain("Order: #1011");
    expect(receipt).toContain("Nordlys Beanie");
    expect(receipt).toContain("Reason: none given");
  });

  it("finds the first withdrawal for a replayed form token, even when ten confirmations race", async () => {
    const order = await orderByNumber(db, "1011");
    const token = formToken();
    const input = {
      orderId: order.id,
      name: "Frida",
      email: "frida@example.com",
      scope: "all" as const,
      idempotencyKey: token,
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => submitWithdrawal(db, input, guest, { now: SUBMITTED })),
    );
    expect(new Set(results.map((r) => r.withdrawalId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.select().from(withdrawals).where(eq(withdrawals.orderId, order.id))).toHaveLength(1);
    expect(await requestsOf(db, order.id)).toHaveLength(2);
  });

  it("withdraws from chosen lines only: the sweater alone becomes a return, nothing is cancelled", async () => {
    const order = await orderByNumber(db, "1011");
    const sweater = order.lines.find((l) => l.sku === "NS-SWEATER-M")!;
    const result = await withdraw("1011", {
      scope: "some",
      lines: [{ lineItemId: sweater.id, quantity: 1 }],
    });
    expect(result.cancellationRequestId).toBeNull();
    expect(result.returnRequestId).not.toBeNull();
    const [row] = await db.select().from(withdrawals).where(eq(withdrawals.id, result.withdrawalId));
    expect(row!.scope).toBe("some");
    expect(await refundsOf(db, order.id)).toHaveLength(0);
  });

  it("rejects more units than are left, with a field error and nothing written", async () => {
    const order = await orderByNumber(db, "1011");
    const error = await withdraw("1011", {
      scope: "some",
      lines: [{ lineItemId: order.lines[0]!.id, quantity: 5 }],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_eligible", fieldErrors: { "lines.0.quantity": ["too_many"] } });
    expect(await db.select().from(withdrawals)).toHaveLength(0);
  });

  it("gives field errors for a missing name and e-mail; the reason is never required", async () => {
    const order = await orderByNumber(db, "1011");
    const error = await submitWithdrawal(
      db,
      { orderId: order.id, name: " ", email: "nope", scope: "all", idempotencyKey: formToken() },
      guest,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "invalid_input",
      fieldErrors: { name: ["name_required"], email: ["email_invalid"] },
    });
  });
});

describe("the withdrawal period and the store setting", () => {
  it("is open before delivery and for 14 days after the last item arrived, then closed", async () => {
    await expect(withdraw("1001")).resolves.toMatchObject({ created: true }); // not shipped yet
    await expect(withdraw("1007")).resolves.toMatchObject({ created: true }); // delivered 10 days ago
    await expect(withdraw("1003")).rejects.toMatchObject({ code: "not_eligible", message: /period/ }); // 45 days
    await expect(withdraw("1010")).rejects.toMatchObject({ code: "not_eligible", message: /period/ }); // exactly 14
  });

  it("is not limited by final sale or the store's return rules", async () => {
    const result = await withdraw("1004");
    const [ret] = await db.select().from(requests).where(eq(requests.id, result.returnRequestId!));
    expect(ret).toMatchObject({ status: "awaiting_item" });
  });

  it("sends a withdrawal above the store's maximum refund to a person", async () => {
    await db.update(stores).set({ maxRefundPerOrder: 100_00 }).where(eq(stores.id, DEMO_STORE_ID));
    const result = await withdraw("1001");
    const [cancellation] = await db
      .select()
      .from(requests)
      .where(eq(requests.id, result.cancellationRequestId!));
    expect(cancellation).toMatchObject({ status: "pending_review" });
    expect(cancellation!.decision).toMatchObject({ outcome: "review", ruleId: "statutory-withdrawal" });
    expect(await refundsOf(db, (await orderByNumber(db, "1001")).id)).toHaveLength(0);
    // The withdrawal itself is recorded and acknowledged all the same.
    expect(await db.select().from(withdrawals).where(eq(withdrawals.id, result.withdrawalId))).toHaveLength(
      1,
    );
  });

  it("is refused when the store turned the function off", async () => {
    await db.update(stores).set({ withdrawalEnabled: false }).where(eq(stores.id, DEMO_STORE_ID));
    await expect(withdraw("1011")).rejects.toMatchObject({ code: "not_eligible" });
    expect(await db.select().from(withdrawals)).toHaveLength(0);
  });
});
