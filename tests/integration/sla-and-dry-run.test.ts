import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { events, notifications, ruleSets, variants } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { scanShipBySla } from "@/lib/orders/sla";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";
import { dryRun, totalsOf } from "@/lib/rules/dry-run";
import { getLiveRuleSet, saveRuleSet } from "@/lib/rules/rule-sets";
import { submitWithdrawal } from "@/lib/withdrawals/commands";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber, refundsOf, requestsOf } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "dry-run-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase({ generated: 20 });
});
afterEach(async () => {
  await database.close();
});

describe("the ship-by SLA scan", () => {
  it("cancels, refunds, restocks and notifies #1009 exactly once with two workers scanning at once", async () => {
    const db = database.db;
    const [base] = await db.select().from(variants).where(eq(variants.sku, "NS-BASE-S"));
    const [a, b] = await Promise.all([scanShipBySla(db, TEST_NOW), scanShipBySla(db, TEST_NOW)]);
    expect([...a!.cancelled, ...b!.cancelled]).toEqual(["1009"]);

    const order = await orderByNumber(db, "1009");
    expect(order).toMatchObject({ status: "cancelled", cancelReason: "not_shipped_in_time" });
    const refunds = await refundsOf(db, order.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: order.capturedAmount, createdByType: "system" });
    const [after] = await db.select().from(variants).where(eq(variants.sku, "NS-BASE-S"));
    expect(after!.inventory).toBe(base!.inventory + 1);
    const mails = await db.select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(mails.map((m) => m.template)).toContain("order_cancelled");
    const cancelled = (await db.select().from(events).where(eq(events.orderId, order.id))).filter(
      (e) => e.type === "order.cancelled",
    );
    expect(cancelled).toHaveLength(1);

    expect((await scanShipBySla(db, TEST_NOW)).cancelled).toEqual([]);
  });

  it("leaves orders inside the promise alone (#1001 paid two hours ago, #1005 held)", async () => {
    await scanShipBySla(database.db, TEST_NOW);
    expect((await orderByNumber(database.db, "1001")).status).toBe("open");
    expect((await orderByNumber(database.db, "1005")).status).toBe("open");
  });
});

describe("rules: versions and the dry run", () => {
  it("saving creates a new live version, keeps the old one and is audited", async () => {
    const db = database.db;
    const draft = DEFAULT_RULES.filter((r) => r.id !== "return-in-window");
    const { version } = await saveRuleSet(
      db,
      DEMO_STORE_ID,
      draft,
      { type: "staff", id: "owner" },
      "no automatic returns",
    );
    expect(version).toBe(2);
    expect((await getLiveRuleSet(db, DEMO_STORE_ID)).rules.map((r) => r.id)).not.toContain(
      "return-in-window",
    );
    expect(await db.select().from(ruleSets)).toHaveLength(2);
    const audit = (await db.select().from(events).where(eq(events.type, "rules.saved"))).at(-1);
    expect(audit).toMatchObject({ actorType: "staff", actorId: "owner", data: { version: 2 } });
  });

  it("refuses an invalid rule set with field errors and changes nothing", async () => {
    const db = database.db;
    await expect(
      saveRuleSet(db, DEMO_STORE_ID, [{ id: "Bad Id", when: [], outcome: "decline" }], { type: "staff" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: expect.objectContaining({ "0.id": expect.any(Array) }),
    });
    expect((await getLiveRuleSet(db, DEMO_STORE_ID)).version).toBe(1);
  });

  it("simulates a draft on the demo store; totals match a direct computation and nothing is saved", async () => {
    const db = database.db;
    const strict = DEFAULT_RULES.map((r) =>
      r.id === "cancel-unfulfilled" ? { ...r, outcome: "review" as const } : r,
    );
    const result = await dryRun(db, DEMO_STORE_ID, strict, { limit: 50 });
    expect(result.rows.length).toBeGreaterThan(0);
    const direct = {
      count: result.rows.length,
      liveAuto: result.rows
        .filter((r) => r.live.outcome === "auto_approve")
        .reduce((n, r) => n + r.amount, 0),
      draftReview: result.rows.filter((r) => r.draft.outcome === "review").length,
    };
    expect(result.live.count).toBe(direct.count);
    expect(result.live.autoRefundAmount).toBe(direct.liveAuto);
    expect(result.draft.review).toBe(direct.draftReview);
    expect(totalsOf(result.rows, "draft")).toEqual(result.draft);
    // #1008's cancellation was automatic under the live rules and would go to review under the draft.
    const row = result.rows.find((r) => r.orderNumber === "1008")!;
    expect(row).toMatchObject({
      live: { outcome: "auto_approve", ruleId: "cancel-unfulfilled" },
      draft: { outcome: "review" },
      changed: true,
    });
    expect((await getLiveRuleSet(db, DEMO_STORE_ID)).version).toBe(1);
  });

  it("leaves statutory withdrawals out: the law decided them, not the rules", async () => {
    const db = database.db;
    const order = await orderByNumber(db, "1011");
    await submitWithdrawal(
      db,
      {
        orderId: order.id,
        name: "Frida Nilsen",
        email: "frida@example.com",
        scope: "all",
        locale: "nb",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
      { now: new Date(TEST_NOW.getTime() + 60_000) },
    );
    const statutory = (await requestsOf(db, order.id)).filter((r) => r.reasonCode === "statutory_withdrawal");
    expect(statutory.length).toBeGreaterThan(0);

    // A draft that sends everything to review would otherwise claim to stop the withdrawal's refund.
    const reviewAll = DEFAULT_RULES.map((r) => ({ ...r, outcome: "review" as const }));
    const result = await dryRun(db, DEMO_STORE_ID, reviewAll, { limit: 50 });
    const replayed = new Set(result.rows.map((r) => r.requestId));
    for (const request of statutory) expect(replayed.has(request.id)).toBe(false);
    expect(result.rows.map((r) => r.reason)).not.toContain("statutory_withdrawal");
    expect(result.withdrawalsLeftOut).toBe(statutory.length);
  });
});
