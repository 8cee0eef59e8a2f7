// The rules engine: ordered rules, first match wins, no match → review. Pure, so the live
// decision and the dry run are the same code.
import type { Condition, Rule } from "./schemas";

/** Everything a condition can look at, computed once per request. */
export type Facts = {
  type: "cancellation" | "return";
  reason: string;
  fulfillmentStatus: "unfulfilled" | "partial" | "fulfilled" | "delivered";
  daysSinceDelivery: number | null;
  daysSincePayment: number | null;
  /** The refund this request would pay, in minor units. */
  amount: number;
  /** This refund plus what the order already refunded, above the store's maximum per order. */
  overStoreMax: boolean;
  withinReturnWindow: boolean;
  riskLevel: "low" | "medium" | "high";
  hasFinalSale: boolean;
  productTags: string[];
  paymentMethod: "card" | "wallet" | "bank_transfer";
  /** Refunds of this customer in the last N days, keyed by N. */
  customerRefunds: Record<number, number>;
};

export type Decision = {
  outcome: Rule["outcome"];
  ruleId: string | null;
  explanation: string;
  shopperMessage?: Rule["shopperMessage"];
};

export const NO_MATCH: Decision = {
  outcome: "review",
  ruleId: null,
  explanation: "No rule matched, so a person decides",
};

function compare(op: "lt" | "lte" | "gt" | "gte", actual: number | null, expected: number) {
  if (actual === null) return false;
  if (op === "lt") return actual < expected;
  if (op === "lte") return actual <= expected;
  if (op === "gt") return actual > expected;
  return actual >= expected;
}

const member = (op: "in" | "not_in", value: readonly string[], actual: string) =>
  op === "in" ? value.includes(actual) : !value.includes(actual);

export function matches(c: Condition, f: Facts): boolean {
  switch (c.field) {
    case "type":
      return c.op === "eq" ? f.type === c.value : f.type !== c.value;
    case "reason":
      return member(c.op, c.value, f.reason);
    case "fulfillment_status":
      return member(c.op, c.value, f.fulfillmentStatus);
    case "days_since_delivery":
      return compare(c.op, f.daysSinceDelivery, c.value);
    case "days_since_payment":
      return compare(c.op, f.daysSincePayment, c.value);
    case "amount":
      return compare(c.op, f.amount, c.value);
    case "over_store_max":
      return f.overStoreMax === c.value;
    case "within_return_window":
      return f.withinReturnWindow === c.value;
    case "risk_level":
      return member(c.op, c.value, f.riskLevel);
    case "has_final_sale":
      return f.hasFinalSale === c.value;
    case "product_tags": {
      const any = c.value.some((t) => f.productTags.includes(t));
      return c.op === "any_of" ? any : !any;
    }
    case "customer_refunds":
      return compare(c.op, f.customerRefunds[c.days] ?? 0, c.value);
    case "payment_method":
      return member(c.op, c.value, f.paymentMethod);
  }
}

export function evaluate(rules: Rule[], facts: Facts): Decision {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.when.every((c) => matches(c, facts))) {
      return {
        outcome: rule.outcome,
        ruleId: rule.id,
        explanation: rule.explanation,
        shopperMessage: rule.shopperMessage,
      };
    }
  }
  return NO_MATCH;
}

/** The look-back windows the rules need for customer refund history. */
export function refundHistoryWindows(rules: Rule[]): number[] {
  const days = rules.flatMap((r) => r.when).flatMap((c) => (c.field === "customer_refunds" ? [c.days] : []));
  return [...new Set(days)];
}
