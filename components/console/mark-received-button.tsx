"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { markItemReceivedAction } from "@/lib/console/request-actions";
import { useResultAction } from "./use-result-action";

export function MarkReceivedButton({ requestId }: { requestId: string }) {
  const mark = useResultAction(markItemReceivedAction);
  return (
    <div className="space-y-2">
      {mark.feedback && <Alert tone={mark.feedback.tone}>{mark.feedback.message}</Alert>}
      <Button
        variant="primary"
        pending={mark.pending}
        onClick={() =>
          mark.run(
            { requestId },
            {
              success: (d) =>
                d.refundId ? "Received. The refund is on its way." : "Received and sent for review.",
            },
          )
        }
      >
        Mark item received
      </Button>
    </div>
  );
}
