// Order links: the signed link every order e-mail carries, which opens that one order's page the
// way a lookup does (the same two-hour order-access cookie, nothing more) — as Shopify's
// order-status links do. Separate from sign-in links: a different signing purpose, bound to one
// order, not to an e-mail address, and reusable. A link is good for ORDER_LINK_MIN_DAYS after it
// was sent, and after that for as long as the order can still change; staff revoke every link of
// an order at once (orders.links_revoked_at). Pure: no database, no env.
import { createHmac, timingSafeEqual } from "node:crypto";

export const ORDER_LINK_MIN_DAYS = 90;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sign = (payload: string, secret: string) =>
  createHmac("sha256", secret).update(`order-link:${payload}`).digest("base64url");

/** `<orderId>.<issued at, ms>.<mac>` */
export function createOrderLinkToken(orderId: string, secret: string, now = Date.now()): string {
  const payload = `${orderId}.${now}`;
  return `${payload}.${sign(payload, secret)}`;
}

export type OrderLinkClaim = { orderId: string; issuedAt: Date };

/** What a link claims, or null when it is malformed, forged or altered. Validity is checkOrderLink's. */
export function readOrderLinkToken(token: string | undefined | null, secret: string): OrderLinkClaim | null {
  if (!token || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [orderId, issued, mac] = parts as [string, string, string];
  if (!UUID.test(orderId) || !/^\d{1,15}$/.test(issued)) return null;
  const expected = Buffer.from(sign(`${orderId}.${issued}`, secret));
  const actual = Buffer.from(mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { orderId, issuedAt: new Date(Number(issued)) };
}

export type OrderLinkVerdict = "ok" | "revoked" | "expired";

/**
 * Whether a genuine link still opens its order: not revoked since it was issued, and either young
 * enough or about an order that can still change (something open, or something still possible).
 */
export async function checkOrderLink(
  claim: OrderLinkClaim,
  order: { linksRevokedAt: Date | null },
  canStillChange: () => Promise<boolean>,
  now = new Date(),
): Promise<OrderLinkVerdict> {
  if (order.linksRevokedAt && claim.issuedAt.getTime() <= order.linksRevokedAt.getTime()) return "revoked";
  if (now.getTime() < claim.issuedAt.getTime() + ORDER_LINK_MIN_DAYS * DAY_MS) return "ok";
  return (await canStillChange()) ? "ok" : "expired";
}

export const orderLinkPath = (token: string) => `/o/${encodeURIComponent(token)}`;
