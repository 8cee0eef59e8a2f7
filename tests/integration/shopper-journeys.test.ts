// Shopper journeys that must end right (issue 16): a cancellation in two steps leaves nothing
// stranded, and what the order page says is true — on the real database with the real commands.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GrantedOrder } from "@/lib/access/session";
import { previewShopperRequest, type Translate } from "@/lib/access/shopper-requests";
import type { Database } from "@/lib/db/client";
import { notifications } from "@/lib/db/schema";
import { cancelledBecause } from "@/lib/orders/cancelled-because";
import { cancelOrder } from "@/lib/orders/commands";
import { getShopperOrderView } from "@/lib/orders/queries";
import { submitRefund } from "@/lib/refunds/commands";
import { approveRequest, submitRequest } from "@/lib/requests/commands";
import { getOrderTimeline } from "@/lib/timeline/queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber, refundsOf, requestsOf, sandbox } from "../fixtures/engine";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const t: Translate = (key) => key;
const shopper = { type: "shopper" as const };

const grantOf = (order: Awaited<ReturnType<typeof orderByNumber>>): GrantedOrder => ({
  id: order.id,
  number: order.number,
  storeId: order.storeId,
  email: order.email,
});

/** A shopper's cancellation, approved by the rules, with its refund paid by the sandbox. */
async function cancel(orderId: string, lines: { lineItemId: string; quantity: number }[]) {
  const result = await submitRequest(
    db,
    { orderId, type: "cancellation", lines, reasonCode: "changed_mind", idempotencyKey: formToken() },
    shopper,
    { now: TEST_NOW },
  );
  const { resolve } = sandbox();
  for (const refund of await refundsOf(db, orderId)) {
    if (refund.status === "pending") await submitRefund(db, refund.id, resolve);
  }
  return result;
}

describe("a cancellation in two steps (#1001: one beanie, then the rest)", () => {
  async function cancelOneBeanie() {
    const order = await orderByNumber(db, "1001");
    const [sweater, beanie] = order.lines;
    expect(beanie).toMatchObject({ title: expect.stringContaining("Beanie"), quantity: 2 });
    await cancel(order.id, [{ lineItemId: beanie!.id, quantity: 1 }]);
    return { order, sweater: sweater!, beanie: beanie! };
  }

  it("offers the remaining beanie with the sweater, and refunds the shipping with the rest", async () => {
    const { order, sweater, beanie } = await cancelOneBeanie();
    const view = await getShopperOrderView(db, order.id, TEST_NOW);
    expect(view!.eligibility).toMatchObject({ canCancel: true });
    expect(view!.eligibility.cancellableLines).toEqual([
      { lineItemId: sweater.id, maxQuantity: 1 },
      { lineItemId: beanie.id, maxQuantity: 1 },
    ]);

    const preview = await previewShopperRequest(
      db,
      grantOf(order),
      "cancellation",
      { scope: "all", quantities: {} },
      t,
      { now: TEST_NOW },
    );
    expect(preview.ok && preview.data.lines.map((l) => [l.lineItemId, l.quantity])).toEqual([
      [sweater.id, 1],
      [beanie.id, 1],
    ]);
    expect(preview.ok && preview.data.shipping).toBe(order.shippingTotal + order.shippingTaxTotal);
    expect(preview.ok && preview.data.cancelsOrder).toBe(true);

    await cancel(order.id, [
      { lineItemId: sweater.id, quantity: 1 },
      { lineItemId: beanie.id, quantity: 1 },
    ]);
    const after = await orderByNumber(db, "1001");
    expect(after.status).toBe("cancelled");
    expect(after.lines.map((l) => [l.quantityCancelled, l.quantityRefunded])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // Every unit and the shipping refunded, exactly once: the whole capture.
    expect(after.refundedAmount).toBe(after.capturedAmount);
    expect(after.shippingRefunded).toBe(after.shippingTotal + after.shippingTaxTotal);
    const refunds = await refundsOf(db, order.id);
    expect(refunds.reduce((n, r) => n + r.amount, 0)).toBe(after.capturedAmount);
  });

  it("keeps the shipping while a unit is left to ship", async () => {
    const { order, sweater } = await cancelOneBeanie();
    const preview = await previewShopperRequest(
      db,
      grantOf(order),
      "cancellation",
      { scope: "some", quantities: { [sweater.id]: 1 } },
      t,
      { now: TEST_NOW },
    );
    expect(preview.ok && preview.data).toMatchObject({ shipping: 0, cancelsOrder: false });

    await cancel(order.id, [{ lineItemId: sweater.id, quantity: 1 }]);
    const after = await orderByNumber(db, "1001");
    expect(after.status).toBe("open");
    expect(after.shippingRefunded).toBe(0);
    const view = await getShopperOrderView(db, order.id, TEST_NOW);
    expect(view!.eligibility.cancellableLines).toEqual([{ lineItemId: after.lines[1]!.id, maxQuantity: 1 }]);
  });
});

describe("what the shopper is told", () => {
  const owner = { type: "staff" as const, id: "owner" };

  it("a partial refund of a return before the items came back: what was left out, why, and no parcel received", async () => {
    const order = await orderByNumber(db, "1012");
    const [parka, socks] = order.lines;
    const [request] = await requestsOf(db, order.id);
    await approveRequest(
      db,
      {
        requestId: request!.id,
        refund: {
          lines: [{ lineItemId: parka!.id, quantity: 1, restockQuantity: 0 }],
          customAmount: 100_000,
          reason: "Half the parka's price for the wrong colour; keep it.",
        },
      },
      owner,
      { allowAboveStoreMax: true },
    );
    const { entries } = await getOrderTimeline(db, order.id, "en", TEST_NOW);
    const entry = entries.find((e) => e.id === request!.id)!;
    expect(entry.steps.map((s) => s.kind)).toContain("no_return_needed");
    expect(entry.steps.map((s) => s.kind)).not.toContain("items_received");
    expect(entry.partial).toEqual({
      requested: request!.previewAmount,
      notRefunded: [{ title: socks!.title, variantTitle: socks!.variantTitle, quantity: 1 }],
      reason: "Half the parka's price for the wrong colour; keep it.",
    });
  });

  it("a cancellation as fraud says why, and the order is no longer 'being reviewed'", async () => {
    const order = await orderByNumber(db, "1005");
    expect((await getShopperOrderView(db, order.id, TEST_NOW))!.eligibility.underReview).toBe(true);
    await cancelOrder(
      db,
      { orderId: order.id, reason: "fraud", restock: true, refund: true, notifyShopper: true },
      owner,
    );
    const view = await getShopperOrderView(db, order.id, TEST_NOW);
    expect(view!.eligibility).toMatchObject({ underReview: false, cancelBlockedBy: "cancelled" });
    expect(cancelledBecause(view!.order, view!.store)).toEqual({ key: "cancelledBecause.fraud" });
    // Chen ordered in Chinese: the e-mail is in Chinese.
    expect((await mailsOf(order.id, "order_cancelled"))[0]).toContain("疑似欺诈");
  });

  it("a cancellation for a missed ship-by date names the promised day, on the page and in the e-mail", async () => {
    const order = await orderByNumber(db, "1009");
    await cancelOrder(
      db,
      { orderId: order.id, reason: "not_shipped_in_time", restock: true, refund: true, notifyShopper: true },
      { type: "system", id: "ship-by-sla" },
      { enforceStoreMax: true },
    );
    const view = await getShopperOrderView(db, order.id, TEST_NOW);
    expect(cancelledBecause(view!.order, view!.store)).toEqual({
      key: "cancelledBecause.not_shipped_in_time",
      shipBy: new Date(order.paidAt!.getTime() + view!.store.shipBySlaDays * 86_400_000),
    });
    expect((await mailsOf(order.id, "order_cancelled"))[0]).toContain("in the time we promised");
  });
});

const mailsOf = async (orderId: string, template: string) =>
  (
    await db
      .select({ text: notifications.text })
      .from(notifications)
      .where(and(eq(notifications.orderId, orderId), eq(notifications.template, template)))
  ).map((m) => m.text);
