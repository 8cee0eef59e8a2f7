import { describe, expect, it } from "vitest";
import { buildPolicy, type PolicyStore } from "@/lib/policy/model";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";

const store: PolicyStore = {
  name: "Nordlys Supply",
  currency: "NOK",
  timeZone: "Europe/Oslo",
  returnWindowDays: 30,
  shipBySlaDays: 3,
  maxRefundPerOrder: 2_000_000,
  autoRefundEnabled: true,
  automationPausedAt: null,
  arrivalWindows: { card: [5, 10], wallet: [1, 3], bank_transfer: [3, 5] },
  holidays: ["2026-05-17", "2026-12-24", "2026-12-25"],
};

describe("the policy built from settings and rules", () => {
  it("carries the store's settings and the arrival windows of every payment method", () => {
    const policy = buildPolicy(store, { version: 1, rules: DEFAULT_RULES }, "en", "2026-11-23");
    expect(policy).toMatchObject({
      returnWindowDays: 30,
      shipBySlaDays: 3,
      maxRefundPerOrder: 2_000_000,
      automationActive: true,
      rulesVersion: 1,
    });
    expect(policy.arrivalWindows).toEqual([
      { method: "card", min: 5, max: 10 },
      { method: "wallet", min: 1, max: 3 },
      { method: "bank_transfer", min: 3, max: 5 },
    ]);
    expect(policy.holidays).toEqual(["2026-12-24", "2026-12-25"]);
  });

  it("lists the enabled rules in order with their shopper message in the shopper's language", () => {
    const rules = DEFAULT_RULES.map((r) => (r.id === "over-max-review" ? { ...r, enabled: false } : r));
    const policy = buildPolicy(store, { version: 4, rules }, "zh");
    expect(policy.rules.map((r) => r.id)).toEqual(
      DEFAULT_RULES.filter((r) => r.id !== "over-max-review").map((r) => r.id),
    );
    expect(policy.rules.find((r) => r.id === "final-sale-decline")!.shopperMessage).toBe(
      "最终销售商品不可退货。",
    );
    expect(policy.finalSaleDeclined).toBe(true);
  });

  it("says automation is off when the store switched it off or the circuit breaker paused it", () => {
    expect(
      buildPolicy({ ...store, autoRefundEnabled: false }, { version: 1, rules: [] }, "en").automationActive,
    ).toBe(false);
    expect(
      buildPolicy({ ...store, automationPausedAt: new Date() }, { version: 1, rules: [] }, "en")
        .automationActive,
    ).toBe(false);
  });
});
