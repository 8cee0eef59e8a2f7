"use server";
// The lookup form: number + e-mail → an order-access grant and the order page. A wrong number,
// a wrong e-mail or both get one message, so the form reveals nothing about which orders exist.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { orderPath } from "@/lib/access/order-access";
import { grantOrderAccess } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { emailSchema, orderNumberSchema } from "@/lib/orders/schemas";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { clientAddress } from "@/lib/net/client-address";
import { attemptLookup } from "./attempt";

export type LookupState = {
  message?: string;
  fieldErrors?: { number?: string[]; email?: string[] };
  values?: { number: string; email: string };
};

// Built once: a zod object schema compiles its parser on first use, which per request costs more
// than the parse itself.
const lookupFormSchema = z.object({ number: orderNumberSchema.catch(""), email: emailSchema.catch("") });

export async function lookupOrder(_prev: LookupState, form: FormData): Promise<LookupState> {
  const t = await getTranslations("lookup");
  const values = { number: String(form.get("number") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = lookupFormSchema.safeParse(values);
  const number = parsed.success ? parsed.data.number : "";
  const email = parsed.success ? parsed.data.email : "";
  if (!number || !email) {
    return {
      values,
      fieldErrors: {
        ...(number ? {} : { number: [t("numberInvalid")] }),
        ...(email ? {} : { email: [t("emailInvalid")] }),
      },
    };
  }
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const outcome = await attemptLookup(db, {
    storeId: store.id,
    client: clientAddress(await headers()),
    number,
    email,
  });
  if (!outcome.ok && outcome.reason === "rate_limited") {
    return {
      values,
      message: t("rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000)) }),
    };
  }
  if (!outcome.ok) return { values, message: t("notFound") };
  await grantOrderAccess(outcome.order);
  redirect(orderPath(outcome.order.number));
}
