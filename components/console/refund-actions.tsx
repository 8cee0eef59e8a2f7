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

export function OfflineRefundDialog(props: {
  refundId: string;
  orderNumber: string;
  amount: number;
  currency: string;
}) {
  const record = useResultAction(recordOfflineRefundAction);
  return (
    <Dialog
      title={`Record an offline refund on #${props.orderNumber}`}
      description={`Use this when you paid ${money(props.amount, props.currency)} back outside the payment gateway, e.g. by bank transfer. The refund is marked as succeeded; no money moves through the gateway.`}
      trigger={{ label: "Paid offline…", size: "sm", variant: "secondary" }}
    >
      {(close) => (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const note = String(new FormData(e.currentTarget).get("note") ?? "");
            record.run({ refundId: props.refundId, note }, { onSuccess: close });
          }}
        >
          {record.feedback && <Alert tone={record.feedback.tone}>{record.feedback.message}</Alert>}
          <TextAreaField
            label="How was it paid?"
            name="note"
            rows={3}
            required
            minLength={3}
            hint="For example: bank transfer to the shopper's account, reference 2026-11-23-1010."
            errors={record.fieldErrors.note}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Back</Button>
            <Button type="submit" variant="primary" pending={record.pending}>
              Record offline refund
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** Owner only: the failed refund stops holding its amount and items, with a reason for the audit log. */
export function ReleaseRefundDialog(props: {
  refundId: string;
  orderNumber: string;
  amount: number;
  currency: string;
}) {
  const release = useResultAction(releaseFailedRefundAction);
  return (
    <Dialog
      title={`Release the failed refund on #${props.orderNumber}`}
      description={`The refund of ${money(props.amount, props.currency)} is cancelled and stops holding its amount and items, so they can be refunded again. The shopper's open choice is closed. Use this when the money will not be paid through this refund (for example it reached the shopper another way).`}
      trigger={{ label: "Release…", size: "sm", variant: "ghost" }}
    >
      {(close) => (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const note = String(new FormData(e.currentTarget).get("note") ?? "");
            release.run({ refundId: props.refundId, note }, { onSuccess: close });
          }}
        >
          {release.feedback && <Alert tone={release.feedback.tone}>{release.feedback.message}</Alert>}
          <TextAreaField
            label="Why is it released?"
            name="note"
            rows={3}
            required
            minLength={3}
            hint="Kept in the audit log."
            errors={release.fieldErrors.note}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Back</Button>
            <Button type="submit" variant="danger" pending={release.pending}>
              Release reservation
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
