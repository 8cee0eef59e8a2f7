// Reshapes Stripe refunds and errors into ours; nothing Stripe-shaped leaves lib/gateways.
import Stripe from "stripe";
import {
  type GatewayDispute,
  GatewayError,
  type GatewayRefund,
  type GatewayRefundStatus,
} from "@/lib/gateways/types";

const STATUSES: readonly GatewayRefundStatus[] = [
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "canceled",
];

// Stripe's documented refund failure reasons, described for staff; shoppers get translated text by code.
const FAILURE_REASONS: Record<string, string> = {
  lost_or_stolen_card: "The card was reported lost or stolen.",
  expired_or_canceled_card: "The card has expired or was canceled.",
  charge_for_pending_refund_disputed: "The payment was disputed while the refund was pending.",
  insufficient_funds: "The merchant balance was too low to cover the refund.",
  declined: "The card issuer declined the refund.",
  merchant_request: "The refund was canceled at the merchant's request.",
  unknown: "The refund failed for an unknown reason.",
};

export function mapStripeRefundStatus(status: string | null): GatewayRefundStatus {
  // An unknown or missing status is treated as still open, never as final.
  return STATUSES.find((s) => s === status) ?? "pending";
}

// The SDK types some of these as optional strings, but the API sends null while they are unknown.
export function toGatewayRefund(refund: Stripe.Refund): GatewayRefund {
  const card = refund.destination_details?.card;
  const failureCode = refund.failure_reason ?? undefined;
  return {
    id: refund.id,
    status: mapStripeRefundStatus(refund.status),
    amount: refund.amount,
    currency: refund.currency.toUpperCase(),
    failureCode,
    failureReason: failureCode ? (FAILURE_REASONS[failureCode] ?? failureCode) : undefined,
    pendingReason: refund.pending_reason ?? undefined,
    arn: card?.reference_type === "acquirer_reference_number" ? (card.reference ?? undefined) : undefined,
    raw: refund,
  };
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : v?.id);

/** A Stripe dispute: open while Stripe waits for evidence or a decision, then won, lost or closed. */
export function toGatewayDispute(dispute: Stripe.Dispute): GatewayDispute {
  const status: GatewayDispute["status"] =
    dispute.status === "won"
      ? "won"
      : dispute.status === "lost"
        ? "lost"
        : dispute.status === "warning_closed"
          ? "closed"
          : "open";
  return {
    id: dispute.id,
    paymentReferences: [idOf(dispute.charge), idOf(dispute.payment_intent)].filter((r): r is string => !!r),
    amount: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason,
    status,
  };
}

/** Translates a thrown Stripe error; anything that is not from Stripe is rethrown untouched. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) throw error;
  const message = `Stripe: ${error.message || error.type}`;

  if (error instanceof Stripe.errors.StripeConnectionError) {
    const timedOut = isTimeout(error.detail);
    return new GatewayError(timedOut ? "timeout" : "unavailable", message, true);
  }
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    return new GatewayError("invalid_signature", message, false);
  }
  if (error instanceof Stripe.errors.StripeRateLimitError)
    return new GatewayError("unavailable", message, true);
  if (error.code === "resource_missing") return new GatewayError("not_found", message, false);
  if (error instanceof Stripe.errors.StripeCardError) return new GatewayError("declined", message, false);

  const status = error.statusCode;
  // 409: a request with the same idempotency key is still running; Stripe advises retrying.
  if (status === undefined || status >= 500 || status === 409) {
    return new GatewayError("unavailable", message, true);
  }
  return new GatewayError("invalid_request", message, false);
}

function isTimeout(detail: unknown): boolean {
  return typeof detail === "object" && detail !== null && "code" in detail && detail.code === "ETIMEDOUT";
}
