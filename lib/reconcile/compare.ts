// Our refund state against the gateway's, as a pure verdict: agree, apply the gateway's news
// (we are behind: still submitted, or failed and it succeeded after all), or a mismatch to flag.
import type { RefundMismatch } from "@/lib/db/schema";
import type { GatewayRefund } from "@/lib/gateways/types";

export type Verdict =
  { kind: "agree" } | { kind: "apply" } | { kind: "mismatch"; mismatch: Omit<RefundMismatch, "detectedAt"> };

const mismatch = (code: string, ours: string, theirs: string, detail?: string): Verdict => ({
  kind: "mismatch",
  mismatch: { code, ours, theirs, ...(detail ? { detail } : {}) },
});

export function compareRefund(
  ours: { status: string; amount: number },
  theirs: Pick<GatewayRefund, "status" | "amount"> | "missing",
): Verdict {
  if (theirs === "missing")
    return mismatch("missing_there", ours.status, "missing", "The gateway has no such refund.");
  if (theirs.amount !== ours.amount) {
    return mismatch(
      "amount_differs",
      ours.status,
      theirs.status,
      `Here ${ours.amount}, there ${theirs.amount} (minor units).`,
    );
  }
  const open = theirs.status === "pending" || theirs.status === "requires_action";
  switch (ours.status) {
    case "submitted":
      // Succeeded, failed or canceled there: final news we missed (a gateway may cancel a refund).
      return open ? { kind: "agree" } : { kind: "apply" };
    case "succeeded":
      if (theirs.status === "succeeded") return { kind: "agree" };
      return mismatch(`succeeded_here_${open ? "pending" : theirs.status}_there`, ours.status, theirs.status);
    case "failed":
      if (theirs.status === "failed") return { kind: "agree" };
      if (theirs.status === "succeeded") return { kind: "apply" };
      return mismatch(`failed_here_${open ? "pending" : theirs.status}_there`, ours.status, theirs.status);
    default:
      return { kind: "agree" };
  }
}
