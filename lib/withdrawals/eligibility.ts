// What a shopper may still withdraw from (EU CRD Art. 9–11a), as a pure function of the order.
// The right does not follow the store's return rules: final-sale tags and the return window do
// not limit it. The period runs from delivery of the last item; before that it is always open.
import { type OrderSnapshot, type SnapshotRequest, unitsOnOrder } from "@/lib/requests/eligibility";

export type WithdrawalSettings = { withdrawalEnabled: boolean; withdrawalDays: number };

export type WithdrawalBlock = "disabled" | "period_over" | "cancelled" | "nothing_left";

export type WithdrawableLine = {
  lineItemId: string;
  /** Units not sent yet: withdrawing cancels them. */
  unshipped: number;
  /** Units sent: withdrawing returns them. */
  shipped: number;
};

export type WithdrawalEligibility = {
  available: boolean;
  blockedBy?: WithdrawalBlock;
  /** Null while something is still to be delivered: the period has not started. */
  periodEndsAt: Date | null;
  lines: WithdrawableLine[];
};

const DAY = 86_400_000;
const OPEN = new Set([
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
]);

const openQuantity = (requests: SnapshotRequest[], type: SnapshotRequest["type"], lineItemId: string) =>
  requests
    .filter((r) => r.type === type && OPEN.has(r.status))
    .flatMap((r) => r.items)
    .filter((i) => i.lineItemId === lineItemId)
    .reduce((n, i) => n + i.quantity, 0);

export function getWithdrawalEligibility(
  snapshot: OrderSnapshot,
  settings: WithdrawalSettings,
  now: Date,
): WithdrawalEligibility {
  const periodEndsAt = withdrawalPeriodEnd(snapshot, settings.withdrawalDays);
  const blocked = (blockedBy: WithdrawalBlock): WithdrawalEligibility => ({
    available: false,
    blockedBy,
    periodEndsAt,
    lines: [],
  });
  if (!settings.withdrawalEnabled) return blocked("disabled");
  if (snapshot.order.status === "cancelled") return blocked("cancelled");
  if (periodEndsAt && periodEndsAt <= now) return blocked("period_over");
  const lines = withdrawableLines(snapshot).filter((l) => l.unshipped + l.shipped > 0);
  if (lines.length === 0) return blocked("nothing_left");
  return { available: true, periodEndsAt, lines };
}

function withdrawableLines(snapshot: OrderSnapshot): WithdrawableLine[] {
  // One open cancellation per order: while one runs, unsent units are already on their way out.
  const cancellationOpen = snapshot.requests.some((r) => r.type === "cancellation" && OPEN.has(r.status));
  return snapshot.lines.map((l) => {
    // Units refunded without being cancelled or returned (goodwill) are not the shopper's to return.
    const units = unitsOnOrder(l);
    return {
      lineItemId: l.id,
      unshipped: cancellationOpen ? 0 : units.unshipped,
      shipped: Math.max(0, units.shipped - openQuantity(snapshot.requests, "return", l.id)),
    };
  });
}

/**
 * End of the withdrawal period: `days` after the last item reached the shopper, once every unit
 * that was not cancelled has been delivered (goods delivered in parts: from the last part).
 */
export function withdrawalPeriodEnd(snapshot: OrderSnapshot, days: number): Date | null {
  const toDeliver = snapshot.lines.reduce((n, l) => n + l.quantity - l.quantityCancelled, 0);
  const delivered = snapshot.fulfillments.filter((f) => f.status === "delivered" && f.deliveredAt);
  const deliveredUnits = delivered.flatMap((f) => f.items).reduce((n, i) => n + i.quantity, 0);
  if (toDeliver === 0 || deliveredUnits < toDeliver) return null;
  const last = Math.max(...delivered.map((f) => f.deliveredAt!.getTime()));
  return new Date(last + days * DAY);
}
