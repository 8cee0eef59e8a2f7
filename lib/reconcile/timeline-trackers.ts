import "server-only";
// The tracker for each refund of an order, for the shopper's timeline: the pure `trackRefund`
// over the refund rows the timeline already loaded, plus the fallbacks of refunds that failed or
// were paid outside the gateway (one query, and only when there are such refunds).
import { desc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { refundFallbacks, type refunds } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { maskIban } from "@/lib/fallbacks/iban";
import { createFallbackToken, fallbackPath } from "@/lib/fallbacks/token";
import { keyGeneration } from "@/lib/refunds/keys";
import { type RefundTracker, trackRefund } from "./tracker";

type Row = typeof refunds.$inferSelect;
export type TrackerRefundRow = Pick<
  Row,
  | "id"
  | "requestId"
  | "kind"
  | "status"
  | "gatewayStatus"
  | "pendingReason"
  | "failureCode"
  | "heldAt"
  | "offline"
  | "arn"
  | "paymentMethodType"
  | "submittedAt"
  | "createdAt"
  | "idempotencyKey"
>;

export type TrackedRefund = {
  id: string;
  requestId: string | null;
  status: string;
  createdAt: Date;
  tracker: RefundTracker;
};

export async function trackersForRefunds(
  db: DbOrTx,
  rows: TrackerRefundRow[],
  capturedAt: Date | null,
): Promise<TrackedRefund[]> {
  // Failed, paid offline, or retried (a retry follows a failure, perhaps the shopper's choice).
  const needFallback = rows
    .filter((r) => r.status === "failed" || r.offline || keyGeneration(r.idempotencyKey) > 1)
    .map((r) => r.id);
  const fallbacks = needFallback.length
    ? await db
        .select({
          id: refundFallbacks.id,
          refundId: refundFallbacks.refundId,
          status: refundFallbacks.status,
          choice: refundFallbacks.choice,
          expiresAt: refundFallbacks.expiresAt,
          iban: refundFallbacks.iban,
        })
        .from(refundFallbacks)
        .where(inArray(refundFallbacks.refundId, needFallback))
        .orderBy(desc(refundFallbacks.createdAt))
    : [];
  return rows.map((r) => ({
    id: r.id,
    requestId: r.requestId,
    status: r.status,
    createdAt: r.createdAt,
    tracker: trackRefund({
      kind: r.kind,
      status: r.status,
      gatewayStatus: r.gatewayStatus,
      pendingReason: r.pendingReason,
      failureCode: r.failureCode,
      held: Boolean(r.heldAt),
      offline: r.offline,
      arn: r.arn,
      paymentMethodType: r.paymentMethodType,
      capturedAt,
      submittedAt: r.submittedAt,
      fallback: shopperFallback(fallbacks.find((f) => f.refundId === r.id)),
    }),
  }));
}

/** The fallback as the order page may show it: the signed link while open, the IBAN masked. */
function shopperFallback(
  f: { id: string; status: string; choice: string | null; expiresAt: Date; iban: string | null } | undefined,
) {
  if (!f) return null;
  const open = f.status === "open";
  return {
    status: f.status,
    choice: f.choice,
    ...(open ? { path: fallbackPath(createFallbackToken(f.id, f.expiresAt, env().authSecret)) } : {}),
    ...(open ? { expiresAt: f.expiresAt.toISOString() } : {}),
    ...(f.iban ? { maskedIban: maskIban(f.iban) } : {}),
  };
}

/** Puts each timeline entry's tracker on it: a request's newest live refund, or the refund itself. */
export function attachTrackers<E extends { id: string; tracker?: RefundTracker }>(
  entries: E[],
  tracked: TrackedRefund[],
): E[] {
  return entries.map((entry) => {
    const own = tracked
      .filter((r) => r.id === entry.id || r.requestId === entry.id)
      .sort(
        (a, b) =>
          (a.status === "canceled" ? 1 : 0) - (b.status === "canceled" ? 1 : 0) ||
          b.createdAt.getTime() - a.createdAt.getTime(),
      );
    return own[0] ? { ...entry, tracker: own[0].tracker } : entry;
  });
}
