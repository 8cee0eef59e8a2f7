import { describe, expect, it } from "vitest";
import { getGateway } from "@/lib/gateways";
import {
  MemorySandboxLedger,
  SANDBOX_PAYMENT_REFERENCES,
  SANDBOX_SIGNATURE_HEADER,
  SandboxGateway,
  sandboxBehaviourFor,
  signSandboxWebhook,
  totalRefunded,
} from "@/lib/gateways/sandbox";
import { GatewayError, type CreateRefundInput } from "@/lib/gateways/types";

const SECRET = "whsec_sandbox_test";
const T0 = new Date("2025-03-01T10:00:00Z");

function setup(options: { settleAfterMs?: number } = {}) {
  const ledger = new MemorySandboxLedger();
  let now = T0;
  const gateway = new SandboxGateway({ ledger, webhookSecret: SECRET, now: () => now, ...options });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { ledger, gateway, advance };
}

function refundInput(overrides: Partial<CreateRefundInput> = {}): CreateRefundInput {
  return {
    paymentReference: "pm_ok_visa",
    amount: 2500,
    currency: "EUR",
    idempotencyKey: "refund_1_attempt_1",
    metadata: { refundId: "refund_1" },
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

describe("sandbox gateway: outcomes by payment reference", () => {
  it("succeeds immediately for pm_ok_ references", async () => {
    const { gateway } = setup();
    const refund = await gateway.createRefund(refundInput());
    expect(refund).toMatchObject({ status: "succeeded", amount: 2500, currency: "EUR" });
    expect(refund.id).toMatch(/^re_sbx_/);
  });

  it("succeeds for references without a known prefix", async () => {
    const { gateway } = setup();
    const refund = await gateway.createRefund(refundInput({ paymentReference: "pi_anything" }));
    expect(refund.status).toBe("succeeded");
  });

  it("upper-cases the currency it records", async () => {
    const { gateway } = setup();
    expect((await gateway.createRefund(refundInput({ currency: "nok" }))).currency).toBe("NOK");
  });

  it("keeps a pm_slow_ refund pending until the clock passes settleAt, then succeeds", async () => {
    const { gateway, advance, ledger } = setup({ settleAfterMs: 5_000 });
    const created = await gateway.createRefund(refundInput({ paymentReference: "pm_slow_visa" }));
    expect(created.status).toBe("pending");

    advance(4_999);
    expect((await gateway.getRefund(created.id)).status).toBe("pending");

    advance(1);
    expect((await gateway.getRefund(created.id)).status).toBe("succeeded");
    expect((await ledger.get(created.id))?.status).toBe("succeeded");
  });

  it("settles slow refunds after 20 seconds by default", async () => {
    const { gateway, advance, ledger } = setup();
    const created = await gateway.createRefund(refundInput({ paymentReference: "pm_slow_visa" }));
    expect((await ledger.get(created.id))?.settleAt).toEqual(new Date(T0.getTime() + 20_000));
    advance(19_999);
    expect((await gateway.getRefund(created.id)).status).toBe("pending");
    advance(1);
    expect((await gateway.getRefund(created.id)).status).toBe("succeeded");
  });

  it("reports the settled status when a slow refund is replayed by idempotency key", async () => {
    const { gateway, advance } = setup({ settleAfterMs: 1_000 });
    const input = refundInput({ paymentReference: "pm_slow_visa" });
    await gateway.createRefund(input);
    advance(1_000);
    expect((await gateway.createRefund(input)).status).toBe("succeeded");
  });

  it("holds a pm_insufficient_ refund pending on the merchant balance, then succeeds", async () => {
    const { gateway, advance } = setup({ settleAfterMs: 1_000 });
    const created = await gateway.createRefund(refundInput({ paymentReference: "pm_insufficient_visa" }));
    expect(created).toMatchObject({ status: "pending", pendingReason: "insufficient_funds" });

    advance(1_000);
    const settled = await gateway.getRefund(created.id);
    expect(settled.status).toBe("succeeded");
    expect(settled.pendingReason).toBeUndefined();
  });

  it("fails a pm_card_expired_ refund with expired_or_canceled_card", async () => {
    const { gateway } = setup();
    const refund = await gateway.createRefund(refundInput({ paymentReference: "pm_card_expired_visa" }));
    expect(refund).toMatchObject({
      status: "failed",
      failureCode: "expired_or_canceled_card",
      failureReason: "The card has expired.",
    });
  });

  it("fails a pm_account_closed_ refund with account_closed", async () => {
    const { gateway } = setup();
    const refund = await gateway.createRefund(refundInput({ paymentReference: "pm_account_closed_iban" }));
    expect(refund).toMatchObject({ status: "failed", failureCode: "account_closed" });
    expect(refund.failureReason).toBeTruthy();
  });

  it("does not count failed refunds as money refunded", async () => {
    const { gateway, ledger } = setup();
    await gateway.createRefund(refundInput({ paymentReference: "pm_card_expired_visa" }));
    expect(await totalRefunded(ledger, "pm_card_expired_visa")).toBe(0);
  });

  it("gives every documented reference a description and an example that triggers it", () => {
    expect(SANDBOX_PAYMENT_REFERENCES.map((r) => r.prefix)).toEqual([
      "pm_ok_",
      "pm_slow_",
      "pm_insufficient_",
      "pm_card_expired_",
      "pm_account_closed_",
      "pm_timeout_once_",
      "pm_flaky_",
    ]);
    for (const ref of SANDBOX_PAYMENT_REFERENCES) {
      expect(ref.description.length).toBeGreaterThan(10);
      expect(sandboxBehaviourFor(ref.example)).toBe(ref.behaviour);
    }
  });
});

describe("sandbox gateway: idempotency", () => {
  it("returns the original refund for a repeated idempotency key", async () => {
    const { gateway, ledger } = setup();
    const first = await gateway.createRefund(refundInput());
    const second = await gateway.createRefund(refundInput());

    expect(second).toEqual(first);
    expect(await ledger.countCalls("refund_1_attempt_1")).toBe(2);
    expect(await ledger.listByPaymentReference("pm_ok_visa")).toHaveLength(1);
    expect(await totalRefunded(ledger, "pm_ok_visa")).toBe(2500);
  });

  it("creates one refund when the same key is sent concurrently", async () => {
    const { gateway, ledger } = setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => gateway.createRefund(refundInput())));

    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await ledger.countCalls("refund_1_attempt_1")).toBe(5);
    expect(await totalRefunded(ledger, "pm_ok_visa")).toBe(2500);
  });

  it("shares refunds between gateway instances on the same ledger, as after a restart", async () => {
    const { gateway, ledger } = setup();
    const first = await gateway.createRefund(refundInput());
    const restarted = new SandboxGateway({ ledger, webhookSecret: SECRET });

    expect((await restarted.createRefund(refundInput())).id).toBe(first.id);
    expect(await restarted.getRefund(first.id)).toEqual(first);
  });

  it("rejects a repeated key with a different amount and moves no money", async () => {
    const { gateway, ledger } = setup();
    await gateway.createRefund(refundInput());
    const error = await gatewayErrorFrom(gateway.createRefund(refundInput({ amount: 3000 })));

    expect(error).toMatchObject({ code: "invalid_request", retryable: false });
    expect(error.message).toContain("amount");
    expect(await totalRefunded(ledger, "pm_ok_visa")).toBe(2500);
  });

  it("rejects a repeated key with different metadata, as Stripe does", async () => {
    const { gateway } = setup();
    await gateway.createRefund(refundInput());
    const error = await gatewayErrorFrom(
      gateway.createRefund(refundInput({ metadata: { refundId: "refund_2" } })),
    );
    expect(error.code).toBe("invalid_request");
  });

  it.each([0, -100, 12.5, Number.NaN])(
    "rejects amount %s as invalid without recording a call",
    async (amount) => {
      const { gateway, ledger } = setup();
      const error = await gatewayErrorFrom(gateway.createRefund(refundInput({ amount })));
      expect(error).toMatchObject({ code: "invalid_request", retryable: false });
      expect(await ledger.countCalls("refund_1_attempt_1")).toBe(0);
    },
  );

  it("rejects a currency that is not an ISO code", async () => {
    const { gateway } = setup();
    const error = await gatewayErrorFrom(gateway.createRefund(refundInput({ currency: "euro" })));
    expect(error.code).toBe("invalid_request");
  });
});

describe("sandbox gateway: lost answers and server errors", () => {
  it("records a pm_timeout_once_ refund but throws a retryable timeout on the first call", async () => {
    const { gateway, ledger } = setup();
    const input = refundInput({ paymentReference: "pm_timeout_once_visa" });
    const error = await gatewayErrorFrom(gateway.createRefund(input));

    expect(error).toMatchObject({ code: "timeout", retryable: true });
    const recorded = await ledger.findByKey(input.idempotencyKey);
    expect(recorded?.status).toBe("succeeded");
    expect(await totalRefunded(ledger, input.paymentReference)).toBe(2500);
  });

  it("returns the refund recorded during the timeout when retried with the same key", async () => {
    const { gateway, ledger } = setup();
    const input = refundInput({ paymentReference: "pm_timeout_once_visa" });
    await gatewayErrorFrom(gateway.createRefund(input));
    const recorded = await ledger.findByKey(input.idempotencyKey);

    const retried = await gateway.createRefund(input);
    expect(retried.id).toBe(recorded?.id);
    expect(retried.status).toBe("succeeded");
    expect(await ledger.countCalls(input.idempotencyKey)).toBe(2);
    expect(await totalRefunded(ledger, input.paymentReference)).toBe(2500);
  });

  it("refunds twice when a caller retries a timeout under a new key", async () => {
    const { gateway, ledger } = setup();
    const input = refundInput({ paymentReference: "pm_timeout_once_visa" });
    await gatewayErrorFrom(gateway.createRefund(input));
    await gatewayErrorFrom(gateway.createRefund({ ...input, idempotencyKey: "refund_1_attempt_2" }));

    expect(await totalRefunded(ledger, input.paymentReference)).toBe(5000);
  });

  it("fails pm_flaky_ calls 1 and 2 with a retryable error and succeeds on the third", async () => {
    const { gateway, ledger } = setup();
    const input = refundInput({ paymentReference: "pm_flaky_visa" });

    for (let call = 1; call <= 2; call++) {
      const error = await gatewayErrorFrom(gateway.createRefund(input));
      expect(error).toMatchObject({ code: "unavailable", retryable: true });
      expect(await ledger.findByKey(input.idempotencyKey)).toBeNull();
    }
    const third = await gateway.createRefund(input);
    expect(third.status).toBe("succeeded");

    const fourth = await gateway.createRefund(input);
    expect(fourth.id).toBe(third.id);
    expect(await ledger.countCalls(input.idempotencyKey)).toBe(4);
    expect(await totalRefunded(ledger, input.paymentReference)).toBe(2500);
  });

  it("counts flaky calls per idempotency key", async () => {
    const { gateway } = setup();
    const input = refundInput({ paymentReference: "pm_flaky_visa" });
    await gatewayErrorFrom(gateway.createRefund(input));
    await gatewayErrorFrom(gateway.createRefund({ ...input, idempotencyKey: "other_key" }));
    await gatewayErrorFrom(gateway.createRefund(input));
    expect((await gateway.createRefund(input)).status).toBe("succeeded");
  });
});

describe("sandbox gateway: reads, voids and webhooks", () => {
  it("answers not_found for an unknown refund id", async () => {
    const { gateway } = setup();
    const error = await gatewayErrorFrom(gateway.getRefund("re_sbx_missing"));
    expect(error).toMatchObject({ code: "not_found", retryable: false });
  });

  it("voids any authorization, with the same id for a repeated key", async () => {
    const { gateway } = setup();
    const first = await gateway.voidAuthorization({
      paymentReference: "pm_card_expired_x",
      idempotencyKey: "void_1",
    });
    const again = await gateway.voidAuthorization({
      paymentReference: "pm_card_expired_x",
      idempotencyKey: "void_1",
    });
    expect(first.status).toBe("succeeded");
    expect(again.id).toBe(first.id);
  });

  const webhookBody = JSON.stringify({
    refund: { id: "re_sbx_1", status: "failed", amount: 900, currency: "nok", failureCode: "account_closed" },
  });

  it("accepts a webhook signed with the shared secret and returns its refund", async () => {
    const { gateway } = setup();
    const headers = new Headers({ [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(webhookBody, SECRET) });
    expect(await gateway.parseWebhook(webhookBody, headers)).toEqual([
      { id: "re_sbx_1", status: "failed", amount: 900, currency: "NOK", failureCode: "account_closed" },
    ]);
  });

  it.each([
    ["a tampered body", webhookBody.replace("900", "90000"), signSandboxWebhook(webhookBody, SECRET)],
    ["another secret", webhookBody, signSandboxWebhook(webhookBody, "whsec_other")],
    ["a malformed signature", webhookBody, "not-hex"],
  ])("rejects a webhook with %s as invalid_signature", async (_case, body, signature) => {
    const { gateway } = setup();
    const error = await gatewayErrorFrom(
      gateway.parseWebhook(body, new Headers({ [SANDBOX_SIGNATURE_HEADER]: signature })),
    );
    expect(error).toMatchObject({ code: "invalid_signature", retryable: false });
  });

  it("rejects an unsigned webhook as invalid_signature", async () => {
    const { gateway } = setup();
    const error = await gatewayErrorFrom(gateway.parseWebhook(webhookBody, new Headers()));
    expect(error.code).toBe("invalid_signature");
  });

  it("rejects a correctly signed webhook whose body is not a refund", async () => {
    const { gateway } = setup();
    const body = JSON.stringify({ refund: { id: "re_1", status: "done" } });
    const headers = new Headers({ [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body, SECRET) });
    const error = await gatewayErrorFrom(gateway.parseWebhook(body, headers));
    expect(error.code).toBe("invalid_request");
  });
});

describe("sandbox gateway: finding our refund from its ledger", () => {
  it("finds the refund a lost answer made, by our refund id in its metadata", async () => {
    const { gateway } = setup();
    const input = refundInput({ paymentReference: "pm_timeout_once_visa" });
    await gatewayErrorFrom(gateway.createRefund(input));

    const found = await gateway.findRefund({
      paymentReference: input.paymentReference,
      refundId: "refund_1",
    });
    expect(found).toMatchObject({ status: "succeeded", amount: 2500 });
  });

  it("answers null when nothing was made, and ignores other refunds of the payment", async () => {
    const { gateway } = setup();
    await gatewayErrorFrom(gateway.createRefund(refundInput({ paymentReference: "pm_flaky_visa" })));
    // Another refund of the same payment goes through on its third call.
    const other = refundInput({
      paymentReference: "pm_flaky_visa",
      idempotencyKey: "other",
      metadata: { refundId: "other" },
    });
    await gatewayErrorFrom(gateway.createRefund(other));
    await gatewayErrorFrom(gateway.createRefund(other));
    await gateway.createRefund(other);
    expect(await gateway.findRefund({ paymentReference: "pm_flaky_visa", refundId: "refund_1" })).toBeNull();
  });

  it("prefers the attempt that moves money over a failed one, and settles what is due on read", async () => {
    const { gateway, ledger, advance } = setup({ settleAfterMs: 1_000 });
    const first = await gateway.createRefund(refundInput({ paymentReference: "pm_slow_visa" }));
    await gateway.createRefund(
      refundInput({ paymentReference: "pm_slow_visa", idempotencyKey: "refund_1_attempt_2" }),
    );
    const [, second] = await ledger.listByPaymentReference("pm_slow_visa");
    await ledger.update(second!.id, { status: "failed" });
    advance(2_000);

    const found = await gateway.findRefund({ paymentReference: "pm_slow_visa", refundId: "refund_1" });
    expect(found).toMatchObject({ id: first.id, status: "succeeded" });
  });

  it("reads by id when we have one; an unknown id is null", async () => {
    const { gateway } = setup();
    const made = await gateway.createRefund(refundInput());
    const by = (gatewayRefundId: string) =>
      gateway.findRefund({ gatewayRefundId, paymentReference: "pm_ok_visa", refundId: "refund_1" });
    expect(await by(made.id)).toMatchObject({ id: made.id });
    expect(await by("re_sbx_missing")).toBeNull();
  });

  it("gives a webhook's event id, or null for a body without one", () => {
    const { gateway } = setup();
    expect(gateway.webhookEventId(JSON.stringify({ id: "evt_9", refund: {} }))).toBe("evt_9");
    expect(gateway.webhookEventId(JSON.stringify({ refund: {} }))).toBeNull();
  });
});

describe("getGateway", () => {
  it("builds the sandbox from an injected ledger and Stripe from injected keys", () => {
    const sandbox = getGateway("sandbox", { ledger: new MemorySandboxLedger(), webhookSecret: SECRET });
    const stripe = getGateway("stripe", { secretKey: "sk_test_x", webhookSecret: "whsec_x" });
    expect(sandbox.name).toBe("sandbox");
    expect(stripe.name).toBe("stripe");
  });
});
