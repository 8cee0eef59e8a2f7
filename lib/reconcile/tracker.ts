// Where a refund's money really is, in shopper words: the gateway's states (and why a refund is
// pending or failed) mapped to message keys under `tracker.` that every locale translates. Pure,
// so the portal's timeline, the e-mails and the console can all say the same thing.

export type TrackerState =
  | "preparing"
  | "pending"
  | "requires_action"
  | "succeeded"
  | "failed"
  | "canceled"
  | "on_hold"
  | "voided"
  | "paid_offline"
  | "store_credit";

export type TrackerReason =
  | "processing"
  | "insufficient_merchant_balance"
  | "charge_pending"
  | "requires_action"
  | "card_expired"
  | "account_closed"
  | "card_lost"
  | "declined"
  | "disputed"
  | "manual"
  | "other";

export type TrackerInput = {
  kind: "refund" | "void";
  status: string;
  /** The gateway's own last word: pending, requires_action, succeeded, failed, canceled. */
  gatewayStatus?: string | null;
  pendingReason?: string | null;
  failureCode?: string | null;
  held?: boolean;
  offline?: boolean;
  arn?: string | null;
  paymentMethodType: "card" | "wallet" | "bank_transfer";
  /** When the payment was captured, and when the refund went to the gateway. */
  capturedAt?: Date | null;
  submittedAt?: Date | null;
  /** The shopper's fallback after a failed attempt, if any (the newest). */
  fallback?:
    | ({ status: string; choice: string | null } & Pick<
        Partial<TrackerChoice>,
        "path" | "expiresAt" | "maskedIban"
      >)
    | null;
};

/** The shopper's way out of a failed refund, as the order page shows it. */
export type TrackerChoice = {
  status: "open" | "chosen";
  choice: string | null;
  /** Open: the signed page to choose on (the order page's viewer proved they own the order). */
  path?: string;
  expiresAt?: string;
  /** Chosen bank transfer: the account, masked. */
  maskedIban?: string;
};

export type RefundTracker = {
  state: TrackerState;
  reason?: TrackerReason;
  /** Message keys: `tracker.state.<state>` and, when there is one, `tracker.reason.<reason>`. */
  headlineKey: string;
  detailKey?: string;
  /** Acquirer reference number to give the bank, once the gateway has one. */
  arn?: string;
  /** Refunded within a day of capture: the bank shows the charge vanishing, not a credit. */
  reversal: boolean;
  /** The shopper has a choice to make (a link was e-mailed). */
  fallbackOpen: boolean;
  /** The open offer (with its link) or the choice made, while the refund is not settled. */
  choice?: TrackerChoice;
};

/** Within this long after capture, card networks usually reverse the charge instead of crediting. */
export const REVERSAL_WINDOW_MS = 24 * 3_600_000;

const PENDING_REASONS: Record<string, TrackerReason> = {
  processing: "processing",
  insufficient_funds: "insufficient_merchant_balance",
  charge_pending: "charge_pending",
};

const FAILURE_REASONS: Record<string, TrackerReason> = {
  expired_or_canceled_card: "card_expired",
  account_closed: "account_closed",
  lost_or_stolen_card: "card_lost",
  declined: "declined",
  charge_for_pending_refund_disputed: "disputed",
  no_gateway_adapter: "manual",
};

export function trackRefund(input: TrackerInput): RefundTracker {
  const { state, reason } = stateOf(input);
  const sent = state === "pending" || state === "requires_action" || state === "succeeded";
  return {
    state,
    ...(reason ? { reason } : {}),
    headlineKey: `tracker.state.${state}`,
    ...(reason ? { detailKey: `tracker.reason.${reason}` } : {}),
    ...(input.arn && sent ? { arn: input.arn } : {}),
    reversal: sent && isReversal(input),
    fallbackOpen: state === "failed" && input.fallback?.status === "open",
    ...(liveChoice(state, input.fallback) ?? {}),
  };
}

function liveChoice(state: TrackerState, f: TrackerInput["fallback"]): { choice: TrackerChoice } | null {
  if (!f) return null;
  const open = f.status === "open" && state === "failed";
  const chosen =
    f.status === "chosen" && ["failed", "preparing", "pending", "requires_action"].includes(state);
  if (!open && !chosen) return null;
  return {
    choice: {
      status: open ? "open" : "chosen",
      choice: f.choice,
      ...(open && f.path ? { path: f.path } : {}),
      ...(open && f.expiresAt ? { expiresAt: f.expiresAt } : {}),
      ...(chosen && f.maskedIban ? { maskedIban: f.maskedIban } : {}),
    },
  };
}

function stateOf(input: TrackerInput): { state: TrackerState; reason?: TrackerReason } {
  if (input.held && input.status !== "succeeded" && input.status !== "canceled") {
    return { state: "on_hold", reason: "disputed" };
  }
  if (input.kind === "void") {
    if (input.status === "succeeded") return { state: "voided" };
    if (input.status === "failed") return { state: "failed", reason: "other" };
    return { state: "pending", reason: "processing" };
  }
  switch (input.status) {
    case "pending":
      return { state: "preparing" };
    case "submitted":
      if (input.gatewayStatus === "requires_action")
        return { state: "requires_action", reason: "requires_action" };
      return {
        state: "pending",
        reason: lookUp(PENDING_REASONS, input.pendingReason) ?? "processing",
      };
    case "succeeded":
      if (input.offline)
        return { state: input.fallback?.choice === "store_credit" ? "store_credit" : "paid_offline" };
      return { state: "succeeded" };
    case "failed":
      return { state: "failed", reason: lookUp(FAILURE_REASONS, input.failureCode) ?? "other" };
    case "canceled":
      return { state: "canceled" };
    default:
      return { state: "preparing" };
  }
}

/** The gateway's code mapped, or undefined: a code such as "toString" is not the object's property. */
function lookUp(map: Record<string, TrackerReason>, code: string | null | undefined) {
  return code != null && Object.hasOwn(map, code) ? map[code] : undefined;
}

function isReversal(input: TrackerInput): boolean {
  if (input.kind !== "refund" || input.offline || input.paymentMethodType === "bank_transfer") return false;
  if (!input.capturedAt || !input.submittedAt) return false;
  const gap = input.submittedAt.getTime() - input.capturedAt.getTime();
  return gap >= 0 && gap < REVERSAL_WINDOW_MS;
}
