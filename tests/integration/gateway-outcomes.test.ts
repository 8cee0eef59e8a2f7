// What the gateway really did decides (issue 16, items 2, 6 and 7): an offline settlement is refused
// for a refund the gateway made, a refund no adapter can send goes to staff at once, a refund the
// gateway cancels is final and frees its reservation, a webhook is applied once per event, the
// reconciliation reads its whole window, and an overdue refund is one still unconfirmed a business
// day after it was sent.
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import {
  events,
  lineItems,
  notifications,
  orders,
  paymentTransactions,
  refunds,
  sandboxRefunds,
  staffUsers,
} from "@/lib/db/schema";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook, totalRefunded } from "@/lib/gateways/sandbox";
import type { Actor } from "@/lib/events/record";
import { reconcileRefunds } from "@/lib/reconcile/commands";
import { recordOfflineRefund, refreshRefund, retryRefund, submitRefund } from "@/lib/refunds/commands";
import { appGateways } from "@/lib/refunds/gateways";
import { sweepRefunds } from "@/lib/refunds/jobs";
import { countRefundsByView, listRefunds } from "@/lib/refunds/queries";
import { applyGatewayWebhook } from "@/lib/refunds/webhooks";
import { createDemoDatabase } from "../fixtures/db";
import {
  cancelWholeOrder,
  orderByNumber,
  refundsOf,
  sandbox,
  usePaymentReference as pointPaymentAt,
} from "../fixtures/engine";

process.env.AUTH_SECRET ??= "gateway-outcomes-secret-0123456789abcdef";

let database: Database;
let db: Database["db"];
let agent: Actor;
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
  const [owner] = await db
    .insert(staffUsers)
    .values({ email: "owner@nordlys.example", role: "owner" })
    .returning({ id: staffUsers.id });
  agent = { type: "staff", id: owner!.id };
});
afterEach(async () => {
  await database.close();
});

/** The shopper cancels `number` (its payment pointed at `reference`); returns its pending refund. */
async function pendingRefund(number: string, reference?: string) {
  const order = await orderByNumber(db, number);
  if (reference) await pointPaymentAt(db, order.id, reference);
  await cancelWholeOrder(db, order);
  return (await refundsOf(db, order.id))[0]!;
}

const row = async (id: string) => (await db.select().from(refunds).where(eq(refunds.id, id)))[0]!;
const eventTypes = async (id: string) =>
  (await db.select().from(events).where(eq(events.subjectId, id))).map((e) => e.type);
const mailTo = async (template: string) =>
  (await db.select().from(notifications).where(eq(notifications.template, template))).map((n) => n.to);

describe("recording a refund as paid offline", () => {
  it("adopts the refund the gateway made when its answer was lost, and pays nothing twice", async () => {
    const { ledger, resolve } = sandbox();
    const refund = await pendingRefund("1001", "pm_timeout_once_1001");
    await expect(submitRefund(db, refund.id, resolve)).rejects.toThrow(/timeout/);
    expect(await row(refund.id)).toMatchObject({ status: "pending", attempts: 1, claimedAt: null });

    const result = await recordOfflineRefund(
      db,
      { refundId: refund.id, note: "Paid by bank transfer" },
      agent,
      resolve,
    );

    expect(result).toEqual({ outcome: "adopted", status: "succeeded" });
    const [made] = await ledger.listByPaymentReference("pm_timeout_once_1001");
    expect(await row(refund.id)).toMatchObject({
      status: "succeeded",
      offline: false,
      gatewayRefundId: made!.id,
    });
    const types = await eventTypes(refund.id);
    expect(types).toContain("refund.gateway_checked");
    expect(types).not.toContain("refund.offline_recorded");
    const [checked] = await db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, refund.id), eq(events.type, "refund.gateway_checked")));
    expect(checked!.data).toMatchObject({ verdict: "made_by_gateway", found: { id: made!.id } });
    expect(await totalRefunded(ledger, "pm_timeout_once_1001")).toBe(refund.amount);
  });

  it("adopts a refund whose worker died holding the claim, found by our id in the payment's refunds", async () => {
    const { ledger, gateway, resolve } = sandbox();
    const refund = await pendingRefund("1001");
    // The dead worker's call reached the gateway; the claim went stale with nothing saved.
    await gateway.createRefund({
      paymentReference: refund.paymentReference!,
      amount: refund.amount,
      currency: refund.currency,
      idempotencyKey: refund.idempotencyKey,
      metadata: { refundId: refund.id, orderNumber: "1001" },
    });
    await db
      .update(refunds)
      .set({ attempts: 1, claimedAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(refunds.id, refund.id));

    const result = await recordOfflineRefund(
      db,
      { refundId: refund.id, note: "Paid by bank transfer" },
      agent,
      resolve,
    );

    expect(result.outcome).toBe("adopted");
    expect(await row(refund.id)).toMatchObject({ status: "succeeded", offline: false });
    expect(await ledger.listByPaymentReference(refund.paymentReference!)).toHaveLength(1);
  });

  it("settles offline only a refund the gateway has definitely not made, and audits the lookup", async () => {
    const { ledger, resolve } = sandbox();
    const refund = await pendingRefund("1001", "pm_flaky_1001");
    await expect(submitRefund(db, refund.id, resolve)).rejects.toThrow(/500/);

    const result = await recordOfflineRefund(
      db,
      { refundId: refund.id, note: "Paid by bank transfer" },
      agent,
      resolve,
    );

    expect(result).toEqual({ outcome: "recorded" });
    expect(await row(refund.id)).toMatchObject({ status: "succeeded", offline: true });
    const [checked] = await db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, refund.id), eq(events.type, "refund.gateway_checked")));
    expect(checked!.data).toMatchObject({ verdict: "not_made", found: null });
    // Nothing is sent afterwards: the refund is settled.
    expect(await submitRefund(db, refund.id, resolve)).toBe("skipped");
    expect(await totalRefunded(ledger, "pm_flaky_1001")).toBe(0);
  });

  it("asks the gateway before sending a repeat, so a forgotten key never makes a second refund", async () => {
    const resolve = appGateways(db);
    const ledger = new DbSandboxLedger(db);
    const refund = await pendingRefund("1001", "pm_timeout_once_1001");
    await expect(submitRefund(db, refund.id, resolve)).rejects.toThrow(/timeout/);
    // The gateway forgets the key (Stripe does after 24 hours); the repeat must find the refund anyway.
    const [made] = await ledger.listByPaymentReference("pm_timeout_once_1001");
    await db
      .update(sandboxRefunds)
      .set({ idempotencyKey: "forgotten" })
      .where(eq(sandboxRefunds.id, made!.id));

    expect(await submitRefund(db, refund.id, resolve)).toBe("succeeded");
    expect(await ledger.listByPaymentReference("pm_timeout_once_1001")).toHaveLength(1);
    expect((await row(refund.id)).gatewayRefundId).toBe(made!.id);
  });
});

describe("a refund no gateway adapter can send", () => {
  async function shopifyRefund() {
    const order = await orderByNumber(db, "1001");
    await db
      .update(paymentTransactions)
      .set({ gateway: "shopify_payments" })
      .where(eq(paymentTransactions.orderId, order.id));
    return pendingRefund("1001");
  }

  it("goes straight to needs attention with the reason, alerts owners and tells the shopper", async () => {
    const refund = await shopifyRefund();
    expect(refund.gateway).toBe("shopify_payments");

    expect(await submitRefund(db, refund.id, appGateways(db))).toBe("failed");

    expect(await row(refund.id)).toMatchObject({
      status: "failed",
      failureCode: "no_gateway_adapter",
      attempts: 0,
      claimedAt: null,
    });
    expect((await row(refund.id)).failureReason).toMatch(/shopify_payments/);
    const { rows } = await listRefunds(db, { status: "attention" });
    expect(rows.map((r) => r.id)).toContain(refund.id);
    expect(await mailTo("refund_attention")).toEqual(["owner@nordlys.example"]);
    expect(await mailTo("refund_manual")).toEqual(["ada@example.com"]);
    // Never picked up again by the minute's sweep.
    expect(await sweepRefunds(db, new Date(Date.now() + 3_600_000))).not.toContain("retry");
  });
});

describe("a refund the gateway cancels after submission", () => {
  it("is final: its reservation is released, staff are told, and it is polled no more", async () => {
    const { ledger, resolve } = sandbox();
    const before = await orderByNumber(db, "1001");
    const refund = await pendingRefund("1001", "pm_slow_1001");
    expect(await submitRefund(db, refund.id, resolve)).toBe("submitted");
    const sent = await row(refund.id);
    await ledger.update(sent.gatewayRefundId!, { status: "canceled", pendingReason: null });

    expect(await refreshRefund(db, refund.id, resolve)).toBe("canceled");

    expect(await row(refund.id)).toMatchObject({ status: "canceled", gatewayStatus: "canceled" });
    const [order] = await db.select().from(orders).where(eq(orders.id, refund.orderId));
    expect(order!.refundedAmount).toBe(before.refundedAmount);
    const lines = await db.select().from(lineItems).where(eq(lineItems.orderId, refund.orderId));
    expect(lines.every((l) => l.quantityRefunded === 0)).toBe(true);
    expect(await eventTypes(refund.id)).toContain("refund.canceled");
    expect(await mailTo("refund_attention")).toEqual(["owner@nordlys.example"]);
    expect(await refreshRefund(db, refund.id, resolve)).toBe("skipped");
  });
});

describe("gateway webhooks", () => {
  it("apply each event once: an old event delivered again does not undo newer news", async () => {
    const { ledger, gateway, resolve } = sandbox();
    const refund = await pendingRefund("1001", "pm_slow_1001");
    await submitRefund(db, refund.id, resolve);
    const id = (await row(refund.id)).gatewayRefundId!;
    const [rec] = await ledger.listByPaymentReference("pm_slow_1001");
    const deliver = (eventId: string, pendingReason: string) => {
      const body = JSON.stringify({
        id: eventId,
        refund: { id, status: "pending", amount: rec!.amount, currency: rec!.currency, pendingReason },
      });
      const headers = new Headers({
        [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body, "test-secret-0123456789"),
      });
      return applyGatewayWebhook(db, gateway.name, body, headers, resolve);
    };

    await deliver("evt_1", "insufficient_funds");
    await deliver("evt_2", "processing");
    expect(await deliver("evt_1", "insufficient_funds")).toBe(0);

    expect((await row(refund.id)).pendingReason).toBe("processing");
  });
});

describe("reconciliation", () => {
  it("checks every refund of its window, page after page", async () => {
    const { resolve } = sandbox();
    const refund = await pendingRefund("1001");
    await submitRefund(db, refund.id, resolve);

    await reconcileRefunds(db, resolve, { limit: 2 });

    const inWindow = await db
      .select({ id: refunds.id, reconciledAt: refunds.reconciledAt })
      .from(refunds)
      .where(sql`${refunds.gatewayRefundId} is not null and ${refunds.offline} = false`);
    expect(inWindow.length).toBeGreaterThan(2);
    expect(inWindow.filter((r) => r.reconciledAt === null)).toEqual([]);
  });
});

describe("overdue refunds", () => {
  it("are those still unconfirmed one business day after they were sent", async () => {
    let clock = new Date();
    const { resolve } = sandbox({ settleAfterMs: 365 * 86_400_000, now: () => clock });
    const fresh = await pendingRefund("1001", "pm_slow_1001");
    const stuck = await pendingRefund("1009", "pm_slow_1009");
    expect(await submitRefund(db, fresh.id, resolve)).toBe("submitted");
    expect(await submitRefund(db, stuck.id, resolve)).toBe("submitted");
    clock = new Date();
    // Sent four days ago (at least one business day whatever today is), still pending there.
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000);
    await db
      .update(refunds)
      .set({ submittedAt: fourDaysAgo, createdAt: fourDaysAgo })
      .where(eq(refunds.id, stuck.id));
    await db
      .update(refunds)
      .set({ confirmBy: sql`${refunds.submittedAt} + interval '1 day'` })
      .where(eq(refunds.id, stuck.id));

    const overdue = (await listRefunds(db, { status: "overdue" })).rows;
    expect(overdue.map((r) => r.id)).toEqual([stuck.id]);
    expect((await countRefundsByView(db)).overdue).toBe(1);
    expect((await row(fresh.id)).confirmBy!.getTime()).toBeGreaterThan(Date.now());
  });

  it("gets a new deadline when a failed refund is sent again", async () => {
    const { resolve } = sandbox();
    const refund = await pendingRefund("1001", "pm_card_expired_1001");
    expect(await submitRefund(db, refund.id, resolve)).toBe("failed");
    await db
      .update(refunds)
      .set({ confirmBy: new Date(Date.now() - 86_400_000) })
      .where(eq(refunds.id, refund.id));
    await retryRefund(db, { refundId: refund.id }, agent);
    expect((await row(refund.id)).confirmBy!.getTime()).toBeGreaterThan(Date.now());
  });
});
