import "server-only";
// The shopper's order-access session on the server: which order this request may see.
// Pages, actions and the status route all go through `getGrantedOrder`, so an order number in
// a URL or an id in a form never opens anything the cookie does not grant.
import { and, eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import type { DbOrTx } from "@/lib/db";
import { preparedFor } from "@/lib/db/prepared";
import { orders } from "@/lib/db/schema";
import { secureCookies } from "@/lib/auth/cookies";
import { getShopperEmail } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { decodeParam } from "@/lib/text";
import {
  createOrderAccessToken,
  ORDER_ACCESS_COOKIE,
  ORDER_ACCESS_TTL_SECONDS,
  orderPath,
  readOrderAccessToken,
} from "./order-access";

type OrderRow = typeof orders.$inferSelect;
export type GrantedOrder = Pick<OrderRow, "id" | "number" | "storeId" | "email">;

/** "#1001", "1001" and "%231001" all name order 1001; a malformed escape names none (""). */
export const normaliseOrderNumber = (raw: string) => (decodeParam(raw) ?? "").trim().replace(/^#/, "");

/**
 * The order named by `number` when this request may see it: the order-access cookie grants it,
 * or a signed-in shopper's e-mail is the order's. Otherwise null, whether or not it exists.
 * The whole row, so the order page need not read it again.
 */
export async function getGrantedOrder(db: DbOrTx, number: string): Promise<OrderRow | null> {
  return getGrantedOrderVia(db, number, findGrantedOrder);
}

/**
 * getGrantedOrder with the cookie's order read by `find`, which must match both the id and the
 * number (the status poll reads more in the same statement).
 */
export async function getGrantedOrderVia<Found extends OrderRow>(
  db: DbOrTx,
  number: string,
  find: (db: DbOrTx, orderId: string, number: string) => Promise<Found | null>,
): Promise<Found | OrderRow | null> {
  const wanted = normaliseOrderNumber(number);
  const token = (await cookies()).get(ORDER_ACCESS_COOKIE)?.value;
  const orderId = readOrderAccessToken(token, env().authSecret);
  const byCookie = orderId ? await find(db, orderId, wanted) : null;
  if (byCookie) return byCookie;
  const email = await getShopperEmail();
  return email ? findOrderOfShopper(db, wanted, email) : null;
}

async function findOrderOfShopper(db: DbOrTx, number: string, email: string): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.email, email.toLowerCase())))
    .limit(1);
  return row ?? null;
}

// Every order page view and status poll starts here: prepared once, not built per request.
const orderByIdAndNumber = preparedFor((db) =>
  db
    .select()
    .from(orders)
    .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.number, sql.placeholder("number"))))
    .limit(1)
    .prepare("granted_order"),
);

/** The order with this id and number, or null; the pair must match so a URL cannot swap orders. */
export async function findGrantedOrder(
  db: DbOrTx,
  orderId: string,
  number: string,
): Promise<OrderRow | null> {
  const [row] = await orderByIdAndNumber(db).execute({ orderId, number });
  return row ?? null;
}

/** Grants this browser access to one order for two hours (cookie scoped to the order's pages). */
export async function grantOrderAccess(order: { id: string; number: string }) {
  (await cookies()).set(ORDER_ACCESS_COOKIE, createOrderAccessToken(order.id, env().authSecret), {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: orderPath(order.number),
    maxAge: ORDER_ACCESS_TTL_SECONDS,
  });
}
