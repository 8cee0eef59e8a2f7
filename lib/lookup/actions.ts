"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import {
  createOrderAccessToken,
  ORDER_ACCESS_COOKIE,
  ORDER_ACCESS_TTL_SECONDS,
  orderPath,
} from "@/lib/access/order-access";
import { getDb } from "@/lib/db";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { env } from "@/lib/env";
import { emailSchema, orderNumberSchema } from "@/lib/orders/schemas";
import { hit } from "@/lib/rate-limit/limiter";
import { findOrderByNumberAndEmail } from "./queries";

export type LookupState = {
  message?: string;
  fieldErrors?: { number?: string[]; email?: string[] };
  values?: { number: string; email: string };
};

const LOOKUP_LIMIT = { limit: 10, windowMs: 15 * 60_000 };

export async function lookupOrder(_prev: LookupState, form: FormData): Promise<LookupState> {
  const t = await getTranslations("lookup");
  const values = { number: String(form.get("number") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = z.object({ number: orderNumberSchema, email: emailSchema }).safeParse(values);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { values, fieldErrors: { number: errors.number, email: errors.email } };
  }
  const db = await getDb();
  const client = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
  const [byClient, byOrder] = await Promise.all([
    hit(db, `lookup:client:${client}`, LOOKUP_LIMIT),
    hit(db, `lookup:order:${parsed.data.number}`, LOOKUP_LIMIT),
  ]);
  if (!byClient.allowed || !byOrder.allowed) {
    const wait = Math.max(
      byClient.allowed ? 0 : byClient.retryAfterMs,
      byOrder.allowed ? 0 : byOrder.retryAfterMs,
    );
    return { values, message: t("rateLimited", { minutes: Math.max(1, Math.ceil(wait / 60_000)) }) };
  }
  const order = await findOrderByNumberAndEmail(db, DEMO_STORE_ID, parsed.data.number, parsed.data.email);
  if (!order) return { values, message: t("notFound") };
  (await cookies()).set(ORDER_ACCESS_COOKIE, createOrderAccessToken(order.id, env().authSecret), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().isProduction,
    path: orderPath(order.number),
    maxAge: ORDER_ACCESS_TTL_SECONDS,
  });
  redirect(orderPath(order.number));
}
