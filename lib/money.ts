// Money: integer minor units plus an ISO currency. This module owns every piece of money
// arithmetic in Aftercare — minor-unit checks, formatting at the edge, proportional
// allocation, and the refund computation that both the shopper preview and the refund use.
import { cachedIntl } from "@/lib/intl-cache";

export type Money = { amount: number; currency: string };

/** Throws unless `n` is a safe integer (minor units never have fractions). */
export function assertMinorUnits(n: number, label = "amount"): void {
  if (Number.isSafeInteger(n)) return;
  throw new RangeError(`${label} must be a safe integer in minor units, got ${String(n)}`);
}

function assertNonNegativeMinorUnits(n: number, label: string): void {
  assertMinorUnits(n, label);
  if (n < 0) throw new RangeError(`${label} must not be negative, got ${n}`);
}

/**
 * Digits after the decimal point for a currency, from Intl (CLDR data).
 * Resolved with a fixed locale so the meaning of a stored amount never depends on the viewer.
 */
export function currencyMinorDigits(currency: string): number {
  return cachedIntl(
    `minor-digits|${currency}`,
    () =>
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2,
  );
}

/** Formats minor units for display, e.g. (12345, "NOK", "nb-NO") → "123,45 kr". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  assertMinorUnits(amount);
  const digits = currencyMinorDigits(currency);
  const formatter = cachedIntl(
    `money|${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  return formatter.format(toDecimalString(amount, digits));
}

// A decimal string instead of amount / 10^digits: division loses cents on very large amounts.
function toDecimalString(amount: number, digits: number): `${number}` {
  const sign = amount < 0 ? "-" : "";
  const units = String(Math.abs(amount)).padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${units}` as `${number}`;
  const whole = units.slice(0, -digits);
  const fraction = units.slice(-digits);
  return `${sign}${whole}.${fraction}` as `${number}`;
}

/**
 * Splits `total` into non-negative integers proportional to `weights` (largest-remainder
 * method), summing exactly to `total`. Ties go to the earlier index; all-zero weights split
 * evenly. Weights are non-negative integers (e.g. minor units) so the split is exact.
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  assertNonNegativeMinorUnits(total, "total");
  weights.forEach((w, i) => assertNonNegativeMinorUnits(w, `weights[${i}]`));
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("cannot allocate a non-zero total over no weights");
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0)
    return largestRemainder(
      total,
      weights.map(() => 1n),
    );
  return largestRemainder(total, weights.map(BigInt));
}

// BigInt keeps total * weight exact where it would pass 2^53.
function largestRemainder(total: number, weights: bigint[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const big = BigInt(total);
  const shares = weights.map((w) => ({
    floor: (big * w) / sum,
    rest: (big * w) % sum,
  }));
  let leftover = total - shares.reduce((a, s) => a + Number(s.floor), 0);
  const order = shares
    .map((s, index) => ({ rest: s.rest, index }))
    .sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  const result = shares.map((s) => Number(s.floor));
  for (const { index } of order) {
    if (leftover === 0) break;
    result[index] = (result[index] ?? 0) + 1;
    leftover -= 1;
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Refund computation

export type RefundableLine = {
  id: string;
  quantity: number;
  unitPrice: number;
  /** Discount for the whole line (all units). */
  discountAllocation: number;
  /** Tax for the whole line (all units). */
  taxAllocation: number;
  quantityRefunded: number;
};

export type RefundableOrder = {
  lines: RefundableLine[];
  shippingTotal: number;
  shippingTaxTotal: number;
  shippingRefunded: number;
  capturedAmount: number;
  refundedAmount: number;
};

export type RefundSelection = {
  lines: { lineItemId: string; quantity: number }[];
  includeShipping: boolean;
};

export type RefundLineAmount = {
  lineItemId: string;
  quantity: number;
  subtotal: number;
  discount: number;
  tax: number;
  amount: number;
};

export type RefundBreakdown = {
  lines: RefundLineAmount[];
  shipping: number;
  total: number;
};

export type RefundAllocationErrorCode =
  "quantity_exceeds_remaining" | "unknown_line" | "exceeds_captured" | "empty";

/** A refund the selection cannot produce; callers map `code` to a shopper-facing message. */
export class RefundAllocationError extends Error {
  constructor(
    public readonly code: RefundAllocationErrorCode,
    message: string,
    public readonly lineItemId?: string,
  ) {
    super(message);
    this.name = "RefundAllocationError";
  }
}

/** Money still refundable on the order: captured minus already refunded. */
export function remainingRefundable(
  order: Pick<RefundableOrder, "capturedAmount" | "refundedAmount">,
): number {
  return order.capturedAmount - order.refundedAmount;
}

/** Shipping (including its tax) not yet refunded. */
export function remainingShipping(order: RefundableOrder): number {
  return order.shippingTotal + order.shippingTaxTotal - order.shippingRefunded;
}

/**
 * The refund for a selection of units (and optionally the remaining shipping). The single
 * source of truth for both the preview a shopper sees and the amount sent to the gateway.
 */
export function computeRefund(order: RefundableOrder, selection: RefundSelection): RefundBreakdown {
  assertRefundableOrder(order);
  const lines = mergeSelection(selection.lines).map((s) =>
    refundLine(findLineOrThrow(order, s.lineItemId), s.quantity),
  );
  const shipping = selection.includeShipping ? remainingShipping(order) : 0;
  if (lines.length === 0 && shipping === 0) {
    throw new RefundAllocationError("empty", "nothing is selected to refund");
  }
  const total = lines.reduce((sum, l) => sum + l.amount, shipping);
  assertMinorUnits(total, "refund total");
  const remaining = remainingRefundable(order);
  if (total > remaining) {
    throw new RefundAllocationError(
      "exceeds_captured",
      `refund of ${total} exceeds the ${remaining} still refundable on the order`,
    );
  }
  return { lines, shipping, total };
}

// Duplicate rows for one line are summed so they cannot each pass the remaining-quantity check.
function mergeSelection(rows: RefundSelection["lines"]): RefundSelection["lines"] {
  const merged = new Map<string, number>();
  for (const row of rows) {
    assertNonNegativeMinorUnits(row.quantity, `quantity of ${row.lineItemId}`);
    merged.set(row.lineItemId, (merged.get(row.lineItemId) ?? 0) + row.quantity);
  }
  return [...merged]
    .filter(([, quantity]) => quantity > 0)
    .map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
}

function findLineOrThrow(order: RefundableOrder, lineItemId: string): RefundableLine {
  const line = order.lines.find((l) => l.id === lineItemId);
  if (line) return line;
  throw new RefundAllocationError("unknown_line", `line ${lineItemId} is not on this order`, lineItemId);
}

function refundLine(line: RefundableLine, quantity: number): RefundLineAmount {
  const remaining = line.quantity - line.quantityRefunded;
  if (quantity > remaining) {
    throw new RefundAllocationError(
      "quantity_exceeds_remaining",
      `cannot refund ${quantity} of line ${line.id}: only ${remaining} remain`,
      line.id,
    );
  }
  const subtotal = line.unitPrice * quantity;
  assertMinorUnits(subtotal, `subtotal of ${line.id}`);
  const discount = prorateUnits(line.discountAllocation, line, quantity);
  const tax = prorateUnits(line.taxAllocation, line, quantity);
  return {
    lineItemId: line.id,
    quantity,
    subtotal,
    discount,
    tax,
    amount: subtotal - discount + tax,
  };
}

// Share for units (refunded, refunded + q]: differences of cumulative floors, so any sequence
// of partial refunds adds up to exactly the whole allocation.
function prorateUnits(allocation: number, line: RefundableLine, quantity: number): number {
  const after = cumulativeShare(allocation, line.quantityRefunded + quantity, line.quantity);
  const before = cumulativeShare(allocation, line.quantityRefunded, line.quantity);
  return after - before;
}

function cumulativeShare(allocation: number, units: number, of: number): number {
  return Number((BigInt(allocation) * BigInt(units)) / BigInt(of));
}

// Inconsistent order data is a programming error, not something the shopper can fix.
function assertRefundableOrder(order: RefundableOrder): void {
  for (const field of [
    "shippingTotal",
    "shippingTaxTotal",
    "shippingRefunded",
    "capturedAmount",
    "refundedAmount",
  ] as const) {
    assertNonNegativeMinorUnits(order[field], field);
  }
  if (remainingShipping(order) < 0) throw new RangeError("shippingRefunded exceeds shipping");
  if (remainingRefundable(order) < 0) throw new RangeError("refundedAmount exceeds capturedAmount");
  order.lines.forEach(assertRefundableLine);
}

function assertRefundableLine(line: RefundableLine): void {
  for (const field of [
    "quantity",
    "unitPrice",
    "discountAllocation",
    "taxAllocation",
    "quantityRefunded",
  ] as const) {
    assertNonNegativeMinorUnits(line[field], `${field} of ${line.id}`);
  }
  if (line.quantityRefunded > line.quantity) {
    throw new RangeError(`quantityRefunded exceeds quantity on line ${line.id}`);
  }
  if (line.discountAllocation > line.unitPrice * line.quantity) {
    throw new RangeError(`discountAllocation exceeds the line subtotal on line ${line.id}`);
  }
}
