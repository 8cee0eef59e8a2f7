import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateProportionally,
  assertMinorUnits,
  computeRefund,
  currencyMinorDigits,
  formatMoney,
  RefundAllocationError,
  type RefundAllocationErrorCode,
  type RefundableLine,
  type RefundableOrder,
  type RefundSelection,
  remainingRefundable,
} from "@/lib/money";

// Intl separates groups and symbols with NBSP / narrow NBSP; compare with plain spaces.
const spaced = (s: string) => s.replace(/\s/g, " ");

function refundError(fn: () => unknown): RefundAllocationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RefundAllocationError) return error;
    throw error;
  }
  throw new Error("expected a RefundAllocationError");
}

function expectRefundError(fn: () => unknown, code: RefundAllocationErrorCode) {
  expect(refundError(fn).code).toBe(code);
}

describe("assertMinorUnits", () => {
  it("accepts safe integers, including zero and negatives", () => {
    for (const n of [0, 1, -1, 12345, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(() => assertMinorUnits(n)).not.toThrow();
    }
  });

  it("throws on fractions, NaN, infinities and unsafe integers", () => {
    for (const n of [0.5, 10.01, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, 2 ** 60]) {
      expect(() => assertMinorUnits(n)).toThrow(RangeError);
    }
  });
});

describe("formatMoney", () => {
  it("formats NOK for nb-NO with two decimals, comma and the kr suffix", () => {
    expect(spaced(formatMoney(12345, "NOK", "nb-NO"))).toBe("123,45 kr");
    expect(spaced(formatMoney(123456750, "NOK", "nb-NO"))).toBe("1 234 567,50 kr");
  });

  it("formats negative NOK with a minus sign", () => {
    expect(spaced(formatMoney(-12345, "NOK", "nb-NO"))).toMatch(/^[-\u2212]123,45 kr$/);
  });

  it("formats zero with all minor digits", () => {
    expect(spaced(formatMoney(0, "NOK", "nb-NO"))).toBe("0,00 kr");
    expect(formatMoney(0, "USD", "en")).toBe("$0.00");
  });

  it("formats CNY and JPY for zh-CN", () => {
    expect(formatMoney(123450, "CNY", "zh-CN")).toBe("¥1,234.50");
    expect(formatMoney(1234, "JPY", "zh-CN")).toBe("JP¥1,234");
  });

  it("formats USD, JPY and NOK for en", () => {
    expect(formatMoney(123456, "USD", "en")).toBe("$1,234.56");
    expect(formatMoney(1234, "JPY", "en")).toBe("¥1,234");
    expect(spaced(formatMoney(199, "NOK", "en"))).toBe("NOK 1.99");
  });

  it("treats amounts as minor units per currency: 0 digits for JPY, 3 for KWD", () => {
    expect(currencyMinorDigits("NOK")).toBe(2);
    expect(currencyMinorDigits("JPY")).toBe(0);
    expect(currencyMinorDigits("KWD")).toBe(3);
    expect(spaced(formatMoney(1234, "KWD", "en"))).toBe("KWD 1.234");
    expect(formatMoney(5, "USD", "en")).toBe("$0.05");
  });

  it("keeps every cent of amounts too large for float division", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "USD", "en")).toBe("$90,071,992,547,409.91");
  });

  it("throws on a non-integer amount", () => {
    expect(() => formatMoney(12.5, "NOK", "nb-NO")).toThrow(RangeError);
  });
});

describe("allocateProportionally", () => {
  const weightsArb = fc.array(fc.nat({ max: 1_000_000_000 }), {
    minLength: 1,
    maxLength: 30,
  });
  const totalArb = fc.nat({ max: 1_000_000_000_000 });

  it("sums exactly to the total for any weights", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = allocateProportionally(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it("returns non-negative integers for any weights", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        for (const part of allocateProportionally(total, weights)) {
          expect(Number.isSafeInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("keeps each share within one unit of its exact proportion", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.array(fc.nat({ max: 10_000 }), { minLength: 1 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          allocateProportionally(total, weights).forEach((part, i) => {
            const exact = (total * (weights[i] ?? 0)) / sum;
            expect(Math.abs(part - exact)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it("never gives anything to a zero weight while another weight is positive", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        allocateProportionally(total, weights).forEach((part, i) => {
          if (weights[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });

  it("gives larger weights at least as much as smaller ones", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = allocateProportionally(total, weights);
        weights.forEach((wi, i) =>
          weights.forEach((wj, j) => {
            if (wi > wj) expect(parts[i]).toBeGreaterThanOrEqual(parts[j] ?? 0);
          }),
        );
      }),
    );
  });

  it("splits exactly when the total divides evenly", () => {
    expect(allocateProportionally(100, [1, 3])).toEqual([25, 75]);
    expect(allocateProportionally(1000, [200, 300, 500])).toEqual([200, 300, 500]);
  });

  it("gives the leftover unit to the largest remainder", () => {
    expect(allocateProportionally(10, [1, 2])).toEqual([3, 7]);
    expect(allocateProportionally(100, [2, 3, 5, 7])).toEqual([12, 18, 29, 41]);
  });

  it("breaks remainder ties in favour of the earlier index", () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(5, [1, 1, 1, 1])).toEqual([2, 1, 1, 1]);
    expect(allocateProportionally(1, [0, 5, 5])).toEqual([0, 1, 0]);
  });

  it("splits evenly when all weights are zero, leftover to the first", () => {
    expect(allocateProportionally(10, [0, 0, 0])).toEqual([4, 3, 3]);
    expect(allocateProportionally(9, [0, 0, 0])).toEqual([3, 3, 3]);
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
  });

  it("is deterministic for the same input", () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        expect(allocateProportionally(total, weights)).toEqual(allocateProportionally(total, weights));
      }),
    );
  });

  it("stays exact where total times weight passes 2^53", () => {
    const parts = allocateProportionally(999_999_999_999, [999_999_999, 1, 999_999_999]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(999_999_999_999);
    expect(parts).toEqual([499_999_999_750, 500, 499_999_999_749]);
  });

  it("allows zero over no weights but rejects a positive total over none", () => {
    expect(allocateProportionally(0, [])).toEqual([]);
    expect(() => allocateProportionally(1, [])).toThrow(RangeError);
  });

  it("rejects negative or fractional totals and weights", () => {
    expect(() => allocateProportionally(-1, [1])).toThrow(RangeError);
    expect(() => allocateProportionally(1.5, [1])).toThrow(RangeError);
    expect(() => allocateProportionally(10, [1, -1])).toThrow(RangeError);
    expect(() => allocateProportionally(10, [0.5, 1])).toThrow(RangeError);
    expect(() => allocateProportionally(10, [NaN])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------

const line = (overrides: Partial<RefundableLine> & { id: string }): RefundableLine => ({
  quantity: 1,
  unitPrice: 10000,
  discountAllocation: 0,
  taxAllocation: 0,
  quantityRefunded: 0,
  ...overrides,
});

const order = (overrides: Partial<RefundableOrder> = {}): RefundableOrder => ({
  lines: [
    // 3 × 100.00, 10.00 off the line, 25% tax on the discounted line
    line({
      id: "shirt",
      quantity: 3,
      unitPrice: 10000,
      discountAllocation: 1000,
      taxAllocation: 7250,
    }),
    line({ id: "mug", quantity: 1, unitPrice: 4900, taxAllocation: 1225 }),
  ],
  shippingTotal: 4900,
  shippingTaxTotal: 1225,
  shippingRefunded: 0,
  capturedAmount: 36250 + 6125 + 6125,
  refundedAmount: 0,
  ...overrides,
});

const select = (lines: [string, number][], includeShipping = false): RefundSelection => ({
  lines: lines.map(([lineItemId, quantity]) => ({ lineItemId, quantity })),
  includeShipping,
});

describe("computeRefund — examples", () => {
  it("refunds unit price minus prorated discount plus prorated tax for part of a line", () => {
    const refund = computeRefund(order(), select([["shirt", 1]]));
    expect(refund.lines).toEqual([
      {
        lineItemId: "shirt",
        quantity: 1,
        subtotal: 10000,
        discount: 333,
        tax: 2416,
        amount: 12083,
      },
    ]);
    expect(refund).toMatchObject({ shipping: 0, total: 12083 });
  });

  it("returns the exact whole allocation when the last units are refunded", () => {
    const o = order();
    o.lines[0] = { ...o.lines[0]!, quantityRefunded: 2 };
    const refund = computeRefund(o, select([["shirt", 1]]));
    // 1000 - floor(1000*2/3) = 334 and 7250 - floor(7250*2/3) = 2417
    expect(refund.lines[0]).toMatchObject({
      discount: 334,
      tax: 2417,
      amount: 12083,
    });
  });

  it("refunds the whole line's allocations when all units are selected at once", () => {
    const refund = computeRefund(order(), select([["shirt", 3]]));
    expect(refund.lines[0]).toMatchObject({
      subtotal: 30000,
      discount: 1000,
      tax: 7250,
      amount: 36250,
    });
  });

  it("adds the remaining shipping including its tax when shipping is selected", () => {
    const refund = computeRefund(order(), select([["mug", 1]], true));
    expect(refund.shipping).toBe(6125);
    expect(refund.total).toBe(6125 + 6125);
  });

  it("adds only the shipping not refunded before", () => {
    const refund = computeRefund(order({ shippingRefunded: 2000 }), select([], true));
    expect(refund).toEqual({ lines: [], shipping: 4125, total: 4125 });
  });

  it("refunds shipping alone", () => {
    expect(computeRefund(order(), select([], true)).total).toBe(6125);
  });

  it("ignores rows with quantity zero", () => {
    const refund = computeRefund(
      order(),
      select([
        ["shirt", 0],
        ["mug", 1],
      ]),
    );
    expect(refund.lines.map((l) => l.lineItemId)).toEqual(["mug"]);
  });

  it("merges duplicate rows for one line so they cannot exceed what remains", () => {
    const refund = computeRefund(
      order(),
      select([
        ["shirt", 1],
        ["shirt", 2],
      ]),
    );
    expect(refund.lines).toHaveLength(1);
    expect(refund.lines[0]).toMatchObject({ quantity: 3, amount: 36250 });
    expectRefundError(
      () =>
        computeRefund(
          order(),
          select([
            ["mug", 1],
            ["mug", 1],
          ]),
        ),
      "quantity_exceeds_remaining",
    );
  });

  it("refunds a fully discounted unit as zero money", () => {
    const o = order({
      lines: [
        line({
          id: "gift",
          quantity: 2,
          unitPrice: 500,
          discountAllocation: 1000,
        }),
      ],
    });
    expect(computeRefund(o, select([["gift", 1]])).lines[0]).toMatchObject({
      discount: 500,
      amount: 0,
    });
  });

  it("rejects a quantity beyond what is left on the line", () => {
    const o = order();
    o.lines[0] = { ...o.lines[0]!, quantityRefunded: 2 };
    const error = refundError(() => computeRefund(o, select([["shirt", 2]])));
    expect(error.code).toBe("quantity_exceeds_remaining");
    expect(error.lineItemId).toBe("shirt");
  });

  it("rejects a line that is not on the order", () => {
    const error = refundError(() => computeRefund(order(), select([["hat", 1]])));
    expect(error.code).toBe("unknown_line");
    expect(error.lineItemId).toBe("hat");
  });

  it("rejects a refund larger than captured minus refunded", () => {
    const o = order({ capturedAmount: 20000, refundedAmount: 10000 });
    expectRefundError(() => computeRefund(o, select([["shirt", 1]])), "exceeds_captured");
  });

  it("allows a refund of exactly what remains refundable", () => {
    const o = order({ capturedAmount: 22083, refundedAmount: 10000 });
    expect(computeRefund(o, select([["shirt", 1]])).total).toBe(12083);
  });

  it("rejects an empty selection", () => {
    expectRefundError(() => computeRefund(order(), select([])), "empty");
    expectRefundError(() => computeRefund(order(), select([["shirt", 0]])), "empty");
  });

  it("rejects shipping alone once shipping is fully refunded", () => {
    expectRefundError(() => computeRefund(order({ shippingRefunded: 6125 }), select([], true)), "empty");
  });

  it("is a RefundAllocationError that is also an Error", () => {
    const error = refundError(() => computeRefund(order(), select([])));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("RefundAllocationError");
  });

  it("throws a plain RangeError for negative or fractional quantities", () => {
    expect(() => computeRefund(order(), select([["shirt", -1]]))).toThrow(RangeError);
    expect(() => computeRefund(order(), select([["shirt", 0.5]]))).toThrow(RangeError);
  });

  it("throws a plain RangeError for inconsistent order data", () => {
    const o = order();
    o.lines[1] = { ...o.lines[1]!, quantityRefunded: 2 };
    expect(() => computeRefund(o, select([["shirt", 1]]))).toThrow(RangeError);
    expect(() => computeRefund(order({ refundedAmount: 999_999 }), select([["shirt", 1]]))).toThrow(
      RangeError,
    );
    expect(() => computeRefund(order({ shippingRefunded: 99_999 }), select([["shirt", 1]]))).toThrow(
      RangeError,
    );
    const overDiscounted = order({
      lines: [line({ id: "x", unitPrice: 100, discountAllocation: 101 })],
    });
    expect(() => computeRefund(overDiscounted, select([["x", 1]]))).toThrow(RangeError);
  });

  it("remainingRefundable is captured minus refunded", () => {
    expect(remainingRefundable({ capturedAmount: 5000, refundedAmount: 1250 })).toBe(3750);
  });
});

// ---------------------------------------------------------------------------------------

const lineArb = (id: string) =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: 50 }),
      unitPrice: fc.nat({ max: 1_000_000 }),
      discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
      taxAllocation: fc.nat({ max: 5_000_000 }),
      refundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ quantity, unitPrice, discountShare, taxAllocation, refundedShare }): RefundableLine => ({
      id,
      quantity,
      unitPrice,
      discountAllocation: Math.floor(unitPrice * quantity * discountShare),
      taxAllocation,
      quantityRefunded: Math.floor(quantity * refundedShare),
    }));

const orderArb: fc.Arbitrary<RefundableOrder> = fc
  .record({
    lines: fc
      .integer({ min: 1, max: 6 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(`L${i}`)))),
    shippingTotal: fc.nat({ max: 50_000 }),
    shippingTaxTotal: fc.nat({ max: 12_500 }),
    shippingRefundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    capturedAmount: fc.nat({ max: 200_000_000 }),
    refundedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) => {
    const shipping = r.shippingTotal + r.shippingTaxTotal;
    return {
      lines: r.lines,
      shippingTotal: r.shippingTotal,
      shippingTaxTotal: r.shippingTaxTotal,
      shippingRefunded: Math.floor(shipping * r.shippingRefundedShare),
      capturedAmount: r.capturedAmount,
      refundedAmount: Math.floor(r.capturedAmount * r.refundedShare),
    };
  });

// A selection within what remains on each line (possibly empty).
const selectionArb = (o: RefundableOrder): fc.Arbitrary<RefundSelection> =>
  fc
    .record({
      picks: fc.tuple(...o.lines.map((l) => fc.integer({ min: 0, max: l.quantity - l.quantityRefunded }))),
      includeShipping: fc.boolean(),
    })
    .map(({ picks, includeShipping }) => ({
      lines: picks.flatMap((quantity, i) => (quantity > 0 ? [{ lineItemId: o.lines[i]!.id, quantity }] : [])),
      includeShipping,
    }));

const orderWithSelection = orderArb.chain((o) => selectionArb(o).map((s) => ({ o, s })));

// A fully captured order: what was paid for lines and shipping, so nothing hits exceeds_captured.
const fullyCaptured = (o: RefundableOrder): RefundableOrder => {
  const lines = o.lines.map((l) => ({ ...l, quantityRefunded: 0 }));
  const paid = lines.reduce(
    (sum, l) => sum + l.unitPrice * l.quantity - l.discountAllocation + l.taxAllocation,
    o.shippingTotal + o.shippingTaxTotal,
  );
  return {
    ...o,
    lines,
    shippingRefunded: 0,
    capturedAmount: paid,
    refundedAmount: 0,
  };
};

// Random split of n into positive parts, e.g. 5 → [2, 1, 2].
const splitArb = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: n }), { minLength: 1, maxLength: n }).map((sizes) => {
    const parts: number[] = [];
    let left = n;
    for (const size of sizes) {
      if (left === 0) break;
      const part = Math.min(size, left);
      parts.push(part);
      left -= part;
    }
    if (left > 0) parts.push(left);
    return parts;
  });

function tryRefund(o: RefundableOrder, s: RefundSelection) {
  try {
    return { ok: true as const, refund: computeRefund(o, s) };
  } catch (error) {
    if (error instanceof RefundAllocationError) return { ok: false as const, code: error.code };
    throw error;
  }
}

describe("computeRefund — properties", () => {
  it("never returns a negative amount in any part", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const result = tryRefund(o, s);
        if (!result.ok) return;
        const { refund } = result;
        expect(refund.total).toBeGreaterThanOrEqual(0);
        expect(refund.shipping).toBeGreaterThanOrEqual(0);
        for (const l of refund.lines) {
          for (const v of [l.subtotal, l.discount, l.tax, l.amount]) expect(v).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("never exceeds captured minus refunded", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const result = tryRefund(o, s);
        if (result.ok) expect(result.refund.total).toBeLessThanOrEqual(remainingRefundable(o));
        else expect(result.code === "exceeds_captured" || result.code === "empty").toBe(true);
      }),
    );
  });

  it("makes lines plus shipping equal the total, and each line subtotal - discount + tax", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const result = tryRefund(o, s);
        if (!result.ok) return;
        const { refund } = result;
        expect(refund.lines.reduce((sum, l) => sum + l.amount, refund.shipping)).toBe(refund.total);
        for (const l of refund.lines) expect(l.amount).toBe(l.subtotal - l.discount + l.tax);
      }),
    );
  });

  it("fails with exceeds_captured exactly when the refund would pass what remains", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const uncapped = tryRefund({ ...o, capturedAmount: Number.MAX_SAFE_INTEGER, refundedAmount: 0 }, s);
        const result = tryRefund(o, s);
        if (!uncapped.ok) {
          expect(result).toEqual(uncapped);
          return;
        }
        const fits = uncapped.refund.total <= remainingRefundable(o);
        expect(result).toEqual(fits ? uncapped : { ok: false, code: "exceeds_captured" });
      }),
    );
  });

  it("fails with empty exactly when no units and no shipping are selected", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const nothing =
          s.lines.length === 0 &&
          (!s.includeShipping || o.shippingRefunded === o.shippingTotal + o.shippingTaxTotal);
        const result = tryRefund(o, s);
        expect(!result.ok && result.code === "empty").toBe(nothing);
      }),
    );
  });

  it("rejects any quantity above what remains on the line", () => {
    fc.assert(
      fc.property(orderArb, fc.nat(), fc.integer({ min: 1, max: 10 }), (o, pick, extra) => {
        const l = o.lines[pick % o.lines.length]!;
        const quantity = l.quantity - l.quantityRefunded + extra;
        expect(tryRefund(o, select([[l.id, quantity]], true))).toEqual({
          ok: false,
          code: "quantity_exceeds_remaining",
        });
      }),
    );
  });

  it("refunding a line's units in any split equals refunding them all at once", () => {
    const lineAndSplit = lineArb("L").chain((l) => splitArb(l.quantity).map((parts) => ({ l, parts })));
    fc.assert(
      fc.property(lineAndSplit, ({ l, parts }) => {
        const o = fullyCaptured({
          lines: [l],
          shippingTotal: 0,
          shippingTaxTotal: 0,
          shippingRefunded: 0,
          capturedAmount: 0,
          refundedAmount: 0,
        });
        const whole = computeRefund(o, select([["L", l.quantity]])).lines[0]!;

        let current = o;
        const sum = { subtotal: 0, discount: 0, tax: 0, amount: 0 };
        for (const part of parts) {
          const refund = computeRefund(current, select([["L", part]]));
          const got = refund.lines[0]!;
          sum.subtotal += got.subtotal;
          sum.discount += got.discount;
          sum.tax += got.tax;
          sum.amount += got.amount;
          const [only] = current.lines;
          current = {
            ...current,
            lines: [{ ...only!, quantityRefunded: only!.quantityRefunded + part }],
            refundedAmount: current.refundedAmount + refund.total,
          };
        }
        expect(sum).toEqual({
          subtotal: whole.subtotal,
          discount: whole.discount,
          tax: whole.tax,
          amount: whole.amount,
        });
        expect(sum.discount).toBe(l.discountAllocation);
        expect(sum.tax).toBe(l.taxAllocation);
        expect(current.refundedAmount).toBe(current.capturedAmount);
      }),
    );
  });

  it("refunds a whole fully captured order, step by step, to exactly what was captured", () => {
    const scenario = orderArb.chain((base) => {
      const o = fullyCaptured(base);
      return fc
        .record({
          splits: fc.tuple(...o.lines.map((l) => splitArb(l.quantity))),
          shippingAt: fc.nat({ max: 20 }),
        })
        .map(({ splits, shippingAt }) => ({ o, splits, shippingAt }));
    });
    fc.assert(
      fc.property(scenario, ({ o, splits, shippingAt }) => {
        const steps: RefundSelection[] = splits.flatMap((parts, i) =>
          parts.map((q) => select([[o.lines[i]!.id, q]])),
        );
        const at = shippingAt % (steps.length + 1);
        steps.splice(at, 0, select([], true));

        let current = o;
        for (const step of steps) {
          const result = tryRefund(current, step);
          if (!result.ok) {
            // Shipping alone is empty when the order had no shipping to refund.
            expect(result.code).toBe("empty");
            continue;
          }
          const { refund } = result;
          current = {
            ...current,
            lines: current.lines.map((l) => {
              const r = refund.lines.find((x) => x.lineItemId === l.id);
              return r ? { ...l, quantityRefunded: l.quantityRefunded + r.quantity } : l;
            }),
            shippingRefunded: current.shippingRefunded + refund.shipping,
            refundedAmount: current.refundedAmount + refund.total,
          };
        }
        expect(current.refundedAmount).toBe(o.capturedAmount);
        expect(remainingRefundable(current)).toBe(0);
      }),
    );
  });

  it("gives the same result for the same order and selection (preview equals refund)", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        expect(tryRefund(structuredClone(o), structuredClone(s))).toEqual(tryRefund(o, s));
      }),
    );
  });

  it("does not modify the order or the selection", () => {
    fc.assert(
      fc.property(orderWithSelection, ({ o, s }) => {
        const before = structuredClone({ o, s });
        tryRefund(o, s);
        expect({ o, s }).toEqual(before);
      }),
    );
  });
});
