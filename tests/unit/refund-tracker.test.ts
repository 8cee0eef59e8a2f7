// The refund tracker: gateway states and reasons in shopper words, the ARN once there is one, and
// the reversal note for refunds made within a day of the payment.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { type TrackerInput, trackRefund } from "@/lib/reconcile/tracker";

const T0 = new Date("2026-11-20T10:00:00Z");
const base: TrackerInput = { kind: "refund", status: "submitted", paymentMethodType: "card", capturedAt: T0 };
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

describe("trackRefund", () => {
  it.each([
    [{ status: "pending" }, "preparing", undefined],
    [{ status: "submitted", gatewayStatus: "pending" }, "pending", "processing"],
    [
      { status: "submitted", gatewayStatus: "pending", pendingReason: "insufficient_funds" },
      "pending",
      "insufficient_merchant_balance",
    ],
    [
      { status: "submitted", gatewayStatus: "pending", pendingReason: "charge_pending" },
      "pending",
      "charge_pending",
    ],
    [{ status: "submitted", gatewayStatus: "requires_action" }, "requires_action", "requires_action"],
    [{ status: "succeeded" }, "succeeded", undefined],
    [{ status: "failed", failureCode: "expired_or_canceled_card" }, "failed", "card_expired"],
    [{ status: "failed", failureCode: "account_closed" }, "failed", "account_closed"],
    [{ status: "failed", failureCode: "lost_or_stolen_card" }, "failed", "card_lost"],
    [{ status: "failed", failureCode: "something_new" }, "failed", "other"],
    [{ status: "canceled" }, "canceled", undefined],
    [{ status: "pending", held: true }, "on_hold", "disputed"],
    [{ status: "succeeded", offline: true }, "paid_offline", undefined],
    [
      { status: "succeeded", offline: true, fallback: { status: "settled", choice: "store_credit" } },
      "store_credit",
      undefined,
    ],
    [{ kind: "void" as const, status: "succeeded" }, "voided", undefined],
    [{ kind: "void" as const, status: "submitted" }, "pending", "processing"],
  ])("%j → %s (%s)", (patch, state, reason) => {
    const t = trackRefund({ ...base, ...patch });
    expect(t.state).toBe(state);
    expect(t.reason).toBe(reason);
    expect(t.headlineKey).toBe(`tracker.state.${state}`);
    expect(t.detailKey).toBe(reason ? `tracker.reason.${reason}` : undefined);
  });

  it("shows the ARN once the refund is with the bank, not before", () => {
    expect(trackRefund({ ...base, status: "succeeded", arn: "74987654321098765432109" }).arn).toBe(
      "74987654321098765432109",
    );
    expect(trackRefund({ ...base, status: "pending", arn: "74987654321098765432109" }).arn).toBeUndefined();
  });

  it("calls a refund sent within 24 hours of capture a reversal, later ones a credit", () => {
    expect(trackRefund({ ...base, submittedAt: at(2) }).reversal).toBe(true);
    expect(trackRefund({ ...base, submittedAt: at(23.9) }).reversal).toBe(true);
    expect(trackRefund({ ...base, submittedAt: at(24) }).reversal).toBe(false);
    expect(trackRefund({ ...base, submittedAt: at(2), paymentMethodType: "bank_transfer" }).reversal).toBe(
      false,
    );
    expect(trackRefund({ ...base, kind: "void", submittedAt: at(1) }).reversal).toBe(false);
  });

  it("tells the shopper a choice is waiting while the fallback is open", () => {
    const failed = { ...base, status: "failed", failureCode: "account_closed" };
    expect(trackRefund({ ...failed, fallback: { status: "open", choice: null } }).fallbackOpen).toBe(true);
    expect(trackRefund({ ...failed, fallback: { status: "cancelled", choice: null } }).fallbackOpen).toBe(
      false,
    );
  });

  it("always names a state and reason the English messages translate", () => {
    const messages = (
      en as unknown as { tracker: { state: Record<string, string>; reason: Record<string, string> } }
    ).tracker;
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom("refund" as const, "void" as const),
          status: fc.constantFrom("pending", "submitted", "succeeded", "failed", "canceled", "weird"),
          gatewayStatus: fc.option(
            fc.constantFrom("pending", "requires_action", "succeeded", "failed", "canceled"),
          ),
          pendingReason: fc.option(
            fc.constantFrom("processing", "insufficient_funds", "charge_pending", "new_reason"),
          ),
          failureCode: fc.option(fc.string()),
          held: fc.boolean(),
          offline: fc.boolean(),
          paymentMethodType: fc.constantFrom("card" as const, "wallet" as const, "bank_transfer" as const),
        }),
        (input) => {
          const t = trackRefund(input);
          expect(messages.state[t.state]).toBeTypeOf("string");
          if (t.reason) expect(messages.reason[t.reason]).toBeTypeOf("string");
        },
      ),
    );
  });
  it("reads gateway codes that match an object's own properties as unknown, not as reasons", () => {
    const base = { kind: "refund" as const, gatewayStatus: null, held: false, offline: false };
    const card = { ...base, paymentMethodType: "card" as const };
    for (const code of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(
        trackRefund({ ...card, status: "failed", pendingReason: null, failureCode: code }),
      ).toMatchObject({
        state: "failed",
        reason: "other",
      });
      expect(
        trackRefund({ ...card, status: "submitted", pendingReason: code, failureCode: null }),
      ).toMatchObject({
        state: "pending",
        reason: "processing",
      });
    }
  });
});
