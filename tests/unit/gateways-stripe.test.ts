// Drives the Stripe adapter through the real SDK against a local HTTP server that answers the
// endpoints the way Stripe documents them (form-encoded requests, Idempotency-Key replay, error JSON).
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StripeGateway, type StripeGatewayOptions } from "@/lib/gateways/stripe";
import { GatewayError, type CreateRefundInput } from "@/lib/gateways/types";

const SECRET_KEY = "sk_test_aftercare";
const WEBHOOK_SECRET = "whsec_aftercare_test";

type SeenRequest = { method: string; path: string; headers: IncomingHttpHeaders; form: URLSearchParams };
type SavedResponse = { status: number; body: unknown; params: string };
type StripeRefundJson = Record<string, unknown> & { id: string };

/** A small stand-in for api.stripe.com: refunds, payment intent cancel, idempotent replay, errors. */
class FakeStripeServer {
  readonly requests: SeenRequest[] = [];
  readonly refunds = new Map<string, StripeRefundJson>();
  private readonly saved = new Map<string, SavedResponse>();
  private readonly server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        form: new URLSearchParams(body),
      };
      this.requests.push(seen);
      this.handle(seen, res);
    });
  });
  port = 0;

  get created(): number {
    return this.refunds.size;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.refunds.clear();
    this.saved.clear();
  }

  private handle(req: SeenRequest, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) {
      return send(res, 401, stripeError("invalid_request_error", "Invalid API Key provided."));
    }
    if (req.method === "POST" && req.path === "/v1/refunds") return this.createRefund(req, res);
    if (req.method === "GET" && req.path.startsWith("/v1/refunds?")) return this.listRefunds(req, res);

    const refundMatch = /^\/v1\/refunds\/([^/?]+)$/.exec(req.path);
    if (req.method === "GET" && refundMatch?.[1]) {
      const refund = this.refunds.get(refundMatch[1]);
      if (refund) return send(res, 200, refund);
      return send(
        res,
        404,
        stripeError("invalid_request_error", `No such refund: '${refundMatch[1]}'`, "resource_missing"),
      );
    }

    const cancelMatch = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(req.path);
    if (req.method === "POST" && cancelMatch?.[1]) {
      return send(res, 200, { id: cancelMatch[1], object: "payment_intent", status: "canceled" });
    }
    send(
      res,
      404,
      stripeError("invalid_request_error", `Unrecognized request URL (${req.method}: ${req.path})`),
    );
  }

  /** GET /v1/refunds: newest first, filtered by payment_intent or charge, paged by starting_after. */
  private listRefunds(req: SeenRequest, res: ServerResponse): void {
    const query = new URL(req.path, "http://stripe.local").searchParams;
    const limit = Number(query.get("limit") ?? 10);
    const matching = [...this.refunds.values()]
      .reverse()
      .filter(
        (r) =>
          (!query.get("payment_intent") || r.payment_intent === query.get("payment_intent")) &&
          (!query.get("charge") || r.charge === query.get("charge")),
      );
    const after = query.get("starting_after");
    const start = after ? matching.findIndex((r) => r.id === after) + 1 : 0;
    const data = matching.slice(start, start + limit);
    send(res, 200, { object: "list", url: "/v1/refunds", has_more: start + limit < matching.length, data });
  }

  private createRefund(req: SeenRequest, res: ServerResponse): void {
    const key = req.headers["idempotency-key"];
    const params = canonicalParams(req.form);
    const prior = typeof key === "string" ? this.saved.get(key) : undefined;
    if (prior) {
      if (prior.params !== params) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
        return send(res, 400, stripeError("idempotency_error", message));
      }
      return send(res, prior.status, prior.body, { "idempotent-replayed": "true" });
    }

    const target = req.form.get("payment_intent") ?? req.form.get("charge") ?? "";
    const amount = Number(req.form.get("amount"));
    // Validation failures and rate limits are not saved under the key (Stripe's documented rule).
    if (target === "pi_missing") {
      return send(
        res,
        400,
        stripeError("invalid_request_error", "No such payment_intent: 'pi_missing'", "resource_missing"),
      );
    }
    if (target === "pi_already_refunded") {
      return send(
        res,
        400,
        stripeError(
          "invalid_request_error",
          "Charge ch_1 has already been refunded.",
          "charge_already_refunded",
        ),
      );
    }
    if (target === "pi_rate_limited") {
      return send(res, 429, stripeError("invalid_request_error", "Too many requests.", "rate_limit"));
    }
    if (target === "pi_hang") {
      const timer = setTimeout(() => send(res, 200, {}), 2_000);
      res.on("close", () => clearTimeout(timer));
      return;
    }

    const answer =
      target === "pi_500"
        ? { status: 500, body: stripeError("api_error", "An unknown error occurred.") }
        : { status: 200, body: this.newRefund(target, req.form, amount) };
    if (typeof key === "string") this.saved.set(key, { ...answer, params });
    send(res, answer.status, answer.body);
  }

  private newRefund(target: string, form: URLSearchParams, amount: number): StripeRefundJson {
    const status = /^pi_status_(\w+)$/.exec(target)?.[1] ?? "succeeded";
    const id = `re_${String(this.refunds.size + 1).padStart(4, "0")}`;
    const metadata = Object.fromEntries(
      [...form.entries()].filter(([k]) => k.startsWith("metadata[")).map(([k, v]) => [k.slice(9, -1), v]),
    );
    const refund: StripeRefundJson = {
      id,
      object: "refund",
      amount,
      balance_transaction: `txn_${id}`,
      charge: form.get("charge") ?? `ch_for_${target}`,
      created: 1_740_000_000,
      currency: form.get("currency") ?? "usd",
      destination_details: {
        type: "card",
        card: {
          type: "refund",
          reference: status === "succeeded" ? "74567890123456789012345" : null,
          reference_status: status === "succeeded" ? "available" : "pending",
          reference_type: "acquirer_reference_number",
        },
      },
      metadata,
      payment_intent: form.get("payment_intent"),
      reason: null,
      receipt_number: null,
      source_transfer_reversal: null,
      status,
      transfer_reversal: null,
      ...(status === "failed"
        ? { failure_reason: "expired_or_canceled_card", failure_balance_transaction: "txn_f" }
        : {}),
      ...(status === "pending" ? { pending_reason: "insufficient_funds" } : {}),
      ...(status === "requires_action" ? { next_action: { type: "display_details" } } : {}),
    };
    this.refunds.set(id, refund);
    return refund;
  }
}

function stripeError(type: string, message: string, code?: string) {
  return { error: { type, message, ...(code ? { code } : {}) } };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": "req_fake", ...headers });
  res.end(JSON.stringify(body));
}

function canonicalParams(form: URLSearchParams): string {
  return [...form.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

const fake = new FakeStripeServer();

function gateway(overrides: Partial<StripeGatewayOptions> = {}): StripeGateway {
  return new StripeGateway({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    host: "127.0.0.1",
    port: fake.port,
    protocol: "http",
    timeoutMs: 5_000,
    ...overrides,
  });
}

function refundInput(overrides: Partial<CreateRefundInput> = {}): CreateRefundInput {
  return {
    paymentReference: "pi_paid",
    amount: 1250,
    currency: "EUR",
    idempotencyKey: "refund_42_attempt_1",
    metadata: { refundId: "refund_42", order: "#1001" },
    ...overrides,
  };
}

async function gatewayErrorFrom(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

beforeAll(() => fake.start());
afterAll(() => fake.stop());
afterEach(() => fake.reset());

describe("stripe gateway: creating refunds", () => {
  it("posts a form-encoded refund with the idempotency key as a header", async () => {
    const refund = await gateway().createRefund(refundInput());

    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/refunds");
    expect(request?.headers["idempotency-key"]).toBe("refund_42_attempt_1");
    expect(request?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(request?.form.get("amount")).toBe("1250");
    expect(request?.form.get("currency")).toBe("eur");
    expect(request?.form.get("payment_intent")).toBe("pi_paid");
    expect(request?.form.get("charge")).toBeNull();
    expect(request?.form.get("metadata[refundId]")).toBe("refund_42");
    expect(request?.form.get("metadata[order]")).toBe("#1001");

    expect(refund).toMatchObject({ id: "re_0001", status: "succeeded", amount: 1250, currency: "EUR" });
  });

  it("refunds a charge when the payment reference starts with ch_", async () => {
    await gateway().createRefund(refundInput({ paymentReference: "ch_3Mx" }));
    expect(fake.requests[0]?.form.get("charge")).toBe("ch_3Mx");
    expect(fake.requests[0]?.form.get("payment_intent")).toBeNull();
  });

  it("returns the original refund for a repeated idempotency key", async () => {
    const first = await gateway().createRefund(refundInput());
    const second = await gateway().createRefund(refundInput());

    expect(second.id).toBe(first.id);
    expect(fake.requests).toHaveLength(2);
    expect(fake.created).toBe(1);
  });

  it("rejects a repeated idempotency key with a different amount as a non-retryable invalid request", async () => {
    await gateway().createRefund(refundInput());
    const error = await gatewayErrorFrom(gateway().createRefund(refundInput({ amount: 9999 })));

    expect(error).toMatchObject({ code: "invalid_request", retryable: false });
    expect(fake.created).toBe(1);
  });

  it("keeps the acquirer reference number of a card refund as the ARN", async () => {
    const refund = await gateway().createRefund(refundInput());
    expect(refund.arn).toBe("74567890123456789012345");
    expect((refund.raw as { object: string }).object).toBe("refund");
  });

  it.each([
    ["pending", { pendingReason: "insufficient_funds" }],
    ["requires_action", {}],
    ["succeeded", {}],
    [
      "failed",
      { failureCode: "expired_or_canceled_card", failureReason: "The card has expired or was canceled." },
    ],
    ["canceled", {}],
  ] as const)("maps a Stripe %s refund to the same status, with its reasons", async (status, extra) => {
    const refund = await gateway().createRefund(refundInput({ paymentReference: `pi_status_${status}` }));
    expect(refund).toMatchObject({ status, ...extra });
    if (status !== "succeeded") expect(refund.arn).toBeUndefined();
  });
});

describe("stripe gateway: errors", () => {
  it("maps a 500 to a retryable unavailable error", async () => {
    const error = await gatewayErrorFrom(gateway().createRefund(refundInput({ paymentReference: "pi_500" })));
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(fake.requests).toHaveLength(1);
  });

  it("replays a saved 500 for a retry under the same key, as Stripe does", async () => {
    const input = refundInput({ paymentReference: "pi_500" });
    await gatewayErrorFrom(gateway().createRefund(input));
    const retry = await gatewayErrorFrom(gateway().createRefund(input));
    expect(retry).toMatchObject({ code: "unavailable", retryable: true });
    expect(fake.created).toBe(0);
  });

  it("maps a 400 resource_missing to a non-retryable not_found", async () => {
    const error = await gatewayErrorFrom(
      gateway().createRefund(refundInput({ paymentReference: "pi_missing" })),
    );
    expect(error).toMatchObject({ code: "not_found", retryable: false });
    expect(error.message).toContain("No such payment_intent");
  });

  it("maps any other 400 to a non-retryable invalid_request", async () => {
    const input = refundInput({ paymentReference: "pi_already_refunded" });
    const error = await gatewayErrorFrom(gateway().createRefund(input));
    expect(error).toMatchObject({ code: "invalid_request", retryable: false });
  });

  it("maps a 429 rate limit to a retryable error", async () => {
    const error = await gatewayErrorFrom(
      gateway().createRefund(refundInput({ paymentReference: "pi_rate_limited" })),
    );
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
  });

  it("maps a request that outlives the client timeout to a retryable timeout", async () => {
    const input = refundInput({ paymentReference: "pi_hang" });
    const error = await gatewayErrorFrom(gateway({ timeoutMs: 200 }).createRefund(input));
    expect(error).toMatchObject({ code: "timeout", retryable: true });
  });

  it("maps a refused connection to a retryable unavailable error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await gatewayErrorFrom(gateway({ port }).createRefund(refundInput()));
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
  });

  it("maps a rejected API key to a non-retryable invalid_request", async () => {
    const error = await gatewayErrorFrom(gateway({ secretKey: "sk_test_wrong" }).createRefund(refundInput()));
    expect(error).toMatchObject({ code: "invalid_request", retryable: false });
  });
});

describe("stripe gateway: reads and voids", () => {
  it("retrieves a refund by id with GET /v1/refunds/:id", async () => {
    const created = await gateway().createRefund(refundInput({ paymentReference: "pi_status_pending" }));
    const read = await gateway().getRefund(created.id);

    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/refunds/${created.id}` });
    expect(read).toMatchObject({ id: created.id, status: "pending", pendingReason: "insufficient_funds" });
  });

  it("answers not_found for an unknown refund id", async () => {
    const error = await gatewayErrorFrom(gateway().getRefund("re_missing"));
    expect(error).toMatchObject({ code: "not_found", retryable: false });
  });

  it("voids an authorization by canceling the payment intent under the idempotency key", async () => {
    const result = await gateway().voidAuthorization({
      paymentReference: "pi_auth",
      idempotencyKey: "void_7",
    });

    expect(result).toEqual({ id: "pi_auth", status: "succeeded" });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/payment_intents/pi_auth/cancel" });
    expect(fake.requests[0]?.headers["idempotency-key"]).toBe("void_7");
  });
});

describe("stripe gateway: finding our refund after a lost answer", () => {
  it("lists the payment's refunds on every page and matches our refund id in their metadata", async () => {
    const input = (refundId: string, key: string, paymentReference = "pi_paid") =>
      refundInput({ paymentReference, idempotencyKey: key, metadata: { refundId, orderNumber: "1001" } });
    await gateway().createRefund(input("ours", "k1"));
    for (let i = 0; i < 3; i++) await gateway().createRefund(input(`other_${i}`, `k_other_${i}`));
    await gateway().createRefund(input("ours", "k_elsewhere", "pi_someone_else"));
    fake.requests.length = 0;

    const found = await gateway({}).findRefund({ paymentReference: "pi_paid", refundId: "ours" });

    expect(found).toMatchObject({ id: "re_0001", status: "succeeded" });
    expect(fake.requests.every((r) => r.method === "GET" && r.path.startsWith("/v1/refunds?"))).toBe(true);
    expect(fake.requests[0]?.path).toContain("payment_intent=pi_paid");
  });

  it("prefers an attempt that moves money over a newer failed one", async () => {
    await gateway().createRefund(refundInput({ idempotencyKey: "a1", metadata: { refundId: "r" } }));
    await gateway().createRefund(refundInput({ idempotencyKey: "a2", metadata: { refundId: "r" } }));
    fake.refunds.get("re_0002")!.status = "failed";

    const found = await gateway().findRefund({ paymentReference: "pi_paid", refundId: "r" });
    expect(found).toMatchObject({ id: "re_0001", status: "succeeded" });
  });

  it("answers null when the gateway has made no refund for us", async () => {
    await gateway().createRefund(refundInput({ metadata: { refundId: "someone_else" } }));
    expect(await gateway().findRefund({ paymentReference: "pi_paid", refundId: "ours" })).toBeNull();
  });

  it("reads the refund by id when we have it, and null for an id Stripe does not know", async () => {
    const created = await gateway().createRefund(refundInput());
    expect(
      await gateway().findRefund({ gatewayRefundId: created.id, paymentReference: "pi_paid", refundId: "x" }),
    ).toMatchObject({ id: created.id });
    expect(
      await gateway().findRefund({
        gatewayRefundId: "re_missing",
        paymentReference: "pi_paid",
        refundId: "x",
      }),
    ).toBeNull();
  });

  it("lists a charge's refunds when the payment reference is a charge", async () => {
    await gateway().findRefund({ paymentReference: "ch_3Mx", refundId: "ours" });
    expect(fake.requests[0]?.path).toContain("charge=ch_3Mx");
  });
});

describe("stripe gateway: webhooks", () => {
  const refundObject = {
    id: "re_0009",
    object: "refund",
    amount: 500,
    currency: "nok",
    status: "failed",
    failure_reason: "lost_or_stolen_card",
    payment_intent: "pi_paid",
    metadata: {},
  };

  function signedEvent(type: string, object: unknown, secret = WEBHOOK_SECRET) {
    const payload = JSON.stringify({ id: "evt_1", object: "event", type, data: { object } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    return { payload, headers: new Headers({ "stripe-signature": header }) };
  }

  it.each(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"])(
    "returns the refund carried by a signed %s event",
    async (type) => {
      const { payload, headers } = signedEvent(type, refundObject);
      const refunds = await gateway().parseWebhook(payload, headers);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({
        id: "re_0009",
        status: "failed",
        amount: 500,
        currency: "NOK",
        failureCode: "lost_or_stolen_card",
      });
    },
  );

  it("returns no refunds for an event about something else", async () => {
    const { payload, headers } = signedEvent("payment_intent.succeeded", {
      id: "pi_paid",
      object: "payment_intent",
    });
    expect(await gateway().parseWebhook(payload, headers)).toEqual([]);
  });

  it("gives the event id of a verified event, for deduplication", async () => {
    const { payload, headers } = signedEvent("refund.updated", refundObject);
    await gateway().parseWebhook(payload, headers);
    expect(gateway().webhookEventId(payload)).toBe("evt_1");
  });

  it("rejects a tampered payload as invalid_signature", async () => {
    const { payload, headers } = signedEvent("refund.updated", refundObject);
    const tampered = payload.replace('"amount":500', '"amount":50000');
    const error = await gatewayErrorFrom(gateway().parseWebhook(tampered, headers));
    expect(error).toMatchObject({ code: "invalid_signature", retryable: false });
  });

  it("rejects an event signed with another secret as invalid_signature", async () => {
    const { payload, headers } = signedEvent("refund.updated", refundObject, "whsec_someone_else");
    const error = await gatewayErrorFrom(gateway().parseWebhook(payload, headers));
    expect(error.code).toBe("invalid_signature");
  });

  it("rejects an event without a stripe-signature header as invalid_signature", async () => {
    const { payload } = signedEvent("refund.updated", refundObject);
    const error = await gatewayErrorFrom(gateway().parseWebhook(payload, new Headers()));
    expect(error.code).toBe("invalid_signature");
  });
});
