"use client";
// Approve (with a full or adjusted refund and restock per line) or decline a request.
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TextAreaField } from "@/components/ui/field";
import { approveRequestAction, declineRequestAction } from "@/lib/console/request-actions";
import { money } from "@/lib/console/format";
import type { RefundableOrder } from "@/lib/money";
import { RefundFields, type RefundLineOption, useRefundDraft } from "./refund-fields";
import { useResultAction } from "./use-result-action";

type Props = {
  requestId: string;
  type: "cancellation" | "return";
  status: string;
  currency: string;
  order: RefundableOrder;
  lines: RefundLineOption[];
  includeShippingByDefault: boolean;
  canExceedStoreMax: boolean;
};

type Mode = "approve" | "decline";

export function DecisionPanel(props: Props) {
  const [mode, setMode] = useState<Mode>("approve");
  const tabId = useId();
  return (
    <div>
      <div
        role="tablist"
        aria-label="Decision"
        className="mb-4 flex gap-1 rounded-md bg-stone-100 p-1"
        onKeyDown={(e) => {
          // Arrow keys move between the two tabs, as the tabs pattern expects.
          if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
          const next = mode === "approve" ? "decline" : "approve";
          setMode(next);
          document.getElementById(`${tabId}-${next}`)?.focus();
        }}
      >
        {(["approve", "decline"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`${tabId}-${m}`}
            aria-selected={mode === m}
            aria-controls={`${tabId}-panel`}
            tabIndex={mode === m ? 0 : -1}
            onClick={() => setMode(m)}
            className={cn(
              "flex-1 rounded px-3 py-1.5 text-sm font-medium",
              mode === m ? "bg-white text-stone-900 shadow-xs" : "text-stone-600 hover:text-stone-900",
            )}
          >
            {m === "approve" ? "Approve" : "Decline"}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabId}-panel`} aria-labelledby={`${tabId}-${mode}`}>
        {mode === "approve" ? <ApproveForm {...props} /> : <DeclineForm requestId={props.requestId} />}
      </div>
    </div>
  );
}

function ApproveForm(props: Props) {
  const approve = useResultAction(approveRequestAction);
  // A return normally waits for its item; a received return or a cancellation refunds now.
  const mustRefundNow = props.type === "cancellation" || props.status === "item_received";
  const [refundNow, setRefundNow] = useState(mustRefundNow);
  const [note, setNote] = useState("");
  const refund = useRefundDraft({
    order: props.order,
    lines: props.lines,
    currency: props.currency,
    includeShipping: props.includeShippingByDefault,
    restock: props.type === "return",
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (refundNow && refund.problem) return;
    approve.run(
      {
        requestId: props.requestId,
        refund: refundNow ? refund.draft : undefined,
        note: note.trim() || undefined,
      },
      {
        success: (data) =>
          data.refundId
            ? `Approved. A refund of ${money(refund.total, props.currency)} is on its way.`
            : "Approved. The shopper has been sent return instructions.",
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Approve the request" noValidate>
      {approve.feedback && <Alert tone={approve.feedback.tone}>{approve.feedback.message}</Alert>}
      {!mustRefundNow && (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-stone-800">Refund</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="refund-when"
              checked={!refundNow}
              onChange={() => setRefundNow(false)}
              className="accent-brand-700"
            />
            When the item is back (send return instructions)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="refund-when"
              checked={refundNow}
              onChange={() => setRefundNow(true)}
              className="accent-brand-700"
            />
            Refund now
          </label>
        </fieldset>
      )}
      {refundNow && (
        <>
          <RefundFields
            fields={refund.fields}
            showRestock={props.type === "return"}
            fieldErrors={approve.fieldErrors}
          />
          {!props.canExceedStoreMax && (
            <p className="text-xs text-stone-600">
              Refunds above the store&apos;s maximum per order need an owner.
            </p>
          )}
        </>
      )}
      <TextAreaField
        label="Internal note (optional)"
        hint="Staff only; the shopper never sees it."
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        errors={approve.fieldErrors.note}
      />
      <Button
        type="submit"
        variant="primary"
        pending={approve.pending}
        disabled={refundNow && Boolean(refund.problem)}
        className="w-full"
      >
        {refundNow ? `Approve and refund ${money(refund.total, props.currency)}` : "Approve return"}
      </Button>
    </form>
  );
}

function DeclineForm({ requestId }: { requestId: string }) {
  const decline = useResultAction(declineRequestAction);
  return (
    <form
      aria-label="Decline the request"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const message = String(new FormData(e.currentTarget).get("message") ?? "");
        decline.run({ requestId, message }, { success: "Declined. The shopper has been told why." });
      }}
    >
      {decline.feedback && <Alert tone={decline.feedback.tone}>{decline.feedback.message}</Alert>}
      <TextAreaField
        label="Message to the shopper"
        hint="Explain the decision and what they can do next. They receive it by e-mail and on their order page."
        name="message"
        rows={4}
        required
        minLength={3}
        errors={decline.fieldErrors.message}
      />
      <Button type="submit" variant="danger" pending={decline.pending} className="w-full">
        Decline request
      </Button>
    </form>
  );
}
