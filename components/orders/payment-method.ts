import type { PaymentMethod } from "@/lib/db/schema";

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  maestro: "Maestro",
  discover: "Discover",
};

/**
 * The payment method masked for display: "Visa •••• 4242", "Apple Pay", "DNB". Card brands and
 * wallet names are proper names, the same in every language; `fallback` names the rest.
 */
export function maskPaymentMethod(
  method: PaymentMethod,
  fallback: { card: string; wallet: string; bank_transfer: string },
): string {
  if (method.type === "card") {
    const brand = method.brand
      ? (BRANDS[method.brand.toLowerCase()] ?? capitalise(method.brand))
      : fallback.card;
    return method.last4 ? `${brand} •••• ${method.last4}` : brand;
  }
  if (method.type === "wallet") return method.wallet ?? fallback.wallet;
  return method.bank ? `${fallback.bank_transfer} (${method.bank})` : fallback.bank_transfer;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
