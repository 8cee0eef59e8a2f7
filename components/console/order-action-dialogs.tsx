"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { money } from "@/lib/console/format";
import {
  cancelAsFraudAction,
  cancelOrderAction,
  createManualRefundAction,
} from "@/lib/console/order-actions";
import type { RefundableOrder } from "@/lib/money";
import { CANCEL_REASONS } from "./labels";
import { RefundFields, type RefundLineOption, useRefundDraft } from "./refund-fields";
import { useResultAction } from "./use-result-action";

type CancelProps = {
  orderId: string;
  orderNumber: string;
  refundable: number;
  currency: string;
  /** Units still to ship (what a cancel stops). */
  openUnits: number;
  /** A fulfilment created but not handed to the carrier: the cancel cancels it first. */
  pendingFulfillments: number;
};

export function CancelOrderDialog(props: CancelProps) {
  const cancel = useResultAction(cancelOrderAction);
  return (
    <Dialog
      title={`Cancel order #${props.orderNumber}`}
      description="Stops every unit that has not shipped. Shipped units can only come back as a return."
      trigger={{ label: "Cancel order…", variant: "secondary" }}
    >
      {(close) => (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            cancel.run(
              {
                orderId: props.orderId,
                reason: String(form.get("reason") ?? "") as "customer",
                restock: form.get("restock") === "on",
                refund: form.get("refund") === "on",
                notifyShopper: form.get("notify") === "on",
                note: String(form.get("note") ?? ""),
              },
              { onSuccess: close },
            );
          }}
        >
          {cancel.feedback && <Alert tone={cancel.feedback.tone}>{cancel.feedback.message}</Alert>}
          {props.pendingFulfillments > 0 && (
            <Alert tone="warning" title="A fulfilment will be cancelled first">
              {props.pendingFulfillments === 1
                ? "A fulfilment has"
                : `${props.pendingFulfillments} fulfilments have`}{" "}
              been created but not handed to the carrier. Cancelling the order cancels{" "}
              {props.pendingFulfillments === 1 ? "it" : "them"} first, so tell the warehouse not to ship.
            </Alert>
          )}
          <SelectField
            label="Reason"
            name="reason"
            defaultValue="customer"
            errors={cancel.fieldErrors.reason}
          >
            {CANCEL_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <CheckboxField name="restock" defaultChecked label="Put the items back in stock" />
          <CheckboxField
            name="refund"
            defaultChecked={props.refundable > 0}
            disabled={props.refundable === 0}
            label="Refund now"
            hint={
              props.refundable > 0
                ? `Refunds the cancelled items (and shipping if nothing shipped), up to ${money(props.refundable, props.currency)}.`
                : "Nothing was captured, so there is nothing to refund."
            }
          />
          <CheckboxField name="notify" defaultChecked label="E-mail the shopper" />
          <TextAreaField
            label="Internal note (optional)"
            name="note"
            rows={2}
            errors={cancel.fieldErrors.note}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Keep order</Button>
            <Button type="submit" variant="danger" pending={cancel.pending} disabled={props.openUnits === 0}>
              Cancel order
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function CancelAsFraudDialog(props: {
  orderId: string;
  orderNumber: string;
  refundable: number;
  currency: string;
  triggerSize?: "sm" | "md";
}) {
  const fraud = useResultAction(cancelAsFraudAction);
  return (
    <Dialog
      title={`Cancel #${props.orderNumber} as fraud`}
      description={`Cancels the order, refunds ${money(props.refundable, props.currency)} to the original payment, puts the items back in stock and records your note — in one step.`}
      trigger={{ label: "Cancel as fraud…", variant: "danger", size: props.triggerSize }}
    >
      {(close) => (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            fraud.run(
              {
                orderId: props.orderId,
                note: String(form.get("note") ?? ""),
                notifyShopper: form.get("notify") === "on",
              },
              { onSuccess: close },
            );
          }}
        >
          {fraud.feedback && <Alert tone={fraud.feedback.tone}>{fraud.feedback.message}</Alert>}
          <TextAreaField
            label="Note for the audit log"
            name="note"
            rows={3}
            required
            minLength={3}
            hint="What made this fraud: the signals you checked."
            errors={fraud.fieldErrors.note}
          />
          <CheckboxField
            name="notify"
            defaultChecked
            label="E-mail the shopper that the order was cancelled"
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Back</Button>
            <Button type="submit" variant="danger" pending={fraud.pending}>
              Cancel, refund and restock
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function ManualRefundDialog(props: {
  orderId: string;
  orderNumber: string;
  currency: string;
  order: RefundableOrder;
  lines: RefundLineOption[];
  canExceedStoreMax: boolean;
}) {
  const remaining = props.order.capturedAmount - props.order.refundedAmount;
  return (
    <Dialog
      title={`Refund on #${props.orderNumber}`}
      description={`Up to ${money(remaining, props.currency)} remains refundable. The refund goes to the original payment.`}
      trigger={{ label: "Refund…", variant: "secondary", disabled: remaining === 0 }}
      className="max-w-xl"
    >
      {(close) => <ManualRefundForm {...props} onDone={close} />}
    </Dialog>
  );
}

function ManualRefundForm(props: Parameters<typeof ManualRefundDialog>[0] & { onDone: () => void }) {
  const refund = useResultAction(createManualRefundAction);
  const draft = useRefundDraft({
    order: props.order,
    lines: props.lines,
    currency: props.currency,
    includeShipping: false,
    restock: false,
  });
  const [reason, setReason] = useState("");
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.problem && !(draft.fields.custom && !draft.fields.customError)) return;
        refund.run(
          {
            orderId: props.orderId,
            lines: draft.draft.lines,
            includeShipping: draft.draft.includeShipping,
            customAmount: draft.draft.customAmount,
            reason,
          },
          { onSuccess: props.onDone },
        );
      }}
    >
      {refund.feedback && <Alert tone={refund.feedback.tone}>{refund.feedback.message}</Alert>}
      <RefundFields
        fields={draft.fields}
        showRestock
        showCustomReason={false}
        fieldErrors={refund.fieldErrors}
      />
      <TextField
        label="Reason"
        hint="Kept on the refund and in the audit log."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={refund.fieldErrors.reason}
        required
      />
      {!props.canExceedStoreMax && (
        <p className="text-xs text-stone-600">
          Refunds above the store&apos;s maximum per order need an owner.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={props.onDone}>Back</Button>
        <Button
          type="submit"
          variant="primary"
          pending={refund.pending}
          disabled={
            reason.trim().length < 3 ||
            Boolean(draft.fields.custom ? draft.fields.customError : draft.problem)
          }
        >
          Refund {money(draft.total, props.currency)}
        </Button>
      </div>
    </form>
  );
}
