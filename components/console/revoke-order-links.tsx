"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { revokeOrderLinksAction } from "@/lib/console/order-actions";
import { useResultAction } from "./use-result-action";

/** Revokes every order link e-mailed so far (the order's e-mails carry new ones from now on). */
export function RevokeOrderLinks({ orderId }: { orderId: string }) {
  const revoke = useResultAction(revokeOrderLinksAction);
  return (
    <div className="mt-3 space-y-2">
      {revoke.feedback && <Alert tone={revoke.feedback.tone}>{revoke.feedback.message}</Alert>}
      <Button
        pending={revoke.pending}
        onClick={() =>
          revoke.run({ orderId }, { success: "Revoked. Links in earlier e-mails no longer open this order." })
        }
      >
        Revoke e-mailed order links
      </Button>
    </div>
  );
}
