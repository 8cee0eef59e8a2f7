"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { money } from "@/lib/console/format";
import {
  recordOfflineRefundAction,
  releaseFailedRefundAction,
  retryJobAction,
  retryRefundAction,
} from "@/lib/console/order-actions";
import { useResultAction } from "./use-result-action";

export function RetryRefundButton({ refundId, orderNumber }: { refundId: string; orderNumber: string }) {
  const retry = useResultAction(retryRefundAction);
  return (
    <div className="space-y-1">
      <Button
        size="sm"
        variant="primary"
        pending={retry.pending}
        aria-label={`Retry the refund on #${orderNumber}`}
        onClick={() => retry.run({ refundId }, { success: "Sent again." })}
      >
        Retry
      </Button>
      {retry.feedback && (
        <p
          className={retry.feedback.tone === "error" ? "text-xs text-red-700" : "text-xs text-emerald-700"}
          role="status"
        >
          {retry.feedback.message}
        </p>
      )}
    </div>
  );
}

type RefundDialogProps = { refundId: string; orderNumber: string; amount: number; currency: string };

export function OfflineRefundDialog(props: RefundDialogProps) {
  return (
    <RefundNoteDialog
      refundId={props.refundId}
      action={recordOfflineRefundAction}
      title={`Record an offline refund on #${props.orderNumber}`}
      description={`Use this when you paid ${money(props.amount, props.currency)} back outside the payment gateway, e.g. by bank transfer. The refund is marked as succeeded; no money moves through the gateway.`}
      trigger={{ label: "Paid offline…", variant: "secondary" }}
      noteLabel="How was it paid?"
      noteHint="For example: bank transfer to the shopper's account, reference 2026-11-23-1010."
      submit={{ label: "Record offline refund", variant: "primary" }}
    />
  );
}

/** Owner only: the failed refund stops holding its amount and items, with a reason for the audit log. */
export function ReleaseRefundDialog(props: RefundDialogProps) {
  return (
    <RefundNoteDialog
      refundId={props.refundId}
      action={releaseFailedRefundAction}
      title={`Release the failed refund on #${props.orderNumber}`}
      description={`The refund of ${money(props.amount, props.currency)} is cancelled and stops holding its amount and items, so they can be refunded again. The shopper's open choice is closed. Use this when the money will not be paid through this refund (for example it reached the shopper another way).`}
      trigger={{ label: "Release…", variant: "ghost" }}
      noteLabel="Why is it released?"
      noteHint="Kept in the audit log."
      submit={{ label: "Release reservation", variant: "danger" }}
    />
  );
}

/** A staff action on one refund that takes a required note (kept in the audit log). */
function RefundNoteDialog(props: {
  refundId: string;
  action: typeof recordOfflineRefundAction;
  title: string;
  description: string;
  trigger: { label: string; variant: "secondary" | "ghost" };
  noteLabel: string;
  noteHint: string;
  submit: { label: string; variant: "primary" | "danger" };
}) {
  const act = useResultAction(props.action);
  return (
    <Dialog
      title={props.title}
      description={props.description}
      trigger={{ label: props.trigger.label, size: "sm", variant: props.trigger.variant }}
    >
      {(close) => (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const note = String(new FormData(e.currentTarget).get("note") ?? "");
            act.run({ refundId: props.refundId, note }, { onSuccess: close });
          }}
        >
          {act.feedback && <Alert tone={act.feedback.tone}>{act.feedback.message}</Alert>}
          <TextAreaField
            label={props.noteLabel}
            name="note"
            rows={3}
            required
            minLength={3}
            hint={props.noteHint}
            errors={act.fieldErrors.note}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Back</Button>
            <Button type="submit" variant={props.submit.variant} pending={act.pending}>
              {props.submit.label}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function RetryJobButton({ jobId }: { jobId: string }) {
  const retry = useResultAction(retryJobAction);
  return (
    <div className="space-y-1">
      <Button
        size="sm"
        pending={retry.pending}
        onClick={() => retry.run({ jobId }, { success: "Queued again." })}
      >
        Retry job
      </Button>
      {retry.feedback && (
        <p
          className={retry.feedback.tone === "error" ? "text-xs text-red-700" : "text-xs text-emerald-700"}
          role="status"
        >
          {retry.feedback.message}
        </p>
      )}
    </div>
  );
}
