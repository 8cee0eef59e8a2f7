"use server";
// The shopper's choice behind the signed link (the link is the credential: checked on every
// post), and the staff actions on the same state.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { type FieldErrors, isDomainError, type Result } from "@/lib/errors";
import {
  chooseBankTransfer,
  chooseOriginalRetry,
  chooseStoreCredit,
  recordFallbackBankTransfer,
  resendFallbackLink,
  resolveFallbackFlag,
} from "./commands";
import { formText } from "@/lib/text";
import { FALLBACK_CHOICES } from "@/lib/db/schema";
import type { FallbackChoice } from "./choices";
import { staffNoteSchema } from "./schemas";
import { fallbackPath, readFallbackToken } from "./token";

export type ChoiceState = { message?: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

const CHOICES: readonly FallbackChoice[] = FALLBACK_CHOICES;

export async function chooseFallbackAction(
  token: string,
  choice: FallbackChoice,
  _prev: ChoiceState,
  form: FormData,
): Promise<ChoiceState> {
  const t = await getTranslations("refundOptions");
  const field = (name: string) => formText(form, name);
  const values = { accountHolder: field("accountHolder"), iban: field("iban") };
  if (!CHOICES.includes(choice)) return { message: t("errors.closed"), values };
  const check = readFallbackToken(token, env().authSecret);
  if (!check.ok) return { message: t(check.reason === "expired" ? "expired" : "invalid"), values };
  const db = await getDb();
  const actor = { type: "shopper" as const, id: `fallback:${check.fallbackId}` };
  try {
    if (choice === "original") await chooseOriginalRetry(db, { fallbackId: check.fallbackId }, actor);
    else if (choice === "bank_transfer")
      await chooseBankTransfer(
        db,
        { fallbackId: check.fallbackId, accountHolder: values.accountHolder, iban: values.iban },
        actor,
      );
    else await chooseStoreCredit(db, { fallbackId: check.fallbackId }, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [k, v.map((code) => t(`errors.${code}`))]),
    );
    const message = error.code === "invalid_input" ? t("errors.checkFields") : t("errors.closed");
    return { message, fieldErrors, values };
  }
  redirect(fallbackPath(token));
}

const fallbackIdSchema = z.object({ fallbackId: z.uuid() }).strict();
const PATH = "/merchant/withdrawals/refund-issues";

async function staffFallbackAction<S extends z.ZodType>(
  schema: S,
  input: unknown,
  run: (parsed: z.output<S>, actor: { type: "staff"; id: string }) => Promise<void>,
): Promise<Result<null>> {
  const result = await runStaffAction("agent", schema, input, async (parsed, { staff: who }) => {
    await run(parsed, { type: "staff", id: who.id });
    return null;
  });
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function recordBankTransferAction(input: z.input<typeof staffNoteSchema>) {
  return staffFallbackAction(staffNoteSchema, input, async (p, actor) =>
    recordFallbackBankTransfer(await getDb(), p, actor),
  );
}

export async function resolveFlagAction(input: z.input<typeof staffNoteSchema>) {
  return staffFallbackAction(staffNoteSchema, input, async (p, actor) =>
    resolveFallbackFlag(await getDb(), p, actor),
  );
}

export async function resendLinkAction(input: z.input<typeof fallbackIdSchema>) {
  return staffFallbackAction(fallbackIdSchema, input, async (p, actor) =>
    resendFallbackLink(await getDb(), p, actor),
  );
}
