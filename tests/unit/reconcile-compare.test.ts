// The reconciliation verdict: agree, apply the gateway's news, or a mismatch to flag.
import { describe, expect, it } from "vitest";
import { compareRefund } from "@/lib/reconcile/compare";

describe("compareRefund", () => {
  const cases: [string, number, Parameters<typeof compareRefund>[1], string][] = [
    ["submitted", 100, { status: "pending", amount: 100 }, "agree"],
    ["submitted", 100, { status: "succeeded", amount: 100 }, "apply"],
    ["submitted", 100, { status: "failed", amount: 100 }, "apply"],
    // A gateway may cancel a refund after submission: final news, applied (the reservation is released).
    ["submitted", 100, { status: "canceled", amount: 100 }, "apply"],
    ["succeeded", 100, { status: "succeeded", amount: 100 }, "agree"],
    ["succeeded", 100, { status: "requires_action", amount: 100 }, "succeeded_here_pending_there"],
    ["succeeded", 100, { status: "canceled", amount: 100 }, "succeeded_here_canceled_there"],
    ["failed", 100, { status: "succeeded", amount: 100 }, "apply"],
    ["failed", 100, { status: "pending", amount: 100 }, "failed_here_pending_there"],
    ["succeeded", 100, { status: "succeeded", amount: 90 }, "amount_differs"],
    ["succeeded", 100, "missing", "missing_there"],
  ];
  it.each(cases)("%s (%d) against %j → %s", (status, amount, theirs, expected) => {
    const v = compareRefund({ status, amount }, theirs);
    expect(v.kind === "mismatch" ? v.mismatch.code : v.kind).toBe(expected);
  });
});
