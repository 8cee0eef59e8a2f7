// Order-access session: a signed, httpOnly, SameSite cookie that opens one order for two hours.
// The cookie's path is that order's page, so each looked-up order has its own grant.
import { createHmac, timingSafeEqual } from "node:crypto";

export const ORDER_ACCESS_COOKIE = "aftercare_order";
export const ORDER_ACCESS_TTL_SECONDS = 2 * 60 * 60;

const sign = (payload: string, secret: string) =>
  createHmac("sha256", secret).update(`order-access:${payload}`).digest("base64url");

export function createOrderAccessToken(orderId: string, secret: string, now = Date.now()): string {
  const payload = `${orderId}.${Math.floor(now / 1000) + ORDER_ACCESS_TTL_SECONDS}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** The order id the token grants, or null when it is forged, altered or expired. */
export function readOrderAccessToken(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): string | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [orderId, exp, mac] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${orderId}.${exp}`, secret));
  const actual = Buffer.from(mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  if (Number(exp) * 1000 <= now) return null;
  return orderId;
}

export const orderPath = (number: string) => `/orders/${encodeURIComponent(number)}`;
