// Signed links to a withdrawal's downloadable copy. The copy is the shopper's durable record,
// so the link does not expire; the signature keeps anyone else from reading it by guessing ids.
import { createHmac, timingSafeEqual } from "node:crypto";

const mac = (withdrawalId: string, secret: string) =>
  createHmac("sha256", secret).update(`withdrawal-receipt:${withdrawalId}`).digest("base64url");

export function createReceiptToken(withdrawalId: string, secret: string): string {
  return `${withdrawalId}.${mac(withdrawalId, secret)}`;
}

/** The withdrawal id the token names, or null when it is forged or altered. */
export function readReceiptToken(token: string | undefined, secret: string): string | null {
  if (!token) return null;
  const [withdrawalId, given, ...rest] = token.split(".");
  if (!withdrawalId || !given || rest.length > 0) return null;
  if (!/^[0-9a-f-]{36}$/.test(withdrawalId)) return null;
  const expected = Buffer.from(mac(withdrawalId, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? withdrawalId : null;
}

export const receiptPath = (token: string) => `/withdraw/receipt/${encodeURIComponent(token)}`;
export const receivedPath = (token: string) => `/withdraw/received/${encodeURIComponent(token)}`;
