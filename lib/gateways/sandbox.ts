// The built-in sandbox gateway (DESIGN.md §5): deterministic behaviour chosen by the payment
// reference (table in sandbox-references.ts), with Stripe-like idempotency so callers' exactly-once
// logic is exercised the same way it will be against a real gateway.
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SandboxLedger, SandboxRecord } from "@/lib/gateways/sandbox-ledger";
import { sandboxBehaviourFor, type SandboxBehaviour } from "@/lib/gateways/sandbox-references";
import {
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

export { MemorySandboxLedger, totalRefunded } from "@/lib/gateways/sandbox-ledger";
export type { SandboxLedger, SandboxRecord } from "@/lib/gateways/sandbox-ledger";
export { SANDBOX_PAYMENT_REFERENCES, sandboxBehaviourFor } from "@/lib/gateways/sandbox-references";
export type { SandboxBehaviour, SandboxPaymentReference } from "@/lib/gateways/sandbox-references";

export const SANDBOX_SIGNATURE_HEADER = "x-sandbox-signature";
const DEFAULT_SETTLE_AFTER_MS = 20_000;

export type SandboxGatewayOptions = {
  ledger: SandboxLedger;
  webhookSecret: string;
  /** How long pm_slow_* and pm_insufficient_* refunds stay pending. */
  settleAfterMs?: number;
  now?: () => Date;
  /**
   * Payment references whose card the issuer has since replaced: refunds to them go through (the
   * issuer forwards them to the new card), whatever the reference's prefix says.
   */
  replacedCards?: ReadonlySet<string>;
};

type Outcome = Pick<SandboxRecord, "status" | "failureCode" | "failureReason" | "pendingReason"> & {
  settles: boolean;
};

const outcome = (o: Partial<Outcome>): Outcome => ({
  status: "succeeded",
  failureCode: null,
  failureReason: null,
  pendingReason: null,
  settles: false,
  ...o,
});

const OUTCOMES: Record<SandboxBehaviour, Outcome> = {
  ok: outcome({}),
  timeout_once: outcome({}),
  flaky: outcome({}),
  slow: outcome({ status: "pending", pendingReason: "processing", settles: true }),
  insufficient: outcome({ status: "pending", pendingReason: "insufficient_funds", settles: true }),
  card_expired: outcome({
    status: "failed",
    failureCode: "expired_or_canceled_card",
    failureReason: "The card has expired.",
  }),
  account_closed: outcome({
    status: "failed",
    failureCode: "account_closed",
    failureReason: "The bank account has been closed.",
  }),
};

export class SandboxGateway implements PaymentGateway {
  readonly name = "sandbox";
  private readonly ledger: SandboxLedger;
  private readonly webhookSecret: string;
  private readonly settleAfterMs: number;
  private readonly now: () => Date;
  private readonly replacedCards: ReadonlySet<string>;

  constructor(options: SandboxGatewayOptions) {
    this.ledger = options.ledger;
    this.webhookSecret = options.webhookSecret;
    this.settleAfterMs = options.settleAfterMs ?? DEFAULT_SETTLE_AFTER_MS;
    this.now = options.now ?? (() => new Date());
    this.replacedCards = options.replacedCards ?? new Set();
  }

  async createRefund(input: CreateRefundInput): Promise<GatewayRefund> {
    const params = validateInput(input);
    const call = await this.ledger.recordCall(params.idempotencyKey);
    const behaviour = this.replacedCards.has(params.paymentReference)
      ? "ok"
      : sandboxBehaviourFor(params.paymentReference);

    if (behaviour === "flaky" && call <= 2) {
      throw new GatewayError("unavailable", `Sandbox answered HTTP 500 to call ${call} for this key`, true);
    }

    const candidate = this.newRecord(params, behaviour);
    const stored = await this.ledger.insert(candidate);
    // A refund with this key exists (an earlier call, or another process won the insert): answer
    // with it, as Stripe would.
    if (stored.id !== candidate.id) return this.replay(stored, params);

    if (behaviour === "timeout_once" && call === 1) {
      throw new GatewayError("timeout", "Sandbox refund was created but the answer was lost (timeout)", true);
    }
    return toGatewayRefund(stored);
  }

  async getRefund(id: string): Promise<GatewayRefund> {
    const rec = await this.ledger.get(id);
    if (!rec) throw new GatewayError("not_found", `Sandbox has no refund ${id}`, false);
    return toGatewayRefund(await this.settle(rec));
  }

  async findRefund(input: FindRefundInput): Promise<GatewayRefund | null> {
    if (input.gatewayRefundId) {
      const rec = await this.ledger.get(input.gatewayRefundId);
      return rec ? toGatewayRefund(await this.settle(rec)) : null;
    }
    const ours = (await this.ledger.listByPaymentReference(input.paymentReference))
      .filter((r) => r.metadata.refundId === input.refundId)
      .reverse();
    const attempts = await Promise.all(ours.map(async (r) => toGatewayRefund(await this.settle(r))));
    return pickAttempt(attempts);
  }

  async voidAuthorization(input: VoidAuthorizationInput): Promise<VoidAuthorizationResult> {
    // Counted so tests can see a void reached the "bank"; the id derives from the key, so a
    // repeated void answers with the same id.
    await this.ledger.recordCall(`void:${input.idempotencyKey}`);
    const digest = createHash("sha256").update(input.idempotencyKey).digest("hex").slice(0, 24);
    return { id: `void_sbx_${digest}`, status: "succeeded" };
  }

  async parseWebhook(rawBody: string, headers: Headers): Promise<GatewayRefund[]> {
    const body = this.verifiedBody(rawBody, headers);
    return "refund" in body ? [body.refund] : [];
  }

  async parseDisputes(rawBody: string, headers: Headers): Promise<GatewayDispute[]> {
    const body = this.verifiedBody(rawBody, headers);
    return "dispute" in body ? [body.dispute] : [];
  }

  webhookEventId(rawBody: string): string | null {
    const id = (parseJson(rawBody) as { id?: unknown } | null)?.id;
    return typeof id === "string" && id ? id : null;
  }

  private verifiedBody(rawBody: string, headers: Headers) {
    const signature = headers.get(SANDBOX_SIGNATURE_HEADER);
    if (!signature || !signatureMatches(rawBody, signature, this.webhookSecret)) {
      throw new GatewayError("invalid_signature", "Sandbox webhook signature does not match the body", false);
    }
    const parsed = sandboxWebhookSchema.safeParse(parseJson(rawBody));
    if (!parsed.success) {
      throw new GatewayError(
        "invalid_request",
        `Sandbox webhook body is not {refund} or {dispute}: ${parsed.error.message}`,
        false,
      );
    }
    return parsed.data;
  }

  private newRecord(params: CreateRefundInput, behaviour: SandboxBehaviour): SandboxRecord {
    const { settles, ...result } = OUTCOMES[behaviour];
    const createdAt = this.now();
    return {
      id: `re_sbx_${randomUUID().replaceAll("-", "")}`,
      idempotencyKey: params.idempotencyKey,
      paymentReference: params.paymentReference,
      amount: params.amount,
      currency: params.currency,
      metadata: { ...params.metadata },
      ...result,
      createdAt,
      settleAt: settles ? new Date(createdAt.getTime() + this.settleAfterMs) : null,
    };
  }

  private async replay(rec: SandboxRecord, params: CreateRefundInput): Promise<GatewayRefund> {
    const mismatch = firstMismatch(rec, params);
    if (mismatch) {
      throw new GatewayError(
        "invalid_request",
        `Idempotency key ${params.idempotencyKey} was first used with a different ${mismatch}; use a new key for a different refund`,
        false,
      );
    }
    return toGatewayRefund(await this.settle(rec));
  }

  private async settle(rec: SandboxRecord): Promise<SandboxRecord> {
    if (rec.status !== "pending" || !rec.settleAt || rec.settleAt > this.now()) return rec;
    const patch = { status: "succeeded", pendingReason: null } as const;
    await this.ledger.update(rec.id, patch);
    return { ...rec, ...patch };
  }
}

/** The header value a sandbox webhook sender must put in `x-sandbox-signature`. */
export function signSandboxWebhook(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

function signatureMatches(rawBody: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(signSandboxWebhook(rawBody, secret), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function validateInput(input: CreateRefundInput): CreateRefundInput {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new GatewayError(
      "invalid_request",
      `Refund amount must be a positive integer, got ${input.amount}`,
      false,
    );
  }
  if (!/^[A-Za-z]{3}$/.test(input.currency)) {
    throw new GatewayError(
      "invalid_request",
      `Currency must be an ISO 4217 code, got "${input.currency}"`,
      false,
    );
  }
  if (!input.paymentReference)
    throw new GatewayError("invalid_request", "Payment reference is required", false);
  if (!input.idempotencyKey) throw new GatewayError("invalid_request", "Idempotency key is required", false);
  return { ...input, currency: input.currency.toUpperCase() };
}

function firstMismatch(rec: SandboxRecord, params: CreateRefundInput): string | null {
  if (rec.amount !== params.amount) return "amount";
  if (rec.currency !== params.currency) return "currency";
  if (rec.paymentReference !== params.paymentReference) return "payment reference";
  if (!sameMetadata(rec.metadata, params.metadata)) return "metadata";
  return null;
}

function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function toGatewayRefund(rec: SandboxRecord): GatewayRefund {
  return {
    id: rec.id,
    status: rec.status,
    amount: rec.amount,
    currency: rec.currency,
    failureCode: rec.failureCode ?? undefined,
    failureReason: rec.failureReason ?? undefined,
    pendingReason: rec.pendingReason ?? undefined,
    // Card networks assign an ARN once the refund is processed; the sandbox derives one from the id.
    arn: rec.status === "succeeded" ? sandboxArn(rec.id) : undefined,
  };
}

/** A 23-digit acquirer reference number, stable per refund. */
export function sandboxArn(refundId: string): string {
  const digits = BigInt(`0x${createHash("sha256").update(refundId).digest("hex").slice(0, 24)}`).toString();
  return `7${digits.padStart(22, "0").slice(-22)}`;
}

function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch (e) {
    throw new GatewayError(
      "invalid_request",
      `Sandbox webhook body is not JSON: ${(e as Error).message}`,
      false,
    );
  }
}

const sandboxDisputeSchema = z.object({
  dispute: z
    .object({
      id: z.string().min(1),
      paymentReference: z.string().min(1),
      amount: z.number().int().nonnegative(),
      currency: z
        .string()
        .regex(/^[A-Za-z]{3}$/)
        .transform((c) => c.toUpperCase()),
      reason: z.string().optional(),
      status: z.enum(["open", "won", "lost", "closed"]).default("open"),
    })
    .transform(({ paymentReference, ...d }) => ({ ...d, paymentReferences: [paymentReference] })),
});

const sandboxRefundSchema = z.object({
  refund: z.object({
    id: z.string().min(1),
    status: z.enum(["pending", "requires_action", "succeeded", "failed", "canceled"]),
    amount: z.number().int().positive(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .transform((c) => c.toUpperCase()),
    failureCode: z.string().optional(),
    failureReason: z.string().optional(),
    pendingReason: z.string().optional(),
    arn: z.string().optional(),
  }),
});

/** A sandbox webhook carries one refund update or one dispute. */
const sandboxWebhookSchema = z.union([sandboxRefundSchema, sandboxDisputeSchema]);
