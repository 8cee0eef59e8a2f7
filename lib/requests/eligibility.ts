// What a shopper may still cancel or return, as a pure function of the order's state.
// The portal shows it; submitRequest re-checks it inside the transaction.

export type SnapshotLine = {
  id: string;
  quantity: number;
  quantityCancelled: number;
  quantityFulfilled: number;
  quantityReturned: number;
  quantityRefunded: number;
  finalSale: boolean;
};

export type SnapshotFulfillment = {
  status: string;
  deliveredAt: Date | null;
  items: { lineItemId: string; quantity: number }[];
};

export type SnapshotRequest = {
  type: "cancellation" | "return";
  status: string;
  items: { lineItemId: string; quantity: number }[];
};

export type OrderSnapshot = {
  order: {
    status: string;
    financialStatus: string;
    riskLevel: string;
    capturedAmount: number;
    refundedAmount: number;
  };
  lines: SnapshotLine[];
  fulfillments: SnapshotFulfillment[];
  requests: SnapshotRequest[];
};

export type StoreSettings = { returnWindowDays: number; timeZone: string };

export type CancelBlock =
  "shipped" | "cancelled" | "pending_request" | "refunded" | "not_paid" | "nothing_left";
export type ReturnBlock =
  "not_delivered" | "window_closed" | "final_sale" | "cancelled" | "pending_request" | "nothing_left";
export type LineReturnBlock = "final_sale" | "not_delivered" | "already_returned" | "window_closed";

export type Eligibility = {
  canCancel: boolean;
  cancelBlockedBy?: CancelBlock;
  cancellableLines: { lineItemId: string; maxQuantity: number }[];
  canReturn: boolean;
  returnBlockedBy?: ReturnBlock;
  returnWindowEndsAt: Date | null;
  returnableLines: { lineItemId: string; maxQuantity: number; blockedBy?: LineReturnBlock }[];
  underReview: boolean;
};

const OPEN = new Set([
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
]);
const DAY = 86_400_000;

function openQuantity(requests: SnapshotRequest[], type: SnapshotRequest["type"], lineItemId: string) {
  return requests
    .filter((r) => r.type === type && OPEN.has(r.status))
    .flatMap((r) => r.items)
    .filter((i) => i.lineItemId === lineItemId)
    .reduce((n, i) => n + i.quantity, 0);
}

/** Units of a line neither shipped nor cancelled: what is still to be sent. */
export function unitsToShip(l: Pick<SnapshotLine, "quantity" | "quantityCancelled" | "quantityFulfilled">) {
  return Math.max(0, l.quantity - l.quantityCancelled - l.quantityFulfilled);
}

/**
 * A line's units still on the order — not cancelled, not returned, not refunded aside — by
 * whether they shipped. A refunded unit was cancelled, returned, or refunded aside (goodwill,
 * kept by the shopper); only the last kind is subtracted here, from shipped units first, so a
 * cancelled-and-refunded unit counts once, not twice.
 */
export function unitsOnOrder(l: Omit<SnapshotLine, "id" | "finalSale">): {
  unshipped: number;
  shipped: number;
} {
  const aside = Math.max(0, l.quantityRefunded - l.quantityCancelled - l.quantityReturned);
  const kept = Math.max(0, l.quantityFulfilled - l.quantityReturned);
  const asideShipped = Math.min(kept, aside);
  return {
    unshipped: Math.max(0, unitsToShip(l) - (aside - asideShipped)),
    shipped: kept - asideShipped,
  };
}

export function getEligibility(snapshot: OrderSnapshot, store: StoreSettings, now: Date): Eligibility {
  const { order, lines, fulfillments, requests } = snapshot;
  // A cancelled order is no longer reviewed, whatever its risk level said before.
  const underReview =
    order.status !== "cancelled" &&
    (order.riskLevel === "high" || requests.some((r) => r.status === "pending_review"));
  return {
    ...cancellation(snapshot),
    ...returns(lines, fulfillments, requests, order.status, store, now),
    underReview,
  };
}

function cancellation(
  snapshot: OrderSnapshot,
): Pick<Eligibility, "canCancel" | "cancelBlockedBy" | "cancellableLines"> {
  const { order, lines, requests } = snapshot;
  const cancellableLines = lines
    .map((l) => ({ lineItemId: l.id, maxQuantity: unitsOnOrder(l).unshipped }))
    .filter((l) => l.maxQuantity > 0);
  const blocked = ((): CancelBlock | undefined => {
    if (order.status === "cancelled") return "cancelled";
    if (order.financialStatus === "refunded" || order.financialStatus === "voided") return "refunded";
    if (order.financialStatus === "pending") return "not_paid";
    if (requests.some((r) => r.type === "cancellation" && OPEN.has(r.status))) return "pending_request";
    if (cancellableLines.length > 0) return undefined;
    // Units still waiting to ship, all refunded already: "shipped" would not be true.
    return lines.some((l) => unitsToShip(l) > 0) ? "nothing_left" : "shipped";
  })();
  return blocked
    ? { canCancel: false, cancelBlockedBy: blocked, cancellableLines: [] }
    : { canCancel: true, cancellableLines };
}

function returns(
  lines: SnapshotLine[],
  fulfillments: SnapshotFulfillment[],
  requests: SnapshotRequest[],
  orderStatus: string,
  store: StoreSettings,
  now: Date,
): Pick<Eligibility, "canReturn" | "returnBlockedBy" | "returnWindowEndsAt" | "returnableLines"> {
  const delivered = fulfillments.filter((f) => f.status === "delivered" && f.deliveredAt);
  const windowEnd = (at: Date) => new Date(at.getTime() + store.returnWindowDays * DAY);
  const lastDelivery = delivered.reduce<Date | null>(
    (max, f) => (max && max > f.deliveredAt! ? max : f.deliveredAt!),
    null,
  );
  const returnWindowEndsAt = lastDelivery ? windowEnd(lastDelivery) : null;

  const returnableLines = lines.map((l) => {
    const deliveredInWindow = delivered
      .filter((f) => windowEnd(f.deliveredAt!) > now)
      .flatMap((f) => f.items)
      .filter((i) => i.lineItemId === l.id)
      .reduce((n, i) => n + i.quantity, 0);
    const everDelivered = delivered.flatMap((f) => f.items).some((i) => i.lineItemId === l.id);
    const left =
      Math.min(deliveredInWindow - l.quantityReturned, l.quantity - l.quantityRefunded) -
      openQuantity(requests, "return", l.id);
    const maxQuantity = Math.max(0, left);
    const blockedBy: LineReturnBlock | undefined = l.finalSale
      ? "final_sale"
      : !everDelivered
        ? "not_delivered"
        : deliveredInWindow === 0
          ? "window_closed"
          : maxQuantity === 0
            ? "already_returned"
            : undefined;
    return {
      lineItemId: l.id,
      maxQuantity: blockedBy ? 0 : maxQuantity,
      ...(blockedBy ? { blockedBy } : {}),
    };
  });

  const blocked = ((): ReturnBlock | undefined => {
    if (orderStatus === "cancelled") return "cancelled";
    if (delivered.length === 0) return "not_delivered";
    if (returnableLines.some((l) => l.maxQuantity > 0)) return undefined;
    if (returnableLines.every((l) => l.blockedBy === "window_closed" || l.blockedBy === "not_delivered")) {
      return returnableLines.some((l) => l.blockedBy === "window_closed") ? "window_closed" : "not_delivered";
    }
    if (returnableLines.every((l) => l.blockedBy === "final_sale" || l.blockedBy === "window_closed"))
      return "final_sale";
    if (lines.some((l) => openQuantity(requests, "return", l.id) > 0)) return "pending_request";
    return "nothing_left";
  })();
  return { canReturn: !blocked, returnBlockedBy: blocked, returnWindowEndsAt, returnableLines };
}
