"use client";
import { useRouter } from "next/navigation";
import { useResultAction } from "@/components/console/use-result-action";
import { Button } from "@/components/ui/button";
import {
  deleteWebhookEndpointAction,
  redeliverWebhookAction,
  setWebhookEndpointEnabledAction,
} from "@/lib/webhooks/actions";

export function EndpointControls({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const router = useRouter();
  const toggle = useResultAction(setWebhookEndpointEnabledAction);
  const remove = useResultAction(deleteWebhookEndpointAction);
  const error =
    toggle.feedback?.tone === "error"
      ? toggle.feedback
      : remove.feedback?.tone === "error"
        ? remove.feedback
        : null;
  return (
    <>
      {error && <span className="text-sm text-red-700">{error.message}</span>}
      <Button pending={toggle.pending} onClick={() => toggle.run({ endpointId, enabled: !enabled })}>
        {enabled ? "Pause" : "Resume"}
      </Button>
      <Button
        variant="danger"
        pending={remove.pending}
        onClick={() => {
          if (window.confirm("Delete this endpoint and its delivery log?")) {
            remove.run({ endpointId }, { onSuccess: () => router.push("/merchant/webhooks") });
          }
        }}
      >
        Delete
      </Button>
    </>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const redeliver = useResultAction(redeliverWebhookAction);
  return (
    <span className="inline-flex items-center gap-2">
      {redeliver.feedback && (
        <span
          className={`text-xs ${redeliver.feedback.tone === "error" ? "text-red-700" : "text-emerald-700"}`}
        >
          {redeliver.feedback.message}
        </span>
      )}
      <Button
        size="sm"
        pending={redeliver.pending}
        onClick={() => redeliver.run({ deliveryId }, { success: "Queued" })}
      >
        Send again
      </Button>
    </span>
  );
}
