import { describe, expect, it } from "vitest";
import {
  buildOrderTimeline,
  type TimelineEvent,
  type TimelineInput,
  type TimelineRefund,
  type TimelineRequest,
} from "@/lib/timeline/model";

const NOW = new Date("2026-11-23T12:00:00Z"); // a Monday
const at = (iso: string) => new Date(iso);
const store = {
  timeZone: "Europe/Oslo",
  holidays: ["2026-12-24", "2026-12-25"],
  arrivalWindows: {
    card: [5, 10] as [number, number],
    wallet: [1, 3] as [number, number],
    bank_transfer: [3, 5] as [number, number],
  },
};
const lines = [
  { id: "line-1", title: "Aurora Wool Sweater", variantTitle: "M" },
  { id: "line-2", title: "Nordlys Beanie", variantTitle: null },
];

function request(overrides: Partial<TimelineRequest> = {}): TimelineRequest {
  return {
    id: "req-1",
    type: "cancellation",
    status: "submitted",
    reasonCode: "changed_mind",
    previewAmount: 237_000,
    currency: "NOK",
    createdAt: at("2026-11-23T10:00:00Z"),
    decidedAt: null,
    decision: null,
    items: [{ lineItemId: "line-1", quantity: 1 }],
    ...overrides,
  };
}

function refund(overrides: Partial<TimelineRefund> = {}): TimelineRefund {
  return {
    id: "ref-1",
    requestId: "req-1",
    status: "pending",
    amount: 237_000,
    currency: "NOK",
    paymentMethodType: "card",
    createdByType: "rule",
    createdAt: at("2026-11-23T10:00:01Z"),
    submittedAt: null,
    settledAt: null,
    expectedFrom: null,
    expectedTo: null,
    failureCode: null,
    ...overrides,
  };
}

const event = (
  subjectId: string,
  type: string,
  iso: string,
  actorType = "system",
  data = {},
): TimelineEvent => ({
  subjectId,
  type,
  actorType,
  data,
  createdAt: at(iso),
});

function build(input: Partial<TimelineInput>) {
  return buildOrderTimeline({
    requests: [],
    refunds: [],
    events: [],
    lines,
    store,
    locale: "en",
    now: NOW,
    ...input,
  });
}

const kinds = (steps: { kind: string; state: string }[]) => steps.map((s) => `${s.kind}:${s.state}`);

describe("the shopper's timeline", () => {
  it("shows a pending review with every later step laid out ahead, and allows withdrawing", () => {
    const timeline = build({
      requests: [request({ status: "pending_review" })],
      events: [
        event("req-1", "request.submitted", "2026-11-23T10:00:00Z", "shopper"),
        event("req-1", "request.sent_to_review", "2026-11-23T10:00:00Z", "rule"),
      ],
    });
    const [entry] = timeline.entries;
    expect(kinds(entry!.steps)).toEqual([
      "requested:done",
      "review:current",
      "refund_sent:upcoming",
      "completed:upcoming",
      "arrival:upcoming",
    ]);
    expect(entry!.canWithdraw).toBe(true);
    expect(entry!.live).toBe(true);
    expect(timeline.live).toBe(true);
  });

  it("names the rule's shopper message in the shopper's language for an automatic approval", () => {
    const timeline = build({
      locale: "nb",
      requests: [
        request({
          status: "refunding",
          decidedAt: at("2026-11-23T10:00:00Z"),
          decision: {
            outcome: "auto_approve",
            ruleId: "cancel-unfulfilled",
            shopperMessage: { en: "Approved: not shipped.", nb: "Godkjent: ikke sendt." },
          },
        }),
      ],
      refunds: [refund()],
      events: [event("req-1", "request.auto_approved", "2026-11-23T10:00:00Z", "rule")],
    });
    const approved = timeline.entries[0]!.steps[1]!;
    expect(approved).toMatchObject({
      kind: "approved",
      state: "done",
      by: "rule",
      message: "Godkjent: ikke sendt.",
    });
    expect(timeline.entries[0]!.canWithdraw).toBe(false);
    // The refund exists but has not been sent: sending it is what happens now.
    expect(kinds(timeline.entries[0]!.steps).slice(2)).toEqual([
      "refund_sent:current",
      "completed:upcoming",
      "arrival:upcoming",
    ]);
  });

  it("computes the arrival window in business days from when the refund was sent, skipping weekends and holidays", () => {
    const timeline = build({
      requests: [request({ status: "refunding", decision: { outcome: "approve", staffUserId: "s1" } })],
      refunds: [refund({ status: "submitted", submittedAt: at("2026-12-18T09:00:00Z") })],
      events: [event("req-1", "request.approved", "2026-12-18T08:00:00Z", "staff")],
    });
    const steps = timeline.entries[0]!.steps;
    expect(steps[1]).toMatchObject({ kind: "approved", by: "store" });
    // Friday 18 Dec + 5 business days: 21, 22, 23, (24, 25 holidays), 28, 29 → 29 Dec; + 10 → 4 Jan.
    expect(steps.find((s) => s.kind === "arrival")).toMatchObject({
      state: "upcoming",
      window: { from: "2026-12-29", to: "2027-01-05", estimated: false },
    });
  });

  it("prefers the window stored on the refund and flags it overdue once it has passed", () => {
    const timeline = build({
      requests: [request({ status: "refunding", decision: { outcome: "auto_approve" } })],
      refunds: [
        refund({
          status: "submitted",
          submittedAt: at("2026-11-02T09:00:00Z"),
          expectedFrom: "2026-11-09",
          expectedTo: "2026-11-16",
        }),
      ],
    });
    expect(timeline.entries[0]!.steps.find((s) => s.kind === "arrival")!.window).toEqual({
      from: "2026-11-09",
      to: "2026-11-16",
      estimated: false,
      overdue: true,
    });
  });

  it("ends a completed cancellation: every step done once the arrival days have passed, and stops being live", () => {
    const completed = (now: Date) =>
      build({
        now,
        requests: [request({ status: "completed", decision: { outcome: "auto_approve" } })],
        refunds: [
          refund({
            status: "succeeded",
            submittedAt: at("2026-11-23T10:00:05Z"),
            settledAt: at("2026-11-23T10:00:06Z"),
          }),
        ],
        events: [event("ref-1", "refund.succeeded", "2026-11-23T10:00:06Z", "gateway")],
      });
    const timeline = completed(NOW);
    const [entry] = timeline.entries;
    expect(entry!.outcome).toBe("completed");
    expect(entry!.live).toBe(false);
    expect(timeline.live).toBe(false);
    expect(entry!.steps.find((s) => s.kind === "completed")).toMatchObject({
      state: "done",
      at: "2026-11-23T10:00:06.000Z",
    });
    // Paid by the gateway today: the statement shows it within the window, not yet.
    const arrival = entry!.steps.at(-1)!;
    expect(arrival).toMatchObject({ kind: "arrival", state: "current" });
    expect(arrival.window!.to > "2026-11-23").toBe(true);

    const later = completed(new Date(`${arrival.window!.to}T23:30:00Z`)).entries[0]!;
    expect(later.steps.every((s) => s.state === "done")).toBe(true);
  });

  it("says a return refunded before anything came back needs no parcel, and what a partial refund left out", () => {
    const timeline = build({
      requests: [
        request({
          type: "return",
          status: "completed",
          previewAmount: 300_000,
          decision: { outcome: "approve", staffUserId: "s1" },
          items: [
            { lineItemId: "line-1", quantity: 1 },
            { lineItemId: "line-2", quantity: 2 },
          ],
        }),
      ],
      refunds: [
        refund({
          status: "succeeded",
          amount: 120_000,
          lines: [{ lineItemId: "line-1", quantity: 1 }],
          note: "Half the price for the stain; keep the sweater.",
        }),
      ],
      events: [event("req-1", "request.approved", "2026-11-23T10:00:00Z", "staff")],
    });
    const [entry] = timeline.entries;
    expect(kinds(entry!.steps).slice(2, 3)).toEqual(["no_return_needed:done"]);
    expect(entry!.steps.map((s) => s.kind)).not.toContain("items_received");
    expect(entry!.partial).toEqual({
      requested: 300_000,
      notRefunded: [{ title: "Nordlys Beanie", variantTitle: null, quantity: 2 }],
      reason: "Half the price for the stain; keep the sweater.",
    });
  });

  it("does not call a refund partial when it covers every unit without a reason (cents of proration)", () => {
    const timeline = build({
      requests: [request({ status: "refunding", previewAmount: 237_001 })],
      refunds: [refund({ amount: 237_000, lines: [{ lineItemId: "line-1", quantity: 1 }], note: null })],
    });
    expect(timeline.entries[0]!.partial).toBeUndefined();
  });

  it("explains a failed refund by category and keeps watching it (staff may retry)", () => {
    const timeline = build({
      requests: [request({ type: "return", status: "refunding", decision: { outcome: "auto_approve" } })],
      refunds: [
        refund({
          status: "failed",
          submittedAt: at("2026-11-18T10:00:00Z"),
          failureCode: "expired_or_canceled_card",
        }),
      ],
      events: [
        event("req-1", "request.item_received", "2026-11-18T09:00:00Z"),
        event("ref-1", "refund.failed", "2026-11-19T10:00:00Z", "gateway"),
      ],
    });
    const [entry] = timeline.entries;
    expect(kinds(entry!.steps)).toEqual([
      "requested:done",
      "approved:done",
      "send_items:done",
      "items_received:done",
      "refund_sent:done",
      "failed:problem",
    ]);
    expect(entry!.steps.at(-1)!.failure).toBe("card_expired");
    expect(entry!.outcome).toBe("problem");
    expect(entry!.live).toBe(true);
  });

  it("asks for the items once a return is approved", () => {
    const timeline = build({
      requests: [request({ type: "return", status: "awaiting_item", decision: { outcome: "auto_approve" } })],
    });
    expect(kinds(timeline.entries[0]!.steps).slice(2, 4)).toEqual([
      "send_items:current",
      "items_received:upcoming",
    ]);
  });

  it("stops after a decline with the store's reason, and after a withdrawal", () => {
    const declined = build({
      requests: [
        request({
          status: "declined",
          decision: { outcome: "decline", shopperMessage: { en: "Final-sale items cannot be returned." } },
        }),
      ],
      events: [event("req-1", "request.declined", "2026-11-23T10:00:00Z", "rule")],
    }).entries[0]!;
    expect(kinds(declined.steps)).toEqual(["requested:done", "declined:problem"]);
    expect(declined.steps[1]).toMatchObject({ message: "Final-sale items cannot be returned.", by: "rule" });
    expect(declined.live).toBe(false);

    const byStaff = build({
      requests: [request({ status: "declined" })],
      events: [
        event("req-1", "request.declined", "2026-11-23T10:00:00Z", "staff", {
          message: "Worn items cannot be returned.",
        }),
      ],
    }).entries[0]!;
    expect(byStaff.steps[1]).toMatchObject({ message: "Worn items cannot be returned.", by: "store" });

    const withdrawn = build({ requests: [request({ status: "withdrawn" })] }).entries[0]!;
    expect(kinds(withdrawn.steps)).toEqual(["requested:done", "withdrawn:done"]);
    expect(withdrawn).toMatchObject({ outcome: "withdrawn", live: false, canWithdraw: false });
  });

  it("shows refunds made without a request as their own entries, newest first, with item titles on requests", () => {
    const timeline = build({
      requests: [
        request({
          status: "completed",
          createdAt: at("2026-11-20T10:00:00Z"),
          items: [{ lineItemId: "line-2", quantity: 2 }],
        }),
      ],
      refunds: [
        refund({
          id: "ref-2",
          requestId: null,
          createdByType: "staff",
          status: "succeeded",
          createdAt: at("2026-11-22T10:00:00Z"),
        }),
        refund({ id: "ref-3", requestId: null, status: "canceled" }),
      ],
    });
    expect(timeline.entries.map((e) => e.id)).toEqual(["ref-2", "req-1"]);
    expect(timeline.entries[0]!.steps[0]).toMatchObject({ kind: "refund_issued", by: "store" });
    expect(timeline.entries[1]!.items).toEqual([
      { title: "Nordlys Beanie", variantTitle: null, quantity: 2 },
    ]);
  });

  it("never exposes raw statuses: every step kind is one the UI translates", () => {
    const known = new Set([
      "requested",
      "review",
      "approved",
      "declined",
      "withdrawn",
      "send_items",
      "items_received",
      "no_return_needed",
      "refund_issued",
      "refund_sent",
      "arrival",
      "completed",
      "failed",
    ]);
    for (const status of [
      "submitted",
      "auto_approved",
      "pending_review",
      "approved",
      "declined",
      "awaiting_item",
      "item_received",
      "refunding",
      "completed",
      "withdrawn",
    ]) {
      for (const refundStatus of ["pending", "submitted", "succeeded", "failed", "canceled"]) {
        const timeline = build({
          requests: [request({ status })],
          refunds: [refund({ status: refundStatus })],
        });
        for (const step of timeline.entries[0]!.steps) expect(known.has(step.kind)).toBe(true);
      }
    }
  });
});
