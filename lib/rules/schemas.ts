import { z } from "zod";

const localized = z
  .object({ en: z.string().min(1).max(300), nb: z.string().min(1).max(300), zh: z.string().min(1).max(300) })
  .strict();

export const RULE_FIELDS = [
  "type",
  "reason",
  "fulfillment_status",
  "days_since_delivery",
  "days_since_payment",
  "amount",
  "over_store_max",
  "within_return_window",
  "risk_level",
  "has_final_sale",
  "product_tags",
  "customer_refunds",
  "payment_method",
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const conditionSchema = z.discriminatedUnion("field", [
  z
    .object({
      field: z.literal("type"),
      op: z.enum(["eq", "neq"]),
      value: z.enum(["cancellation", "return"]),
    })
    .strict(),
  z
    .object({
      field: z.literal("reason"),
      op: z.enum(["in", "not_in"]),
      value: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      field: z.literal("fulfillment_status"),
      op: z.enum(["in", "not_in"]),
      value: z.array(z.enum(["unfulfilled", "partial", "fulfilled", "delivered"])).min(1),
    })
    .strict(),
  z
    .object({
      field: z.literal("days_since_delivery"),
      op: z.enum(["lt", "lte", "gt", "gte"]),
      value: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      field: z.literal("days_since_payment"),
      op: z.enum(["lt", "lte", "gt", "gte"]),
      value: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      field: z.literal("amount"),
      op: z.enum(["lt", "lte", "gt", "gte"]),
      value: z.number().int().min(0),
    })
    .strict(),
  z.object({ field: z.literal("over_store_max"), op: z.literal("eq"), value: z.boolean() }).strict(),
  z.object({ field: z.literal("within_return_window"), op: z.literal("eq"), value: z.boolean() }).strict(),
  z
    .object({
      field: z.literal("risk_level"),
      op: z.enum(["in", "not_in"]),
      value: z.array(z.enum(["low", "medium", "high"])).min(1),
    })
    .strict(),
  z.object({ field: z.literal("has_final_sale"), op: z.literal("eq"), value: z.boolean() }).strict(),
  z
    .object({
      field: z.literal("product_tags"),
      op: z.enum(["any_of", "none_of"]),
      value: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      field: z.literal("customer_refunds"),
      op: z.enum(["lt", "lte", "gt", "gte"]),
      value: z.number().int().min(0),
      days: z.number().int().min(1).max(3650),
    })
    .strict(),
  z
    .object({
      field: z.literal("payment_method"),
      op: z.enum(["in", "not_in"]),
      value: z.array(z.enum(["card", "wallet", "bank_transfer"])).min(1),
    })
    .strict(),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,60}$/, "use lower-case letters, digits and dashes"),
    name: z.string().min(1).max(120),
    enabled: z.boolean().default(true),
    when: z.array(conditionSchema).max(20),
    outcome: z.enum(["auto_approve", "review", "decline"]),
    /** One line for staff: why this rule decided. */
    explanation: z.string().min(1).max(300),
    /** What the shopper reads about the decision (required for declines). */
    shopperMessage: localized.optional(),
  })
  .strict()
  .refine((r) => r.outcome !== "decline" || r.shopperMessage, {
    path: ["shopperMessage"],
    message: "a decline needs a message for the shopper in every language",
  });
export type Rule = z.infer<typeof ruleSchema>;

export const ruleListSchema = z
  .array(ruleSchema)
  .max(100)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate rule id ${r.id}` });
      seen.add(r.id);
    });
  });
