// Reconciliation against the gateway: a deliberately mismatched refund is flagged (never
// overwritten), cleared once both sides agree, missed news is applied, and the hourly job runs it
// against the app's own gateways (the sandbox ledger in the database).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, refunds, sandboxRefunds } from "@/lib/db/schema";
import { runJobsNow } from "@/lib/jobs/drain";
import { JOB_SCHEDULES } from "@/lib/jobs/names";
import { reconcileRefunds } from "@/lib/reconcile/commands";
import { submitRefund } from "@/lib/refunds/commands";
import { appGateways } from "@/lib/refunds/gateways";
import { submitRequest } from "@/lib/requests/commands";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import {
  formToken,
  orderByNumber,
  refundsOf,
  sandbox,
  usePaymentReference as pointPaymentAt,
  wholeOrder,
} from "../fixtures/engine";

process.env.AUTH_SECRET ??= "reconcile-test-secret-0123456789abcdef";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

async function cancelledRefund(number: string, reference?: string) {
  const order = await orderByNumber(db, number);
  if (reference) await pointPaymentAt(db, order.id, reference);
  await submitRequest(
    db,
    {
      orderId: order.id,
      type: "cancellation",
      lines: wholeOrder(order.lines),
      reasonCode: "changed_mind",
      idempotencyKey: formToken(),
    },
    { type: "shopper" },
    { now: TEST_NOW },
  );
  return (await refundsOf(db, order.id))[0]!;
}

describe("refund reconciliation", () => {
  it("flags a refund that succeeded here but is pending at the gateway, and clears the flag once they agree", async () => {
    const { ledger, resolve } = sandbox();
    const refund = await cancelledRefund("1001");
    expect(await submitRefund(db, refund.id, resolve)).toBe("succeeded");
    const [sent] = await refundsOf(db, refund.orderId);
    // Deliberately out of step: the "bank" says it is still pending.
    await ledger.update(sent!.gatewayRefundId!, { status: "pending", pendingReason: "processing" });

    // (The demo's history refunds were never in this in-memory ledger: they are flagged as missing too.)
    const report = await reconcileRefunds(db, resolve);
    expect(report.corrected).toBe(0);
    expect(report.flagged).toBeGreaterThanOrEqual(1);
    const [flagged] = await db.select().from(refunds).where(eq(refunds.id, refund.id));
    expect(flagged!.status).toBe("succeeded"); // never overwritten
    expect(flagged!.mismatch).toMatchObject({
      code: "succeeded_here_pending_there",
      ours: "succeeded",
      theirs: "pending",
    });
    expect(flagged!.reconciledAt).not.toBeNull();
    const types = (await db.select().from(events).where(eq(events.subjectId, refund.id))).map((e) => e.type);
    expect(types).toContain("refund.mismatch_flagged");

    // A second run with nothing new flags nothing new.
    expect((await reconcileRefunds(db, resolve)).flagged).toBe(0);
    await ledger.update(sent!.gatewayRefundId!, { status: "succeeded", pendingReason: null });
    expect((await reconcileRefunds(db, resolve)).cleared).toBe(1);
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]!.mismatch).toBeNull();
  });

  it("applies news it missed: a submitted refund that has settled at the gateway", async () => {
    let clock = new Date();
    const { resolve } = sandbox({ settleAfterMs: 20_000, now: () => clock });
    const refund = await cancelledRefund("1001", "pm_slow_1001");
    expect(await submitRefund(db, refund.id, resolve)).toBe("submitted");
    clock = new Date(clock.getTime() + 21_000);
    const report = await reconcileRefunds(db, resolve);
    expect(report.corrected).toBe(1);
    const [row] = await refundsOf(db, refund.orderId);
    expect(row).toMatchObject({ status: "succeeded", mismatch: null });
    expect(row!.arn).toMatch(/^\d{23}$/);
  });

  it("flags a refund the gateway does not know", async () => {
    const { resolve } = sandbox();
    const refund = await cancelledRefund("1001");
    await submitRefund(db, refund.id, resolve);
    const empty = sandbox(); // another "bank" with an empty ledger
    await reconcileRefunds(db, empty.resolve);
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]!.mismatch).toMatchObject({
      code: "missing_there",
    });
  });

  it("runs hourly as a job against the app's gateways", async () => {
    expect(JOB_SCHEDULES["refunds.reconcile"]).toBe("17 * * * *");
    const refund = await cancelledRefund("1009");
    expect(await submitRefund(db, refund.id, appGateways(db))).toBe("succeeded");
    const [sent] = await refundsOf(db, refund.orderId);
    await db
      .update(sandboxRefunds)
      .set({ status: "failed", failureCode: "account_closed" })
      .where(eq(sandboxRefunds.id, sent!.gatewayRefundId!));
    const { runs } = await runJobsNow(database, { names: ["refunds.reconcile"] });
    expect(runs).toHaveLength(0); // nothing is queued until the schedule fires
    const { enqueue } = await import("@/lib/jobs/enqueue");
    await enqueue(db, "refunds.reconcile", {});
    expect(await runJobsNow(database, { names: ["refunds.reconcile"] })).toMatchObject({ completed: 1 });
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]!.mismatch).toMatchObject({
      code: "succeeded_here_failed_there",
    });
  });
});
