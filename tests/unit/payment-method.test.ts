import { describe, expect, it } from "vitest";
import { maskPaymentMethod } from "@/components/orders/payment-method";

const names = { card: "Card", wallet: "Wallet", bank_transfer: "Bank transfer" };

describe("the masked payment method", () => {
  it("shows a card's brand and last four digits only", () => {
    expect(maskPaymentMethod({ type: "card", brand: "visa", last4: "4242" }, names)).toBe("Visa •••• 4242");
    expect(maskPaymentMethod({ type: "card", brand: "amex", last4: "0005" }, names)).toBe(
      "American Express •••• 0005",
    );
    expect(maskPaymentMethod({ type: "card" }, names)).toBe("Card");
  });

  it("names wallets and banks as they are called", () => {
    expect(maskPaymentMethod({ type: "wallet", wallet: "Apple Pay" }, names)).toBe("Apple Pay");
    expect(maskPaymentMethod({ type: "bank_transfer", bank: "DNB" }, names)).toBe("Bank transfer (DNB)");
  });
});
