import "server-only";
// The tracker for each refund of an order, for the shopper's timeline: the pure `trackRefund`
// over the refund rows the timeline already loaded, plus the fallbacks of refunds that failed or
// were paid outside the gateway (one query, and only when there are such refunds).
import { desc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { refundFallbacks, type refunds } from "@/lib/db/schema";
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
  const needFallback = rows.filter((r) => r.status === "failed" || r.offline).map((r) => r.id);
  const fallbacks = needFallback.length
    ? await db
        .select({
          refundId: refundFallbacks.refundId,
          status: refundFallbacks.status,
          choice: refundFallbacks.choice,
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
      fallback: fallbacks.find((f) => f.refundId === r.id) ?? null,
    }),
  }));
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
