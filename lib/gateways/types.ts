// The one shape every payment gateway is reshaped into; vendors' objects and errors stop at the adapter.

/** The longest one call to a gateway may take before the adapter gives up on its answer. */
export const GATEWAY_CALL_TIMEOUT_MS = 30_000;

export type GatewayRefundStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled";

export type GatewayRefund = {
  id: string;
  status: GatewayRefundStatus;
  /** Minor units. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  failureCode?: string;
  failureReason?: string;
  pendingReason?: string;
  /** Acquirer reference number, which a shopper's bank can use to trace a card refund. */
  arn?: string;
  raw?: unknown;
};

/** A chargeback on a payment, as the gateway reports it. */
export type GatewayDispute = {
  id: string;
  /** Every reference the disputed payment is known by (charge, payment intent). */
  paymentReferences: string[];
  /** Minor units. */
  amount: number;
  currency: string;
  reason?: string;
  status: "open" | "won" | "lost" | "closed";
};

export type CreateRefundInput = {
  paymentReference: string;
  /** Minor units, a positive integer. */
  amount: number;
  currency: string;
  idempotencyKey: string;
  metadata: Record<string, string>;
};

/** What we know of one of our refunds, to find it at the gateway after an answer was lost. */
export type FindRefundInput = {
  /** The gateway's id for it, when an answer reached us. */
  gatewayRefundId?: string | null;
  /** The payment it reverses: its refunds are listed when there is no id. */
  paymentReference: string;
  /** Our refund id, which every attempt carries in the gateway's metadata as `refundId`. */
  refundId: string;
};

export type VoidAuthorizationInput = { paymentReference: string; idempotencyKey: string };
export type VoidAuthorizationResult = { id: string; status: "succeeded" | "failed" };

export interface PaymentGateway {
  readonly name: string;
  createRefund(input: CreateRefundInput): Promise<GatewayRefund>;
  getRefund(id: string): Promise<GatewayRefund>;
  /**
   * What the gateway made for one of our refunds: by its id when we have it, else by listing the
   * payment's refunds and matching `metadata.refundId` (an idempotency key cannot be looked up). A
   * refund that moves or moved money (pending, requires_action, succeeded) comes first, else the
   * newest failed or canceled one; null only when the gateway has made none.
   */
  findRefund(input: FindRefundInput): Promise<GatewayRefund | null>;
  voidAuthorization?(input: VoidAuthorizationInput): Promise<VoidAuthorizationResult>;
  /** Verifies and parses a webhook; returns refund updates it carries, or throws GatewayError('invalid_signature'). */
  parseWebhook(rawBody: string, headers: Headers): Promise<GatewayRefund[]>;
  /** Verifies the same webhook and returns the disputes it carries (none for refund events). */
  parseDisputes?(rawBody: string, headers: Headers): Promise<GatewayDispute[]>;
  /** The event id of a webhook parseWebhook has verified, for deduplication; null when it has none. */
  webhookEventId(rawBody: string): string | null;
}

/** No adapter can refund payments of this gateway here (unknown name, or not configured). */
export class MissingGatewayError extends Error {
  constructor(
    public gateway: string,
    message: string,
  ) {
    super(message);
    this.name = "MissingGatewayError";
  }
}

/** Gateway statuses under which a refund moves or has moved money. */
export const LIVE_REFUND_STATUSES: readonly GatewayRefundStatus[] = [
  "pending",
  "requires_action",
  "succeeded",
];

/** Among one refund's attempts at the gateway (newest first): the live one, else the newest. */
export function pickAttempt(attempts: GatewayRefund[]): GatewayRefund | null {
  return attempts.find((a) => LIVE_REFUND_STATUSES.includes(a.status)) ?? attempts[0] ?? null;
}

export type GatewayErrorCode =
  "timeout" | "unavailable" | "invalid_request" | "invalid_signature" | "not_found" | "declined";

/**
 * `retryable` means: the same call with the same idempotency key may be repeated.
 * A timeout is retryable but ambiguous — the gateway may have acted — which is why retries
 * must reuse the key rather than start a new refund.
 */
export class GatewayError extends Error {
  constructor(
    public code: GatewayErrorCode,
    message: string,
    public retryable: boolean,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export const isGatewayError = (e: unknown): e is GatewayError => e instanceof GatewayError;
