// Which ways out a failed refund offers the shopper. Only what the gateway can really do: a card
// refund goes back to the charge it reverses (Stripe cannot send it to another card), so the card
// way is "try the original payment again once the bank has replaced the card"; everything else is
// paid by the store (bank transfer, store credit). The shopper never names a payment to refund to.
import type { FALLBACK_CHOICES } from "@/lib/db/schema";

export type FallbackChoice = (typeof FALLBACK_CHOICES)[number];

/** Failures after which the issuer sends a refund to the charge on to the card that replaced it. */
const REPLACEABLE_CARD_FAILURES = new Set(["expired_or_canceled_card", "lost_or_stolen_card", "declined"]);

export function fallbackChoicesFor(input: {
  failureCode: string | null | undefined;
  paymentMethodType: string;
  storeCreditEnabled: boolean;
}): FallbackChoice[] {
  const choices: FallbackChoice[] = [];
  if (input.paymentMethodType !== "bank_transfer" && REPLACEABLE_CARD_FAILURES.has(input.failureCode ?? ""))
    choices.push("original");
  choices.push("bank_transfer");
  if (input.storeCreditEnabled) choices.push("store_credit");
  return choices;
}
