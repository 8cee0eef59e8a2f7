"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { pauseAutomationAction, resumeAutomationAction } from "@/lib/settings/actions";
import { useResultAction } from "./use-result-action";

export function AutomationControl({
  paused,
  reason,
  since,
}: {
  paused: boolean;
  reason: string | null;
  since: string | null;
}) {
  const resume = useResultAction(resumeAutomationAction);
  const pause = useResultAction(pauseAutomationAction);
  if (paused) {
    return (
      <div className="space-y-3">
        <Alert tone="warning" title="Automatic refunds are paused">
          {since ? `Since ${since}. ` : ""}
          {reason ?? "No reason given."} Every request waits for a person until you resume.
        </Alert>
        {resume.feedback && <Alert tone={resume.feedback.tone}>{resume.feedback.message}</Alert>}
        <Button
          variant="primary"
          pending={resume.pending}
          onClick={() => resume.run(undefined, { success: "Automation resumed." })}
        >
          Resume automation
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        Automation is running: rules approve and refund within the store&apos;s limits. It pauses itself when
        refunds pile up too fast (the circuit breaker).
      </p>
      {pause.feedback && <Alert tone={pause.feedback.tone}>{pause.feedback.message}</Alert>}
      <Dialog title="Pause automatic refunds" trigger={{ label: "Pause automation…" }}>
        {(close) => (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
              pause.run({ reason }, { success: "Automation paused.", onSuccess: close });
            }}
          >
            <TextField
              label="Reason"
              name="reason"
              required
              minLength={3}
              errors={pause.fieldErrors.reason}
            />
            <div className="flex justify-end gap-2">
              <Button onClick={close}>Back</Button>
              <Button type="submit" variant="danger" pending={pause.pending}>
                Pause
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
