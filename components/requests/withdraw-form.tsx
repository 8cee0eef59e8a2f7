"use client";
import { useActionState } from "react";
import { FormAlert, SubmitButton } from "@/components/shop/controls";

export type WithdrawState = { message?: string };
export type WithdrawAction = (prev: WithdrawState, form: FormData) => Promise<WithdrawState>;
export type WithdrawLabels = Record<"withdraw" | "withdrawing" | "withdrawHint", string>;

/** Takes back a request nobody has decided yet; the server checks it belongs to this order. */
export function WithdrawForm({
  action: withdraw,
  orderId,
  requestId,
  labels,
}: {
  action: WithdrawAction;
  orderId: string;
  requestId: string;
  labels: WithdrawLabels;
}) {
  const [state, action, pending] = useActionState<WithdrawState, FormData>(withdraw, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="requestId" value={requestId} />
      <FormAlert message={state.message} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="danger" pending={pending} pendingLabel={labels.withdrawing}>
          {labels.withdraw}
        </SubmitButton>
        <p className="text-sm text-stone-600">{labels.withdrawHint}</p>
      </div>
    </form>
  );
}
