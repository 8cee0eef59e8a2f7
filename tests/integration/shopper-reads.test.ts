// What the shopper's pages read: the timeline of an order (only that order's), eligibility, and
// the policy, which follows the live settings and rules.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { getShopperOrderView, listOrdersForShopper } from "@/lib/orders/queries";
import { getOrderWithdrawalEntryPoint } from "@/lib/withdrawals/queries";
import { getPolicy } from "@/lib/policy/queries";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";
import { saveRuleSet } from "@/lib/rules/rule-sets";
import { getOrderStatus, getOrderTimeline } from "@/lib/timeline/queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { orderByNumber } from "../fixtures/engine";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const kinds = (steps: { kind: string; state: string }[]) => steps.map((s) => `${s.kind}:${s.state}`);

describe("the order timeline", () => {
  it("shows #1010's failed refund with what happens next, and keeps it live", async () => {
    const order = await orderByNumber(db, "1010");
    const timeline = await getOrderTimeline(db, order.id, "en", TEST_NOW);
    expect(timeline.entries).toHaveLength(1);
    expect(timeline.entries[0]).toMatchObject({ subject: "return", outcome: "problem", live: true });
    expect(timeline.entries[0]!.steps.at(-1)).toMatchObject({ kind: "failed", failure: "card_expired" });
  });

  it("shows #1012 waiting for the store with the return's steps ahead", async () => {
    const order = await orderByNumber(db, "1012");
    const { entries } = await getOrderTimeline(db, order.id, "en", TEST_NOW);
    expect(kinds(entries[0]!.steps).slice(0, 3)).toEqual([
      "requested:done",
      "review:current",
      "send_items:upcoming",
    ]);
    expect(entries[0]!.canWithdraw).toBe(true);
  });

  it("shows #1008's completed cancellation as final, and nothing from other orders", async () => {
    const order = await orderByNumber(db, "1008");
    const status = await getOrderStatus(db, order.id, "en", TEST_NOW);
    expect(status.timeline.live).toBe(false);
    expect(status.timeline.entries.map((e) => e.subject)).toEqual(["cancellation"]);
    expect(status.timeline.entries[0]!.items).toEqual([
      { title: "Thermal Bottle 0.75 l", variantTitle: "Steel", quantity: 2 },
    ]);
    expect(status.version).toContain("cancelled");
  });
});

describe("eligibility on the order page", () => {
  it("says what each demo order allows", async () => {
    const view = async (n: string) =>
      (await getShopperOrderView(db, (await orderByNumber(db, n)).id, TEST_NOW))!.eligibility;
    expect(await view("1001")).toMatchObject({ canCancel: true, canReturn: false });
    expect(await view("1003")).toMatchObject({ canReturn: false, returnBlockedBy: "window_closed" });
    expect(await view("1006")).toMatchObject({
      canCancel: false,
      cancelBlockedBy: "shipped",
      returnBlockedBy: "not_delivered",
    });
    expect((await view("1005")).underReview).toBe(true);
    const e1004 = await view("1004");
    expect(e1004.canReturn).toBe(true);
    expect(e1004.returnableLines.filter((l) => l.blockedBy === "final_sale")).toHaveLength(1);
  });
});

describe("the withdrawal entry point on the order page", () => {
  it("shows while the order can be withdrawn from, from the rows the page already read", async () => {
    const entry = async (n: string) => {
      const view = await getShopperOrderView(db, (await orderByNumber(db, n)).id, TEST_NOW);
      return getOrderWithdrawalEntryPoint(view!, "en", TEST_NOW);
    };
    expect(await entry("1001")).toMatchObject({ href: "/withdraw?order=1001", periodEndsAt: null });
    expect(await entry("1008")).toBeNull(); // cancelled
    await db.update(stores).set({ withdrawalEnabled: false }).where(eq(stores.id, DEMO_STORE_ID));
    expect(await entry("1001")).toBeNull();
  });
});

describe("the policy", () => {
  it("changes when a setting or the live rules change", async () => {
    const before = await getPolicy(db, "en", TEST_NOW);
    await db
      .update(stores)
      .set({ returnWindowDays: 45, arrivalWindows: { card: [3, 7], wallet: [1, 2], bank_transfer: [2, 4] } })
      .where(eq(stores.id, DEMO_STORE_ID));
    const after = await getPolicy(db, "en", TEST_NOW);
    expect(before.returnWindowDays).toBe(30);
    expect(after.returnWindowDays).toBe(45);
    expect(after.arrivalWindows[0]).toEqual({ method: "card", min: 3, max: 7 });

    await saveRuleSet(
      db,
      DEMO_STORE_ID,
      DEFAULT_RULES.filter((r) => r.id !== "final-sale-decline"),
      { type: "staff", id: "owner" },
    );
    const rules = await getPolicy(db, "en", TEST_NOW);
    expect(rules.rulesVersion).toBeGreaterThan(after.rulesVersion);
    expect(rules.finalSaleDeclined).toBe(false);
  });
});

describe("a signed-in shopper's orders", () => {
  it("lists every order of that e-mail, newest first, and no one else's", async () => {
    const orders = await listOrdersForShopper(db, " FRIDA@example.com ");
    expect(orders.map((o) => o.number)).toEqual(["1011", "1012"]);
    expect(orders[0]).toMatchObject({ fulfillmentStatus: "partial", currency: "NOK" });
    expect(await listOrdersForShopper(db, "nobody@example.com")).toEqual([]);
  });
});
