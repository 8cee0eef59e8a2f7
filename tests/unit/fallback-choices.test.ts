import { describe, expect, it } from "vitest";
import { fallbackChoicesFor } from "@/lib/fallbacks/choices";

describe("the ways out of a failed refund", () => {
  it("offers the original card again only after a card failure a replacement card can fix", () => {
    const card = { paymentMethodType: "card", storeCreditEnabled: false };
    expect(fallbackChoicesFor({ ...card, failureCode: "expired_or_canceled_card" })).toEqual([
      "original",
      "bank_transfer",
    ]);
    expect(fallbackChoicesFor({ ...card, failureCode: "lost_or_stolen_card" })).toContain("original");
    expect(fallbackChoicesFor({ ...card, failureCode: "account_closed" })).toEqual(["bank_transfer"]);
    expect(
      fallbackChoicesFor({
        paymentMethodType: "bank_transfer",
        storeCreditEnabled: false,
        failureCode: "declined",
      }),
    ).toEqual(["bank_transfer"]);
  });

  it("offers store credit only where the store enables it, and never a destination of the shopper's naming", () => {
    const choices = fallbackChoicesFor({
      paymentMethodType: "wallet",
      storeCreditEnabled: true,
      failureCode: "expired_or_canceled_card",
    });
    expect(choices).toEqual(["original", "bank_transfer", "store_credit"]);
    expect(choices).not.toContain("card");
  });
});
