import type { Rule } from "./schemas";

/** The demo store's policy, mirroring common practice (issue: refund engine §1). */
export const DEFAULT_RULES: Rule[] = [
  {
    id: "high-risk-review",
    name: "High-risk orders go to a person",
    enabled: true,
    when: [{ field: "risk_level", op: "in", value: ["high"] }],
    outcome: "review",
    explanation: "The order is flagged as high risk, so it is held for a person",
  },
  {
    id: "final-sale-decline",
    name: "Final-sale items cannot be returned",
    enabled: true,
    when: [
      { field: "type", op: "eq", value: "return" },
      { field: "has_final_sale", op: "eq", value: true },
    ],
    outcome: "decline",
    explanation: "The return includes a final-sale item",
    shopperMessage: {
      en: "Final-sale items cannot be returned.",
      nb: "Varer på salg med endelig kjøp kan ikke returneres.",
      zh: "最终销售商品不可退货。",
    },
  },
  {
    id: "over-max-review",
    name: "Refunds above the store's maximum go to a person",
    enabled: true,
    when: [{ field: "over_store_max", op: "eq", value: true }],
    outcome: "review",
    explanation: "The refund would exceed the store's maximum refund per order",
  },
  {
    id: "cancel-unfulfilled",
    name: "Cancel unfulfilled orders and refund automatically",
    enabled: true,
    when: [
      { field: "type", op: "eq", value: "cancellation" },
      { field: "fulfillment_status", op: "in", value: ["unfulfilled", "partial"] },
    ],
    outcome: "auto_approve",
    explanation: "Cancellation of items that have not shipped",
    shopperMessage: {
      en: "Approved automatically: the items had not shipped yet.",
      nb: "Godkjent automatisk: varene var ikke sendt ennå.",
      zh: "已自动批准：商品尚未发货。",
    },
  },
  {
    id: "return-in-window",
    name: "Returns inside the window: approve, refund when the item is received",
    enabled: true,
    when: [
      { field: "type", op: "eq", value: "return" },
      { field: "within_return_window", op: "eq", value: true },
      { field: "reason", op: "in", value: ["doesnt_fit", "no_longer_needed", "other"] },
    ],
    outcome: "auto_approve",
    explanation: "Return inside the return window, under the maximum refund",
    shopperMessage: {
      en: "Approved automatically: your return is inside the return window. We refund as soon as the item arrives.",
      nb: "Godkjent automatisk: returen er innenfor returfristen. Vi refunderer så snart varen er mottatt.",
      zh: "已自动批准：您的退货在退货期限内。我们收到商品后将立即退款。",
    },
  },
  {
    id: "otherwise-review",
    name: "Everything else goes to a person",
    enabled: true,
    when: [],
    outcome: "review",
    explanation: "No automatic rule applies, so a person decides",
  },
];
