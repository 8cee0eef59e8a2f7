// What the shopper is told about a cancelled order: the store's reason, as a message key under
// `eligibility` that the page translates, and for a missed ship-by promise the day it promised.
const DAY = 86_400_000;
const STORE_REASONS = new Set(["fraud", "inventory", "declined", "other"]);

export type CancelledNote = { key: string; shipBy?: Date };

export function cancelledBecause(
  order: { cancelReason: string | null; paidAt: Date | null },
  store: { shipBySlaDays: number },
): CancelledNote {
  const reason = order.cancelReason;
  if (reason === "not_shipped_in_time") {
    if (!order.paidAt) return { key: "cancelledBecause.other" };
    // The SLA scan cancels once this many days after payment have passed.
    const shipBy = new Date(order.paidAt.getTime() + store.shipBySlaDays * DAY);
    return { key: "cancelledBecause.not_shipped_in_time", shipBy };
  }
  if (reason && STORE_REASONS.has(reason)) return { key: `cancelledBecause.${reason}` };
  // The shopper's own cancellation (or a reason without words of its own): just the fact.
  return { key: "cancelBlocked.cancelled" };
}
