"use client";
import { useResultAction } from "@/components/console/use-result-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { releaseHoldAction } from "@/lib/disputes/actions";
import { recordBankTransferAction, resendLinkAction, resolveFlagAction } from "@/lib/fallbacks/actions";

const ACTIONS = {
  bank: {
    run: (id: string, note: string) => recordBankTransferAction({ fallbackId: id, note }),
    submit: "Record bank transfer",
    label: "Payment reference",
  },
  flag: {
    run: (id: string, note: string) => resolveFlagAction({ fallbackId: id, note }),
    submit: "Mark resolved",
    label: "What did you do?",
  },
  hold: {
    run: (id: string, note: string) => releaseHoldAction({ refundId: id, note }),
    submit: "Release the hold",
    label: "Why may the refund go on?",
  },
} as const;

export function NoteDialog(props: {
  kind: keyof typeof ACTIONS;
  id: string;
  title: string;
  description: string;
  trigger: string;
}) {
  const spec = ACTIONS[props.kind];
  const action = useResultAction((input: { note: string }) => spec.run(props.id, input.note));
  return (
    <Dialog
      title={props.title}
      description={props.description}
      trigger={{ label: props.trigger, size: "sm", variant: "secondary" }}
    >
      {(close) => (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(
              { note: String(new FormData(e.currentTarget).get("note") ?? "") },
              { onSuccess: close },
            );
          }}
        >
          {action.feedback && <Alert tone={action.feedback.tone}>{action.feedback.message}</Alert>}
          <TextAreaField
            label={spec.label}
            name="note"
            rows={3}
            required
            minLength={3}
            errors={action.fieldErrors.note}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Back</Button>
            <Button type="submit" variant="primary" pending={action.pending}>
              {spec.submit}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function ResendLinkButton({ fallbackId }: { fallbackId: string }) {
  const resend = useResultAction(resendLinkAction);
  return (
    <span className="space-y-1">
      <Button
        size="sm"
        pending={resend.pending}
        onClick={() => resend.run({ fallbackId }, { success: "A new link was e-mailed." })}
      >
        Send a new link
      </Button>
      {resend.feedback && (
        <span
          role="status"
          className={
            resend.feedback.tone === "error" ? "block text-xs text-red-700" : "block text-xs text-emerald-700"
          }
        >
          {resend.feedback.message}
        </span>
      )}
    </span>
  );
}
