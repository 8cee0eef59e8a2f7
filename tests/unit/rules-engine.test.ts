import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";
import { evaluate, type Facts, matches, NO_MATCH } from "@/lib/rules/engine";
import { ruleListSchema, type Rule } from "@/lib/rules/schemas";

const base: Facts = {
  type: "cancellation",
  reason: "changed_mind",
  fulfillmentStatus: "unfulfilled",
  daysSinceDelivery: null,
  daysSincePayment: 0,
  amount: 100_00,
  overStoreMax: false,
  withinReturnWindow: false,
  riskLevel: "low",
  hasFinalSale: false,
  productTags: [],
  paymentMethod: "card",
  customerRefunds: {},
};

describe("the default policy", () => {
  it("auto-approves cancellation of an unfulfilled order", () => {
    expect(evaluate(DEFAULT_RULES, base)).toMatchObject({
      outcome: "auto_approve",
      ruleId: "cancel-unfulfilled",
    });
  });
  it("sends a high-risk order to review before any approval", () => {
    expect(evaluate(DEFAULT_RULES, { ...base, riskLevel: "high" })).toMatchObject({
      outcome: "review",
      ruleId: "high-risk-review",
    });
  });
  it("declines a return with a final-sale item, with a message in every language", () => {
    const d = evaluate(DEFAULT_RULES, {
      ...base,
      type: "return",
      hasFinalSale: true,
      withinReturnWindow: true,
    });
    expect(d.outcome).toBe("decline");
    expect(Object.keys(d.shopperMessage ?? {})).toEqual(["en", "nb", "zh"]);
  });
  it("approves a return inside the window and sends one above the store maximum to review", () => {
    const ret = {
      ...base,
      type: "return" as const,
      reason: "doesnt_fit",
      fulfillmentStatus: "delivered" as const,
      withinReturnWindow: true,
    };
    expect(evaluate(DEFAULT_RULES, ret)).toMatchObject({
      outcome: "auto_approve",
      ruleId: "return-in-window",
    });
    expect(evaluate(DEFAULT_RULES, { ...ret, overStoreMax: true })).toMatchObject({
      outcome: "review",
      ruleId: "over-max-review",
    });
  });
  it("sends everything else to review", () => {
    expect(
      evaluate(DEFAULT_RULES, { ...base, type: "return", reason: "damaged", withinReturnWindow: true }),
    ).toMatchObject({ outcome: "review", ruleId: "otherwise-review" });
  });
  it("is a valid rule list", () => {
    expect(ruleListSchema.safeParse(DEFAULT_RULES).success).toBe(true);
  });
});

describe("the engine", () => {
  it("returns review when no rule matches", () => {
    expect(evaluate([], base)).toEqual(NO_MATCH);
  });
  it("skips disabled rules", () => {
    const rules: Rule[] = [
      { id: "off", name: "off", enabled: false, when: [], outcome: "auto_approve", explanation: "x" },
    ];
    expect(evaluate(rules, base)).toEqual(NO_MATCH);
  });
  it("compares customer refund history over the rule's own window", () => {
    const c = { field: "customer_refunds" as const, op: "gte" as const, value: 3, days: 90 };
    expect(matches(c, { ...base, customerRefunds: { 90: 3 } })).toBe(true);
    expect(matches(c, { ...base, customerRefunds: { 30: 5 } })).toBe(false);
  });
  it("never matches an age condition when the event has not happened", () => {
    expect(matches({ field: "days_since_delivery", op: "lte", value: 30 }, base)).toBe(false);
  });
  it("rejects a decline without a shopper message and duplicate ids", () => {
    const decline = { id: "d", name: "d", when: [], outcome: "decline", explanation: "x" };
    expect(ruleListSchema.safeParse([decline]).success).toBe(false);
    const review = { id: "r", name: "r", when: [], outcome: "review", explanation: "x" };
    expect(ruleListSchema.safeParse([review, review]).success).toBe(false);
  });
  it("first match wins for any facts (property)", () => {
    const facts = fc.record({
      amount: fc.nat(1_000_000),
      riskLevel: fc.constantFrom("low", "medium", "high"),
      overStoreMax: fc.boolean(),
      type: fc.constantFrom("cancellation", "return"),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const all = { ...base, ...f } as Facts;
        const d = evaluate(DEFAULT_RULES, all);
        const first = DEFAULT_RULES.find((r) => r.enabled && r.when.every((c) => matches(c, all)));
        expect(d.ruleId).toBe(first?.id ?? null);
        if (all.riskLevel === "high" || all.overStoreMax) expect(d.outcome).not.toBe("auto_approve");
      }),
    );
  });
});
