// Signed, expiring links to a refund fallback's choice page. The link is the shopper's only
// credential there, so it carries its own expiry and a MAC over both id and expiry.
import { createHmac, timingSafeEqual } from "node:crypto";

const sign = (payload: string, secret: string) =>
  createHmac("sha256", secret).update(`refund-fallback:${payload}`).digest("base64url");

export function createFallbackToken(fallbackId: string, expiresAt: Date, secret: string): string {
  const payload = `${fallbackId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(payload, secret)}`;
}

export type FallbackTokenCheck =
  { ok: true; fallbackId: string } | { ok: false; reason: "invalid" | "expired"; fallbackId?: string };

/** Expired links still name their fallback, so the page can say "expired" rather than "invalid". */
export function readFallbackToken(
  token: string | undefined,
  secret: string,
  now = new Date(),
): FallbackTokenCheck {
  const parts = (token ?? "").split(".");
  if (parts.length !== 3) return { ok: false, reason: "invalid" };
  const [fallbackId, exp, mac] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${fallbackId}.${exp}`, secret));
  const actual = Buffer.from(mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 <= now.getTime()) return { ok: false, reason: "expired", fallbackId };
  return { ok: true, fallbackId };
}

export const fallbackPath = (token: string) => `/refund-options/${encodeURIComponent(token)}`;
