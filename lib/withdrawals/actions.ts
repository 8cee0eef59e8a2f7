"use server";
// The withdrawal form's one action (step one → confirmation → record) and the owner's settings.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runStaffAction } from "@/lib/console/staff-action";
import { getDb } from "@/lib/db";
import type { Result } from "@/lib/errors";
import { clientAddress } from "@/lib/net/client-address";
import { updateWithdrawalSettings } from "./commands";
import { receivedPath } from "./receipt-token";
import { withdrawalSettingsSchema } from "./schemas";
import {
  checkWithdrawal,
  confirmWithdrawal,
  readWithdrawalForm,
  summaryOf,
  type WithdrawalFormState,
} from "./shopper-flow";

export async function withdrawalStep(
  _prev: WithdrawalFormState,
  form: FormData,
): Promise<WithdrawalFormState> {
  const t = await getTranslations("withdrawal");
  const { intent, idempotencyKey, ...values } = readWithdrawalForm(form);
  const db = await getDb();
  const context = { client: clientAddress(await headers()), t };
  if (intent === "edit") {
    const checked = await checkWithdrawal(db, values, context);
    return { step: "details", values, lines: checked.ok ? checked.lines : checked.state.lines };
  }
  if (intent === "confirm") {
    const result = await confirmWithdrawal(
      db,
      { ...values, idempotencyKey },
      { ...context, locale: await getLocale() },
    );
    if (!result.ok) return result.state;
    redirect(receivedPath(result.receiptToken));
  }
  const checked = await checkWithdrawal(db, values, context);
  if (!checked.ok) return checked.state;
  return { step: "confirm", values, lines: checked.lines, summary: summaryOf(checked, values) };
}

export async function updateWithdrawalSettingsAction(
  input: z.input<typeof withdrawalSettingsSchema>,
): Promise<Result<null>> {
  const result = await runStaffAction(
    "owner",
    withdrawalSettingsSchema,
    input,
    async (parsed, { db, staff }) => {
      await updateWithdrawalSettings(db, parsed, { type: "staff", id: staff.id });
      return null;
    },
  );
  if (result.ok) revalidatePath("/merchant/withdrawals");
  return result;
}
