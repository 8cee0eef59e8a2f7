// What the shopper sends from the fallback page. Messages are codes translated under
// `refundOptions.errors`.
import { z } from "zod";
import { isValidIban, normalizeIban } from "./iban";

export const bankChoiceSchema = z
  .object({
    accountHolder: z.string().trim().min(2, "holder_required").max(140, "holder_required"),
    iban: z.string().transform(normalizeIban).refine(isValidIban, "iban_invalid"),
  })
  .strict();

export const staffNoteSchema = z
  .object({ fallbackId: z.uuid(), note: z.string().trim().min(3).max(1000) })
  .strict();
