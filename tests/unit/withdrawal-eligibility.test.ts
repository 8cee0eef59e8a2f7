// What a shopper may withdraw from, and when the period ends (EU CRD Art. 9–11a), plus the
// signed links and the IBAN check the withdrawal and fallback pages rely on.
import { describe, expect, it } from "vitest";
import { isValidIban, maskIban } from "@/lib/fallbacks/iban";
import { createFallbackToken, readFallbackToken } from "@/lib/fallbacks/token";
import type { OrderSnapshot } from "@/lib/requests/eligibility";
import { getWithdrawalEligibility } from "@/lib/withdrawals/eligibility";
import { withdrawalLabel } from "@/lib/withdrawals/labels";
import { createReceiptToken, readReceiptToken } from "@/lib/withdrawals/receipt-token";

const DAY = 86_400_000;
const NOW = new Date("2026-11-23T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const ON = { withdrawalEnabled: true, withdrawalDays: 14 };

function line(id: string, quantity: number, extra: Partial<OrderSnapshot["lines"][number]> = {}) {
  return {
    id,
    quantity,
    quantityCancelled: 0,
    quantityFulfilled: 0,
    quantityReturned: 0,
    quantityRefunded: 0,
    finalSale: false,
    ...extra,
  };
}

function snapshot(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    order: {
      status: "open",
      financialStatus: "paid",
      riskLevel: "low",
      capturedAmount: 1000,
      refundedAmount: 0,
    },
    lines: [line("a", 1), line("b", 2)],
    fulfillments: [],
    requests: [],
    ...over,
  };
}

describe("getWithdrawalEligibility", () => {
  it("is open before anything ships, with every unit to cancel and no period end yet", () => {
    const e = getWithdrawalEligibility(snapshot(), ON, NOW);
    expect(e).toMatchObject({ available: true, periodEndsAt: null });
    expect(e.lines).toEqual([
      { lineItemId: "a", unshipped: 1, shipped: 0 },
      { lineItemId: "b", unshipped: 2, shipped: 0 },
    ]);
  });

  it("splits a partly fulfilled order into units to cancel and units to return, and keeps the period open", () => {
    const e = getWithdrawalEligibility(
      snapshot({
        lines: [line("a", 1, { quantityFulfilled: 1 }), line("b", 2)],
        fulfillments: [
          { status: "delivered", deliveredAt: ago(20), items: [{ lineItemId: "a", quantity: 1 }] },
        ],
      }),
      ON,
      NOW,
    );
    expect(e.available).toBe(true);
    expect(e.periodEndsAt).toBeNull(); // the last item has not arrived
    expect(e.lines).toEqual([
      { lineItemId: "a", unshipped: 0, shipped: 1 },
      { lineItemId: "b", unshipped: 2, shipped: 0 },
    ]);
  });

  it("runs the period from the last delivery and closes it after the configured days", () => {
    const delivered = (days: number): Partial<OrderSnapshot> => ({
      lines: [line("a", 1, { quantityFulfilled: 1 })],
      fulfillments: [
        { status: "delivered", deliveredAt: ago(days), items: [{ lineItemId: "a", quantity: 1 }] },
      ],
    });
    expect(getWithdrawalEligibility(snapshot(delivered(13)), ON, NOW)).toMatchObject({
      available: true,
      periodEndsAt: new Date(ago(13).getTime() + 14 * DAY),
    });
    expect(getWithdrawalEligibility(snapshot(delivered(14)), ON, NOW)).toMatchObject({
      available: false,
      blockedBy: "period_over",
    });
    expect(
      getWithdrawalEligibility(snapshot(delivered(14)), { ...ON, withdrawalDays: 30 }, NOW).available,
    ).toBe(true);
  });

  it("ignores final sale: the statutory right is not the store's return policy", () => {
    const e = getWithdrawalEligibility(snapshot({ lines: [line("a", 1, { finalSale: true })] }), ON, NOW);
    expect(e.lines).toEqual([{ lineItemId: "a", unshipped: 1, shipped: 0 }]);
  });

  it("leaves out what is already cancelled, returned or on its way out", () => {
    const e = getWithdrawalEligibility(
      snapshot({
        lines: [
          line("a", 2, { quantityFulfilled: 2, quantityReturned: 1, quantityRefunded: 1 }),
          line("b", 2, { quantityCancelled: 2 }),
        ],
        fulfillments: [
          { status: "in_transit", deliveredAt: null, items: [{ lineItemId: "a", quantity: 2 }] },
        ],
        requests: [{ type: "return", status: "awaiting_item", items: [{ lineItemId: "a", quantity: 1 }] }],
      }),
      ON,
      NOW,
    );
    expect(e).toMatchObject({ available: false, blockedBy: "nothing_left" });
  });

  it("is closed when the store switched it off or the order is cancelled", () => {
    expect(getWithdrawalEligibility(snapshot(), { ...ON, withdrawalEnabled: false }, NOW).blockedBy).toBe(
      "disabled",
    );
    const cancelled = snapshot({ order: { ...snapshot().order, status: "cancelled" } });
    expect(getWithdrawalEligibility(cancelled, ON, NOW).blockedBy).toBe("cancelled");
  });
});

describe("labels, links and IBANs", () => {
  it("uses the store's wording per locale and the default where it is empty", () => {
    expect(withdrawalLabel({}, "nb")).toBe("Angre kjøpet her");
    expect(withdrawalLabel({ en: "Cancel your contract" }, "en")).toBe("Cancel your contract");
    expect(withdrawalLabel({ en: " " }, "zh")).toBe("在此撤回合同");
  });

  it("signs receipt links and refuses altered ones", () => {
    const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const token = createReceiptToken(id, "secret-0123456789");
    expect(readReceiptToken(token, "secret-0123456789")).toBe(id);
    expect(
      readReceiptToken(
        token.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
        "secret-0123456789",
      ),
    ).toBeNull();
    expect(readReceiptToken(token, "another-secret-012")).toBeNull();
  });

  it("signs fallback links with their expiry", () => {
    const exp = new Date(NOW.getTime() + DAY);
    const token = createFallbackToken("f1", exp, "s3cret-0123456789");
    expect(readFallbackToken(token, "s3cret-0123456789", NOW)).toEqual({ ok: true, fallbackId: "f1" });
    expect(readFallbackToken(token, "s3cret-0123456789", new Date(exp.getTime() + 1))).toEqual({
      ok: false,
      reason: "expired",
      fallbackId: "f1",
    });
    expect(
      readFallbackToken(token.replace(/\.(\d+)\./, ".9999999999."), "s3cret-0123456789", NOW),
    ).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("checks IBANs by country length and checksum", () => {
    expect(isValidIban("NO93 8601 1117 947")).toBe(true);
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("GB29 NWBK 6016 1331 9268 19")).toBe(true);
    expect(isValidIban("NO93 8601 1117 948")).toBe(false); // checksum
    expect(isValidIban("NO93 8601 1117 9470")).toBe(false); // length
    expect(isValidIban("not an iban")).toBe(false);
    expect(maskIban("NO9386011117947")).toBe("NO•• •••• •••7 947");
  });
});
