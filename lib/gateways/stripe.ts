// Stripe through its official SDK. Keys and network settings are injected; nothing here reads env.
import Stripe from "stripe";
import { toGatewayDispute, toGatewayError, toGatewayRefund } from "@/lib/gateways/stripe-mapping";
import {
  GATEWAY_CALL_TIMEOUT_MS,
  GatewayError,
  type CreateRefundInput,
  type FindRefundInput,
  type GatewayDispute,
  type GatewayRefund,
  type PaymentGateway,
  type VoidAuthorizationInput,
  type VoidAuthorizationResult,
  pickAttempt,
} from "@/lib/gateways/types";

export { mapStripeRefundStatus, toGatewayError, toGatewayRefund } from "@/lib/gateways/stripe-mapping";

export type StripeGatewayOptions = {
  secretKey: string;
  webhookSecret: string;
  /** Overrides for pointing the SDK at a local server in tests. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  timeoutMs?: number;
};

export class StripeGateway implements PaymentGateway {
  readonly name = "stripe";
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(options: StripeGatewayOptions) {
    this.webhookSecret = options.webhookSecret;
    this.stripe = new Stripe(options.secretKey, {
      host: options.host,
      port: options.port,
      protocol: options.protocol,
      // Never above GATEWAY_CALL_TIMEOUT_MS: a refund's claim outlives its call by that bound.
      timeout: Math.min(options.timeoutMs ?? GATEWAY_CALL_TIMEOUT_MS, GATEWAY_CALL_TIMEOUT_MS),
      // Retries belong to our durable job, which reuses the idempotency key across restarts.
      maxNetworkRetries: 0,
      telemetry: false,
    });
  }

  async createRefund(input: CreateRefundInput): Promise<GatewayRefund> {
    const target = input.paymentReference.startsWith("ch_")
      ? { charge: input.paymentReference }
      : { payment_intent: input.paymentReference };
    try {
      const refund = await this.stripe.refunds.create(
        { ...target, amount: input.amount, currency: input.currency.toLowerCase(), metadata: input.metadata },
        { idempotencyKey: input.idempotencyKey },
      );
      return toGatewayRefund(refund);
    } catch (e) {
      throw toGatewayError(e);
    }
  }

  async getRefund(id: string): Promise<GatewayRefund> {
    try {
      return toGatewayRefund(await this.stripe.refunds.retrieve(id));
    } catch (e) {
      throw toGatewayError(e);
    }
  }

  /**
   * By id when we have one; else the payment's refunds (newest first, every page) matched on our
   * refund id in their metadata — Stripe cannot look a refund up by its idempotency key.
   */
  async findRefund(input: FindRefundInput): Promise<GatewayRefund | null> {
    try {
      if (input.gatewayRefundId) return await this.getRefund(input.gatewayRefundId);
      const target = input.paymentReference.startsWith("ch_")
        ? { charge: input.paymentReference }
        : { payment_intent: input.paymentReference };
      const attempts: GatewayRefund[] = [];
      for await (const refund of this.stripe.refunds.list({ ...target, limit: 100 })) {
        if (refund.metadata?.refundId === input.refundId) attempts.push(toGatewayRefund(refund));
      }
      return pickAttempt(attempts);
    } catch (e) {
      const error = toGatewayError(e);
      if (error.code === "not_found" && input.gatewayRefundId) return null;
      throw error;
    }
  }

  async voidAuthorization(input: VoidAuthorizationInput): Promise<VoidAuthorizationResult> {
    try {
      const intent = await this.stripe.paymentIntents.cancel(
        input.paymentReference,
        {},
        { idempotencyKey: input.idempotencyKey },
      );
      return { id: intent.id, status: intent.status === "canceled" ? "succeeded" : "failed" };
    } catch (e) {
      throw toGatewayError(e);
    }
  }

  async parseWebhook(rawBody: string, headers: Headers): Promise<GatewayRefund[]> {
    const event = await this.verifiedEvent(rawBody, headers);
    switch (event.type) {
      case "refund.created":
      case "refund.updated":
      case "refund.failed":
      case "charge.refund.updated":
        return [toGatewayRefund(event.data.object)];
      default:
        return [];
    }
  }

  webhookEventId(rawBody: string): string | null {
    try {
      const id = (JSON.parse(rawBody) as { id?: unknown }).id;
      return typeof id === "string" && id ? id : null;
    } catch {
      return null;
    }
  }

  async parseDisputes(rawBody: string, headers: Headers): Promise<GatewayDispute[]> {
    const event = await this.verifiedEvent(rawBody, headers);
    switch (event.type) {
      case "charge.dispute.created":
      case "charge.dispute.updated":
      case "charge.dispute.closed":
        return [toGatewayDispute(event.data.object)];
      default:
        return [];
    }
  }

  private async verifiedEvent(rawBody: string, headers: Headers): Promise<Stripe.Event> {
    const signature = headers.get("stripe-signature");
    if (!signature)
      throw new GatewayError("invalid_signature", "Stripe webhook has no stripe-signature header", false);
    try {
      return await this.stripe.webhooks.constructEventAsync(rawBody, signature, this.webhookSecret);
    } catch (e) {
      throw toGatewayError(e);
    }
  }
}
