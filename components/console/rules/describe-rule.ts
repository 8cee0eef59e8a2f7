// Plain-English words for rules, conditions, outcomes and validation paths in the console.
import type { Tone } from "@/components/ui/badge";
import { humanize, money, reasonLabel } from "@/lib/console/format";
import type { Condition, Rule } from "@/lib/rules/schemas";

export const OUTCOME: Record<Rule["outcome"], { label: string; tone: Tone }> = {
  auto_approve: { label: "Auto-approve", tone: "green" },
  review: { label: "Send to review", tone: "amber" },
  decline: { label: "Decline", tone: "red" },
};

const FIELD_LABEL: Record<Condition["field"], string> = {
  type: "Type",
  reason: "Reason",
  fulfillment_status: "Fulfilment status",
  days_since_delivery: "Days since delivery",
  days_since_payment: "Days since payment",
  amount: "Refund amount",
  over_store_max: "Over the store's maximum refund",
  within_return_window: "Inside the return window",
  risk_level: "Risk level",
  has_final_sale: "Includes a final-sale item",
  product_tags: "Product tags",
  customer_refunds: "Customer's refunds",
  payment_method: "Payment method",
};

const OP_LABEL: Record<string, string> = {
  eq: "is",
  neq: "is not",
  in: "in",
  not_in: "not in",
  any_of: "include any of",
  none_of: "include none of",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
};

const list = (values: string[]) => values.map((v) => v.replace(/_/g, " ")).join(", ");

/** "Type is cancellation", "Risk level in high", "Refund amount > NOK 20,000.00". */
export function describeCondition(condition: Condition, currency: string): string {
  const field = FIELD_LABEL[condition.field];
  const op = OP_LABEL[condition.op] ?? condition.op;
  switch (condition.field) {
    case "amount":
      return `${field} ${op} ${money(condition.value, currency)}`;
    case "customer_refunds":
      return `${field} in the last ${condition.days} days ${op} ${condition.value}`;
    case "reason":
      return `${field} ${op} ${condition.value.map(reasonLabel).join(", ")}`;
    case "over_store_max":
    case "within_return_window":
    case "has_final_sale":
      return condition.value ? field : `Not: ${field.toLowerCase()}`;
    default:
      return `${field} ${op} ${Array.isArray(condition.value) ? list(condition.value) : String(condition.value).replace(/_/g, " ")}`;
  }
}

/**
 * A validation path in plain words: "0.id" → "Rule 1 › id", "2.when.0.value" →
 * "Rule 3 › condition 1 › value"; "rules" (the whole text) → "Rules".
 */
export function describePath(path: string): string {
  if (path === "rules" || path === "_") return "Rules";
  const [index, ...rest] = path.split(".");
  const n = Number(index);
  if (!Number.isInteger(n)) return humanize(path);
  const parts = [`Rule ${n + 1}`];
  for (let i = 0; i < rest.length; i++) {
    const part = rest[i]!;
    const next = rest[i + 1];
    if (part === "when" && next !== undefined && /^\d+$/.test(next)) {
      parts.push(`condition ${Number(next) + 1}`);
      i++;
    } else parts.push(part);
  }
  return parts.join(" › ");
}
