// When a refund is overdue: one business day after it was sent, in the store's calendar, or the
// gateway's longer documented window for the payment method.
import { describe, expect, it } from "vitest";
import { confirmationDeadline } from "@/lib/refunds/overdue";

const OSLO = { timeZone: "Europe/Oslo", holidays: ["2026-12-25"] };

describe("confirmationDeadline", () => {
  it("is the same time one business day later", () => {
    const tuesday = new Date("2026-12-01T10:00:00Z");
    expect(confirmationDeadline(tuesday, OSLO, "sandbox", "card").toISOString()).toBe(
      "2026-12-02T10:00:00.000Z",
    );
  });

  it("skips the weekend and the store's holidays", () => {
    const friday = new Date("2026-12-04T14:00:00Z");
    expect(confirmationDeadline(friday, OSLO, "stripe", "card").toISOString()).toBe(
      "2026-12-07T14:00:00.000Z",
    );
    const christmasEve = new Date("2026-12-24T09:00:00Z");
    expect(confirmationDeadline(christmasEve, OSLO, "stripe", "card").toISOString()).toBe(
      "2026-12-28T09:00:00.000Z",
    );
  });

  it("waits the gateway's documented window where it is longer (Stripe bank debits: 5 business days)", () => {
    const monday = new Date("2026-11-30T08:00:00Z");
    expect(confirmationDeadline(monday, OSLO, "stripe", "bank_transfer").toISOString()).toBe(
      "2026-12-07T08:00:00.000Z",
    );
    expect(confirmationDeadline(monday, OSLO, "sandbox", "bank_transfer").toISOString()).toBe(
      "2026-12-01T08:00:00.000Z",
    );
  });
});
