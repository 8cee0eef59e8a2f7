import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";

export const CANCELLATION_REASONS = [
  "changed_mind",
  "ordered_by_mistake",
  "found_cheaper",
  "delivery_too_slow",
  "wrong_details",
  "other",
] as const;
export const RETURN_REASONS = [
  "damaged",
  "defective",
  "wrong_item",
  "doesnt_fit",
  "no_longer_needed",
  "other",
] as const;
/** The reason code of a request the law grants (a statutory withdrawal); the rules never decide it. */
export const STATUTORY_WITHDRAWAL_REASON = "statutory_withdrawal";
/** Reasons that need a photo of the item. */
export const PHOTO_REASONS = ["damaged", "defective"] as const;

const lineSelection = z
  .object({
    lineItemId: z.uuid(),
    quantity: z.number().int().min(0).max(10_000),
  })
  .strict();

export const submitRequestSchema = z
  .object({
    orderId: z.uuid(),
    type: z.enum(["cancellation", "return"]),
    lines: z.array(lineSelection).max(500),
    reasonCode: z.string().min(1).max(40),
    comment: z.string().trim().max(2000).optional(),
    /** A token rendered into the form; a replayed submit finds the first request. */
    idempotencyKey: z.string().min(8).max(100),
    /** The language the shopper used: the request's e-mails go out in it. */
    locale: z.enum(LOCALES).optional(),
    photos: z
      .array(
        z
          .object({ path: z.string().min(1), mimeType: z.string(), size: z.number().int().positive() })
          .strict(),
      )
      .max(5)
      .default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    const reasons: readonly string[] = v.type === "cancellation" ? CANCELLATION_REASONS : RETURN_REASONS;
    if (!reasons.includes(v.reasonCode)) {
      ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "Choose a reason from the list" });
    }
    if (!v.lines.some((l) => l.quantity > 0)) {
      ctx.addIssue({ code: "custom", path: ["lines"], message: "Choose at least one item" });
    }
    if (
      v.type === "return" &&
      (PHOTO_REASONS as readonly string[]).includes(v.reasonCode) &&
      v.photos.length === 0
    ) {
      ctx.addIssue({ code: "custom", path: ["photos"], message: "Add a photo of the item" });
    }
  });
export type SubmitRequestInput = z.input<typeof submitRequestSchema>;

export const refundAdjustmentSchema = z
  .object({
    /** Lines and quantities to refund; defaults to the request's lines. */
    lines: z
      .array(
        z
          .object({
            lineItemId: z.uuid(),
            quantity: z.number().int().min(0),
            restockQuantity: z.number().int().min(0).default(0),
          })
          .strict(),
      )
      .optional(),
    includeShipping: z.boolean().optional(),
    /** A custom total (minor units) below the computed one; needs a reason. */
    customAmount: z.number().int().positive().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((v) => v.customAmount === undefined || (v.reason && v.reason.length > 0), {
    path: ["reason"],
    message: "Say why the amount differs",
  });
export type RefundAdjustment = z.input<typeof refundAdjustmentSchema>;

export const approveRequestSchema = z
  .object({
    requestId: z.uuid(),
    refund: refundAdjustmentSchema.optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export const declineRequestSchema = z
  .object({ requestId: z.uuid(), message: z.string().trim().min(3, "Tell the shopper why").max(1000) })
  .strict();

/** Decision id of the ship-by SLA scan, on the cancellations it sends to a person. */
export const SHIP_BY_SLA = "ship-by-sla";

/** The law's limit for the refund after a withdrawal (CRD Art. 13(1); angrerettloven § 25). */
export const STATUTORY_REFUND_DAYS = 14;
