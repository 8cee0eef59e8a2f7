// The withdrawal form and command input. Messages are codes (`name_required`, …) that the
// page translates under `withdrawal.errors`; a reason is optional and never required.
import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";

const name = z.string().trim().min(1, "name_required").max(200, "name_too_long");
const number = z
  .string()
  .trim()
  .transform((v) => v.replace(/^#/, "").trim())
  .pipe(z.string().regex(/^[A-Za-z0-9-]{1,32}$/, "number_invalid"));
const email = z.string().trim().toLowerCase().pipe(z.email("email_invalid").max(254, "email_invalid"));
const reason = z
  .string()
  .trim()
  .max(2000, "reason_too_long")
  .optional()
  .transform((v) => v || undefined);
const lines = z
  .array(z.object({ lineItemId: z.uuid(), quantity: z.number().int().min(0).max(10_000) }).strict())
  .max(500)
  .default([]);

const requireLines = (v: { scope: "all" | "some"; lines: { quantity: number }[] }, ctx: z.RefinementCtx) => {
  if (v.scope === "some" && !v.lines.some((l) => l.quantity > 0)) {
    ctx.addIssue({ code: "custom", path: ["lines"], message: "lines_required" });
  }
};

/** Step one as the shopper fills it in: who, which contract, where to confirm. */
export const withdrawalDetailsSchema = z
  .object({ name, number, email, reason, scope: z.enum(["all", "some"]), lines })
  .superRefine(requireLines);
export type WithdrawalDetails = z.output<typeof withdrawalDetailsSchema>;

export const submitWithdrawalSchema = z
  .object({
    orderId: z.uuid(),
    name,
    email,
    reason,
    scope: z.enum(["all", "some"]),
    lines,
    locale: z.enum(LOCALES).default("en"),
    /** A token rendered into the form; a replayed confirmation finds the first withdrawal. */
    idempotencyKey: z.string().min(8).max(100),
  })
  .strict()
  .superRefine(requireLines);
export type SubmitWithdrawalInput = z.input<typeof submitWithdrawalSchema>;

export const withdrawalSettingsSchema = z
  .object({
    withdrawalEnabled: z.boolean(),
    withdrawalDays: z.number().int().min(14, "At least 14 days (the legal minimum)").max(365),
    withdrawalLabels: z.partialRecord(z.enum(LOCALES), z.string().trim().max(80)).default({}),
    storeCreditEnabled: z.boolean(),
  })
  .strict();
export type WithdrawalSettingsInput = z.input<typeof withdrawalSettingsSchema>;
