// The shopper's timeline of requests and refunds, as a pure function of rows and events.
// It says what happened and what comes next in fixed steps (so the page does not jump when a
// step completes), never raw enum names: the UI translates step kinds, not statuses.
import { arrivalWindow, isOverdue } from "@/lib/calendar/business-days";
import type { RefundTracker } from "@/lib/reconcile/tracker";

export type StepKind =
  | "requested"
  | "review"
  | "approved"
  | "declined"
  | "withdrawn"
  | "send_items"
  | "items_received"
  | "no_return_needed"
  | "refund_issued"
  | "refund_sent"
  | "arrival"
  | "completed"
  | "failed";

/** done: happened; current: what we wait for now; upcoming: later; problem: needs attention. */
export type StepState = "done" | "current" | "upcoming" | "problem";

export type TimelineStep = {
  kind: StepKind;
  state: StepState;
  /** ISO instant when the step happened. */
  at: string | null;
  by?: "rule" | "store" | "shopper" | "system";
  /** Words from the store or its rules, already in the shopper's language. */
  message?: string;
  /** Arrival window as the store's local dates; `estimated` until the refund is sent. */
  window?: { from: string; to: string; estimated: boolean; overdue: boolean };
  /** Business days of the arrival window, for "usually 5–10 business days". */
  businessDays?: [number, number];
  /** Failure category the UI explains (card_expired, account_closed, …). */
  failure?: FailureKind;
};

export type FailureKind = "card_expired" | "account_closed" | "card_lost" | "declined" | "manual" | "other";

export type TimelineEntry = {
  id: string;
  subject: "cancellation" | "return" | "refund";
  outcome: "open" | "completed" | "declined" | "withdrawn" | "problem";
  createdAt: string;
  amount: number;
  currency: string;
  items: { title: string; variantTitle: string | null; quantity: number }[];
  reasonCode: string | null;
  /** Ids of the photos the shopper attached (served by the order's photo route). */
  photos: string[];
  canWithdraw: boolean;
  /** False once nothing about this entry can change any more. */
  live: boolean;
  steps: TimelineStep[];
  /** Where the money is, in the tracker's words (lib/reconcile/tracker), when a refund exists. */
  tracker?: RefundTracker;
  /** The refund is less than was asked for: how much was asked, what was left out, and why. */
  partial?: {
    requested: number;
    notRefunded: { title: string; variantTitle: string | null; quantity: number }[];
    /** The store's words for the amount, when it set one. */
    reason: string | null;
  };
};

export type OrderTimeline = { entries: TimelineEntry[]; live: boolean; now: string };

export type TimelineRequest = {
  id: string;
  type: "cancellation" | "return";
  status: string;
  reasonCode: string;
  previewAmount: number;
  currency: string;
  createdAt: Date;
  decidedAt: Date | null;
  decision: {
    outcome: string;
    ruleId?: string;
    staffUserId?: string;
    shopperMessage?: Record<string, string>;
  } | null;
  items: { lineItemId: string; quantity: number }[];
  photoIds?: string[];
};

export type TimelineRefund = {
  id: string;
  requestId: string | null;
  status: string;
  amount: number;
  currency: string;
  paymentMethodType: "card" | "wallet" | "bank_transfer";
  createdByType: string;
  createdAt: Date;
  submittedAt: Date | null;
  settledAt: Date | null;
  expectedFrom: string | null;
  expectedTo: string | null;
  failureCode: string | null;
  /** The units it covers; absent when not read. */
  lines?: { lineItemId: string; quantity: number }[];
  /** Why staff set this amount (a request's refund), or why they refunded (no request). */
  note?: string | null;
};

export type TimelineEvent = {
  subjectId: string;
  type: string;
  actorType: string;
  data: Record<string, unknown>;
  createdAt: Date;
};

export type TimelineInput = {
  requests: TimelineRequest[];
  refunds: TimelineRefund[];
  events: TimelineEvent[];
  lines: { id: string; title: string; variantTitle: string | null }[];
  store: { timeZone: string; holidays: string[]; arrivalWindows: Record<string, [number, number]> };
  locale: string;
  now: Date;
};

const OPEN_REQUEST = new Set([
  "submitted",
  "auto_approved",
  "pending_review",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
]);
const WITHDRAWABLE = new Set(["submitted", "pending_review"]);
const APPROVED_OR_LATER = new Set([
  "auto_approved",
  "approved",
  "awaiting_item",
  "item_received",
  "refunding",
  "completed",
]);
const LIVE_REFUND = new Set(["pending", "submitted", "failed"]);

export function buildOrderTimeline(input: TimelineInput): OrderTimeline {
  const fromRequests = input.requests.map((r) => requestEntry(r, input));
  const standalone = input.refunds
    .filter((f) => !f.requestId && f.status !== "canceled")
    .map((f) => refundEntry(f, input));
  const entries = [...fromRequests, ...standalone].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { entries, live: entries.some((e) => e.live), now: input.now.toISOString() };
}

function requestEntry(request: TimelineRequest, input: TimelineInput): TimelineEntry {
  const events = input.events.filter((e) => e.subjectId === request.id);
  const refund = latestRefund(input.refunds.filter((f) => f.requestId === request.id));
  // The store's own scan (ship-by SLA) files requests too: the shopper cannot take those back.
  const filedBy = events.find((e) => e.type === "request.submitted")?.actorType;
  const steps: TimelineStep[] = [
    {
      kind: "requested",
      state: "done",
      at: iso(lastEvent(events, "request.submitted")?.createdAt ?? request.createdAt),
      by: filedBy === "staff" || filedBy === "system" ? "store" : "shopper",
    },
    decisionStep(request, events, input.locale),
  ];
  // Approved and undecided requests show every step ahead, so a later update only restyles them.
  const decided = steps[1]!;
  if (decided.kind === "approved" || decided.kind === "review") {
    if (request.type === "return") steps.push(...returnSteps(request, events, refund));
    steps.push(...refundSteps(refund, input, request.status === "completed"));
  }
  const outcome = entryOutcome(request.status, refund);
  return {
    id: request.id,
    subject: request.type,
    outcome,
    createdAt: iso(request.createdAt)!,
    amount: refund?.amount ?? request.previewAmount,
    currency: refund?.currency ?? request.currency,
    items: itemsOf(request.items, input.lines),
    reasonCode: request.reasonCode,
    photos: request.photoIds ?? [],
    canWithdraw: WITHDRAWABLE.has(request.status) && filedBy !== "system",
    live: OPEN_REQUEST.has(request.status) || (refund ? LIVE_REFUND.has(refund.status) : false),
    steps: markCurrent(steps),
    ...partialOf(request, refund, input.lines),
  };
}

/**
 * A refund below what the request asked for says so: units the store left out and the reason it
 * gave for the amount. A refund only cents off (proration after another refund) is not partial.
 */
function partialOf(
  request: TimelineRequest,
  refund: TimelineRefund | null,
  lines: TimelineInput["lines"],
): Pick<TimelineEntry, "partial"> {
  if (!refund || refund.status === "canceled" || refund.amount >= request.previewAmount) return {};
  const refunded = (lineItemId: string) =>
    (refund.lines ?? []).filter((l) => l.lineItemId === lineItemId).reduce((n, l) => n + l.quantity, 0);
  const left = refund.lines
    ? request.items
        .map((i) => ({ lineItemId: i.lineItemId, quantity: i.quantity - refunded(i.lineItemId) }))
        .filter((i) => i.quantity > 0)
    : [];
  const reason = refund.note?.trim() || null;
  if (left.length === 0 && !reason) return {};
  return { partial: { requested: request.previewAmount, notRefunded: itemsOf(left, lines), reason } };
}

function refundEntry(refund: TimelineRefund, input: TimelineInput): TimelineEntry {
  const steps: TimelineStep[] = [
    {
      kind: "refund_issued",
      state: "done",
      at: iso(refund.createdAt),
      by: refund.createdByType === "staff" || refund.createdByType === "api" ? "store" : "system",
    },
    ...refundSteps(refund, input, false),
  ];
  return {
    id: refund.id,
    subject: "refund",
    outcome: entryOutcome(null, refund),
    createdAt: iso(refund.createdAt)!,
    amount: refund.amount,
    currency: refund.currency,
    items: [],
    reasonCode: null,
    photos: [],
    canWithdraw: false,
    live: LIVE_REFUND.has(refund.status),
    steps: markCurrent(steps),
  };
}

function decisionStep(request: TimelineRequest, events: TimelineEvent[], locale: string): TimelineStep {
  const message = localized(request.decision?.shopperMessage, locale);
  if (request.status === "withdrawn") {
    return {
      kind: "withdrawn",
      state: "done",
      at: iso(lastEvent(events, "request.withdrawn")?.createdAt ?? null),
    };
  }
  if (request.status === "declined") {
    const event = lastEvent(events, "request.declined");
    const eventMessage = typeof event?.data.message === "string" ? event.data.message : undefined;
    return {
      kind: "declined",
      state: "problem",
      at: iso(event?.createdAt ?? request.decidedAt),
      by: event?.actorType === "rule" ? "rule" : "store",
      message: message ?? eventMessage,
    };
  }
  if (APPROVED_OR_LATER.has(request.status)) {
    const event = lastEvent(events, "request.auto_approved") ?? lastEvent(events, "request.approved");
    const byRule = event ? event.actorType === "rule" : request.decision?.outcome === "auto_approve";
    return {
      kind: "approved",
      state: "done",
      at: iso(event?.createdAt ?? request.decidedAt),
      by: byRule ? "rule" : "store",
      ...(byRule && message ? { message } : {}),
    };
  }
  // submitted or pending_review: a person (or the rules, in a moment) still has to decide.
  return {
    kind: "review",
    state: "current",
    at: iso(lastEvent(events, "request.sent_to_review")?.createdAt ?? null),
  };
}

function returnSteps(
  request: TimelineRequest,
  events: TimelineEvent[],
  refund: TimelineRefund | null,
): TimelineStep[] {
  const received = lastEvent(events, "request.item_received");
  // Refunded by the store before anything came back: nothing was received, nothing is to be sent.
  if (!received && refund && request.status !== "item_received") {
    return [{ kind: "no_return_needed", state: "done", at: iso(refund.createdAt) }];
  }
  const receivedState = received || ["item_received", "refunding", "completed"].includes(request.status);
  return [
    { kind: "send_items", state: receivedState ? "done" : "upcoming", at: null },
    {
      kind: "items_received",
      state: receivedState ? "done" : "upcoming",
      at: iso(received?.createdAt ?? null),
    },
  ];
}

function refundSteps(
  refund: TimelineRefund | null,
  input: TimelineInput,
  requestCompleted: boolean,
): TimelineStep[] {
  const events = refund ? input.events.filter((e) => e.subjectId === refund.id) : [];
  const days = input.store.arrivalWindows[refund?.paymentMethodType ?? "card"] ?? [5, 10];
  const sent = !!refund && ["submitted", "succeeded"].includes(refund.status);
  const succeeded = refund?.status === "succeeded" || (requestCompleted && !refund);
  const failed = refund?.status === "failed";
  const sentAt = refund?.submittedAt ?? lastEvent(events, "refund.submitted")?.createdAt ?? null;
  const steps: TimelineStep[] = [
    {
      kind: "refund_sent",
      state: sent || (failed && sentAt) ? "done" : "upcoming",
      at: iso(sent || failed ? sentAt : null),
    },
  ];
  // A refund the bank sent back has no arrival to wait for; a retry brings the step back.
  if (failed) {
    const event = lastEvent(events, "refund.failed");
    steps.push({
      kind: "failed",
      state: "problem",
      at: iso(event?.createdAt ?? refund.createdAt),
      failure: failureKind(refund.failureCode),
    });
  } else {
    const at = refund?.settledAt ?? lastEvent(events, "refund.succeeded")?.createdAt ?? null;
    steps.push({ kind: "completed", state: succeeded ? "done" : "upcoming", at: iso(succeeded ? at : null) });
    const window =
      refund && (sent || succeeded) ? windowOf(refund, sentAt, days, input, succeeded) : undefined;
    steps.push({
      kind: "arrival",
      state: arrived(succeeded, window, input) ? "done" : "upcoming",
      at: null,
      businessDays: days,
      ...(window ? { window } : {}),
    });
  }
  return steps;
}

// Paid by the gateway is not yet on the statement: the arrival is done once its last day has passed
// (an authorisation released without a refund row has nothing to arrive).
function arrived(succeeded: boolean, window: TimelineStep["window"], input: TimelineInput): boolean {
  if (!succeeded) return false;
  return !window || isOverdue(window.to, input.now, input.store.timeZone);
}

function windowOf(
  refund: TimelineRefund,
  sentAt: Date | null,
  days: [number, number],
  input: TimelineInput,
  settled: boolean,
): NonNullable<TimelineStep["window"]> {
  const { timeZone, holidays } = input.store;
  const stored =
    refund.expectedFrom && refund.expectedTo ? { from: refund.expectedFrom, to: refund.expectedTo } : null;
  const window = stored ?? arrivalWindow(sentAt ?? refund.createdAt, days, timeZone, holidays);
  return {
    ...window,
    estimated: !stored && !sentAt,
    overdue: !settled && isOverdue(window.to, input.now, timeZone),
  };
}

/** The first step that is not done becomes current, unless a problem already ends the entry. */
function markCurrent(steps: TimelineStep[]): TimelineStep[] {
  if (steps.some((s) => s.state === "problem" || s.state === "current")) return steps;
  const next = steps.findIndex((s) => s.state === "upcoming");
  if (next >= 0) steps[next] = { ...steps[next]!, state: "current" };
  return steps;
}

function entryOutcome(requestStatus: string | null, refund: TimelineRefund | null): TimelineEntry["outcome"] {
  if (requestStatus === "declined") return "declined";
  if (requestStatus === "withdrawn") return "withdrawn";
  if (refund?.status === "failed") return "problem";
  if (requestStatus === "completed" || (requestStatus === null && refund?.status === "succeeded"))
    return "completed";
  return "open";
}

export function failureKind(code: string | null): FailureKind {
  switch (code) {
    case "expired_or_canceled_card":
      return "card_expired";
    case "account_closed":
      return "account_closed";
    case "lost_or_stolen_card":
      return "card_lost";
    case "declined":
      return "declined";
    // No gateway adapter can send it: staff pay it another way (lib/refunds NO_GATEWAY_ADAPTER).
    case "no_gateway_adapter":
      return "manual";
    default:
      return "other";
  }
}

// A retried refund leaves the failed attempt's row canceled or replaced; show the newest live one.
function latestRefund(refunds: TimelineRefund[]): TimelineRefund | null {
  const live = refunds.filter((f) => f.status !== "canceled");
  const pool = live.length ? live : refunds;
  return pool.reduce<TimelineRefund | null>((a, b) => (!a || b.createdAt > a.createdAt ? b : a), null);
}

function lastEvent(events: TimelineEvent[], type: string): TimelineEvent | undefined {
  return events.filter((e) => e.type === type).at(-1);
}

function localized(text: Record<string, string> | undefined, locale: string): string | undefined {
  if (!text) return undefined;
  return text[locale] ?? text.en ?? Object.values(text)[0];
}

function itemsOf(items: TimelineRequest["items"], lines: TimelineInput["lines"]): TimelineEntry["items"] {
  return items.flatMap((i) => {
    const line = lines.find((l) => l.id === i.lineItemId);
    return line ? [{ title: line.title, variantTitle: line.variantTitle, quantity: i.quantity }] : [];
  });
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What the order page polls: the timeline plus a version that changes with the order's state. */
export type OrderStatusPayload = { timeline: OrderTimeline; version: string };
