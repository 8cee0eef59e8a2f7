// What each e-mail template takes. Checked at queue time, so a caller with a wrong key gets a
// clear error instead of a half-empty e-mail. Unknown keys (orderNumber, currency, …) are ignored:
// the order's number and currency are loaded from the order itself.
import { z } from "zod";

const amount = z.number().int().nonnegative();
/** A calendar date, `YYYY-MM-DD` (refunds.expected_from) or a Date. */
const isoDate = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);
const requestType = z.enum(["cancellation", "return"]);
const returnAddress = z
  .object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string().length(2),
  })
  .nullish();
/** Shopper text, or one per locale (RequestDecision.shopperMessage). */
const localizedText = z.union([z.string(), z.record(z.string(), z.string())]);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || undefined);

// Callers name the request type `requestType` (or `type`); both are accepted.
type RequestType = z.infer<typeof requestType>;
const requestTypeKeys = { requestType: requestType.optional(), type: requestType.optional() };
const hasRequestType = (p: { requestType?: RequestType; type?: RequestType }) =>
  Boolean(p.requestType ?? p.type);
const requestTypeRequired = { message: "requestType is required", path: ["requestType"] };
function normalizeRequestType<P extends { requestType?: RequestType; type?: RequestType }>(p: P) {
  const { type, requestType: named, ...rest } = p;
  return { ...rest, requestType: (named ?? type) as RequestType };
}

export const templateParamsSchemas = {
  request_received: z
    .object({ ...requestTypeKeys, amount: amount.optional() })
    .refine(hasRequestType, requestTypeRequired)
    .transform(normalizeRequestType),
  request_approved: z
    .object({
      ...requestTypeKeys,
      /** Where the request went next: awaiting_item (return), refunding, completed. */
      status: z.string().optional(),
      amount: amount.optional(),
      expectedFrom: isoDate.optional(),
      expectedTo: isoDate.optional(),
      /** A return waiting for its items: where to send them (null: the store has none set). */
      returnAddress,
    })
    .refine(hasRequestType, requestTypeRequired)
    .transform(normalizeRequestType),
  request_declined: z
    .object({ ...requestTypeKeys, reason: localizedText.nullish(), message: localizedText.nullish() })
    .refine(hasRequestType, requestTypeRequired)
    .transform(normalizeRequestType),
  refund_sent: z.object({ amount, expectedFrom: isoDate.nullish(), expectedTo: isoDate.nullish() }),
  /** With the arrival window when the gateway completed the refund at once (no refund_sent before it). */
  refund_succeeded: z.object({ amount, expectedFrom: isoDate.nullish(), expectedTo: isoDate.nullish() }),
  refund_failed: z.object({ amount, reason: optionalText }),
  /** The refund cannot go through the payment provider: a person pays it another way. */
  refund_manual: z.object({ amount }),
  order_cancelled: z.object({
    amount: amount.optional(),
    refunded: z.boolean().optional(),
    /** The cancel reason code (customer, inventory, not_shipped_in_time, …). */
    reason: z.string().optional(),
  }),
  return_instructions: z.object({
    /** The return's items are loaded from the request when not given. */
    requestId: z.string().uuid().optional(),
    items: z.array(z.object({ title: z.string(), quantity: z.number().int().positive() })).optional(),
    returnBy: isoDate.optional(),
    /** Null or left out: the store has none set, and the shopper is asked to reply for it. */
    returnAddress,
  }),
  sign_in_link: z.object({ url: z.string().url() }),
  automation_paused: z.object({ reason: z.string().min(1) }),
  /** To owners: an endpoint failed `failures` times in a row; `disabled` once it was turned off. */
  webhook_endpoint_failing: z.object({
    url: z.string(),
    failures: z.number().int().positive(),
    lastError: z.string(),
    disabled: z.boolean(),
  }),
  /** To owners: a refund needs a person (no gateway adapter, canceled by the gateway). */
  refund_attention: z.object({ orderNumber: z.string().min(1), reason: z.string().min(1) }),
  withdrawal_received: z.object({
    name: z.string().min(1),
    /** The instant the shopper confirmed, ISO; shown to the second. */
    submittedAt: z.iso.datetime(),
    scope: z.enum(["all", "some"]),
    items: z.array(
      z.object({ title: z.string(), quantity: z.number().int().positive(), shipped: z.boolean() }),
    ),
    reason: optionalText,
    /** The downloadable copy of the withdrawal (signed link). */
    receiptUrl: z.string().url(),
  }),
  refund_fallback: z.object({
    amount,
    /** The signed link to the choice page. */
    url: z.string().url(),
    expiresAt: isoDate,
    failureCode: z.string().optional(),
    /** The ways offered (lib/fallbacks/choices.ts), in order. */
    choices: z.array(z.enum(["original", "bank_transfer", "store_credit"])).min(1),
  }),
  store_credit_issued: z.object({ amount, code: z.string().min(4) }),
} as const;

export type NotificationTemplate = keyof typeof templateParamsSchemas;
export const NOTIFICATION_TEMPLATES = Object.keys(templateParamsSchemas) as NotificationTemplate[];

/** What a caller passes for each template. */
export type TemplateParamsInput = { [T in NotificationTemplate]: z.input<(typeof templateParamsSchemas)[T]> };
/** What the templates receive after parsing. */
export type TemplateParams = { [T in NotificationTemplate]: z.output<(typeof templateParamsSchemas)[T]> };
