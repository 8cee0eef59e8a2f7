import { describe, expect, it } from "vitest";
import { getEligibility, type OrderSnapshot, unitsOnOrder } from "@/lib/requests/eligibility";

const now = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const store = { returnWindowDays: 30, timeZone: "Europe/Oslo" };
const line = (id: string, extra: Partial<OrderSnapshot["lines"][number]> = {}) => ({
  id,
  quantity: 2,
  quantityCancelled: 0,
  quantityFulfilled: 0,
  quantityReturned: 0,
  quantityRefunded: 0,
  finalSale: false,
  ...extra,
});
const order = {
  status: "open",
  financialStatus: "paid",
  riskLevel: "low",
  capturedAmount: 1000,
  refundedAmount: 0,
};
const delivered = (ago: number, items: { lineItemId: string; quantity: number }[]) => ({
  status: "delivered",
  deliveredAt: new Date(now.getTime() - ago * DAY),
  items,
});

describe("eligibility", () => {
  it("lets an unfulfilled order be cancelled line by line", () => {
    const e = getEligibility(
      { order, lines: [line("a"), line("b")], fulfillments: [], requests: [] },
      store,
      now,
    );
    expect(e.canCancel).toBe(true);
    expect(e.cancellableLines).toEqual([
      { lineItemId: "a", maxQuantity: 2 },
      { lineItemId: "b", maxQuantity: 2 },
    ]);
    expect(e).toMatchObject({ canReturn: false, returnBlockedBy: "not_delivered" });
  });
  it("says shipped when every unit has left the warehouse", () => {
    const snapshot = {
      order,
      lines: [line("a", { quantityFulfilled: 2 })],
      fulfillments: [{ status: "in_transit", deliveredAt: null, items: [{ lineItemId: "a", quantity: 2 }] }],
      requests: [],
    };
    expect(getEligibility(snapshot, store, now)).toMatchObject({
      canCancel: false,
      cancelBlockedBy: "shipped",
      canReturn: false,
      returnBlockedBy: "not_delivered",
    });
  });
  it("opens returns for delivered lines until the window closes", () => {
    const lines = [line("a", { quantityFulfilled: 2 })];
    const open = getEligibility(
      { order, lines, fulfillments: [delivered(3, [{ lineItemId: "a", quantity: 2 }])], requests: [] },
      store,
      now,
    );
    expect(open.canReturn).toBe(true);
    expect(open.returnWindowEndsAt).toEqual(new Date(now.getTime() + 27 * DAY));
    const closed = getEligibility(
      { order, lines, fulfillments: [delivered(45, [{ lineItemId: "a", quantity: 2 }])], requests: [] },
      store,
      now,
    );
    expect(closed).toMatchObject({ canReturn: false, returnBlockedBy: "window_closed" });
  });
  it("never offers a final-sale line", () => {
    const lines = [line("a", { quantityFulfilled: 2 }), line("b", { quantityFulfilled: 2, finalSale: true })];
    const e = getEligibility(
      {
        order,
        lines,
        fulfillments: [
          delivered(2, [
            { lineItemId: "a", quantity: 2 },
            { lineItemId: "b", quantity: 2 },
          ]),
        ],
        requests: [],
      },
      store,
      now,
    );
    expect(e.returnableLines).toEqual([
      { lineItemId: "a", maxQuantity: 2 },
      { lineItemId: "b", maxQuantity: 0, blockedBy: "final_sale" },
    ]);
  });
  it("subtracts units already returned or in an open return", () => {
    const lines = [line("a", { quantityFulfilled: 2, quantityReturned: 1, quantityRefunded: 1 })];
    const e = getEligibility(
      {
        order,
        lines,
        fulfillments: [delivered(2, [{ lineItemId: "a", quantity: 2 }])],
        requests: [{ type: "return", status: "awaiting_item", items: [{ lineItemId: "a", quantity: 1 }] }],
      },
      store,
      now,
    );
    expect(e).toMatchObject({ canReturn: false, returnBlockedBy: "pending_request" });
  });
  it("blocks a second cancellation while one is open and flags review", () => {
    const e = getEligibility(
      {
        order: { ...order, riskLevel: "high" },
        lines: [line("a")],
        fulfillments: [],
        requests: [
          { type: "cancellation", status: "pending_review", items: [{ lineItemId: "a", quantity: 2 }] },
        ],
      },
      store,
      now,
    );
    expect(e).toMatchObject({ canCancel: false, cancelBlockedBy: "pending_request", underReview: true });
  });
  it("counts a cancelled and refunded unit once: the other unit of the line can still be cancelled", () => {
    const lines = [
      line("sweater", { quantity: 1 }),
      line("beanie", { quantityCancelled: 1, quantityRefunded: 1 }),
    ];
    const e = getEligibility({ order, lines, fulfillments: [], requests: [] }, store, now);
    expect(e.cancellableLines).toEqual([
      { lineItemId: "sweater", maxQuantity: 1 },
      { lineItemId: "beanie", maxQuantity: 1 },
    ]);
  });
  it("takes a unit refunded aside (goodwill) from shipped units first, then from those still to ship", () => {
    const shippedOne = line("a", { quantity: 3, quantityFulfilled: 1, quantityRefunded: 1 });
    expect(unitsOnOrder(shippedOne)).toEqual({ unshipped: 2, shipped: 0 });
    const noneShipped = line("a", { quantity: 2, quantityRefunded: 1 });
    expect(unitsOnOrder(noneShipped)).toEqual({ unshipped: 1, shipped: 0 });
    const returned = line("a", {
      quantity: 2,
      quantityFulfilled: 2,
      quantityReturned: 1,
      quantityRefunded: 1,
    });
    expect(unitsOnOrder(returned)).toEqual({ unshipped: 0, shipped: 1 });
  });
  it("does not call refunded units waiting to ship 'shipped'", () => {
    const lines = [line("a", { quantity: 1, quantityRefunded: 1 })];
    expect(getEligibility({ order, lines, fulfillments: [], requests: [] }, store, now)).toMatchObject({
      canCancel: false,
      cancelBlockedBy: "nothing_left",
    });
  });
});
