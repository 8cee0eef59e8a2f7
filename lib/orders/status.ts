// Order statuses derived from line quantities and fulfilments, so they cannot drift.
type LineQuantities = { quantity: number; quantityCancelled: number; quantityFulfilled: number };
type FulfillmentState = { status: string };

export function deriveFulfillmentStatus(
  lines: LineQuantities[],
  fulfillments: FulfillmentState[],
): "unfulfilled" | "partial" | "fulfilled" | "delivered" {
  const open = lines.reduce((n, l) => n + l.quantity - l.quantityCancelled, 0);
  const fulfilled = lines.reduce((n, l) => n + l.quantityFulfilled, 0);
  if (fulfilled === 0) return "unfulfilled";
  if (fulfilled < open) return "partial";
  const live = fulfillments.filter((f) => f.status !== "cancelled");
  if (live.length > 0 && live.every((f) => f.status === "delivered")) return "delivered";
  return "fulfilled";
}

export function deriveFinancialStatus(o: {
  capturedAmount: number;
  refundedAmount: number;
  authorized: boolean;
  voided?: boolean;
}): "pending" | "authorized" | "paid" | "partially_refunded" | "refunded" | "voided" {
  if (o.voided) return "voided";
  if (o.capturedAmount === 0) return o.authorized ? "authorized" : "pending";
  if (o.refundedAmount === 0) return "paid";
  return o.refundedAmount >= o.capturedAmount ? "refunded" : "partially_refunded";
}
