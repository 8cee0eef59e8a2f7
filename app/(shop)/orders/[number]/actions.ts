"use server";
// Thin server actions for the order pages: who is asking (the order-access grant for the order
// number bound by the page) → the shopper request path → redirect back to the order.
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { orderPath } from "@/lib/access/order-access";
import { getGrantedOrder } from "@/lib/access/session";
import {
  previewShopperRequest,
  type RefundPreview,
  type RequestFormState,
  readRequestForm,
  type RequestType,
  submitShopperRequest,
  withdrawShopperRequest,
} from "@/lib/access/shopper-requests";
import type { WithdrawState } from "@/components/requests/withdraw-form";
import { getDb } from "@/lib/db";
import type { Result } from "@/lib/errors";

export async function submitCancellation(number: string, _prev: RequestFormState, form: FormData) {
  return submitRequestForm("cancellation", number, form);
}

export async function submitReturn(number: string, _prev: RequestFormState, form: FormData) {
  return submitRequestForm("return", number, form);
}

async function submitRequestForm(
  type: RequestType,
  number: string,
  form: FormData,
): Promise<RequestFormState> {
  const t = await getTranslations("requestForm.errors");
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  const { values, intent } = readRequestForm(form);
  if (!grant) return { message: t("sessionExpired"), values };
  if (intent === "preview") {
    const preview = await previewShopperRequest(db, grant, type, values, t);
    return preview.ok
      ? { values, preview: preview.data }
      : { message: preview.message, fieldErrors: preview.fieldErrors, values };
  }
  const result = await submitShopperRequest(db, grant, type, form, t, { locale: await getLocale() });
  if (!result.ok) {
    // The form comes back as it was sent, with the refund those values would get (none if invalid).
    const preview = await previewShopperRequest(db, grant, type, values, t);
    return {
      message: result.message,
      fieldErrors: result.fieldErrors,
      values,
      preview: preview.ok ? preview.data : null,
    };
  }
  redirect(`${orderPath(grant.number)}?request=${result.data.requestId}`);
}

const previewInputSchema = z.object({
  type: z.enum(["cancellation", "return"]),
  scope: z.enum(["all", "some"]),
  quantities: z.record(z.string(), z.number().int().min(0).max(10_000)),
});

/** Live refund preview for the forms when JavaScript runs; the same path as the no-JS preview. */
export async function previewRefund(
  number: string,
  input: z.input<typeof previewInputSchema>,
): Promise<Result<RefundPreview>> {
  const t = await getTranslations("requestForm.errors");
  const parsed = previewInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", message: t("checkFields") };
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  if (!grant) return { ok: false, code: "unauthorized", message: t("sessionExpired") };
  return previewShopperRequest(db, grant, parsed.data.type, parsed.data, t);
}

export async function withdrawRequestAction(
  number: string,
  _prev: WithdrawState,
  form: FormData,
): Promise<WithdrawState> {
  const t = await getTranslations("requestForm.errors");
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  if (!grant) return { message: t("sessionExpired") };
  const result = await withdrawShopperRequest(db, grant, form, t);
  if (!result.ok) return { message: result.message };
  redirect(`${orderPath(grant.number)}?withdrawn=1`);
}
