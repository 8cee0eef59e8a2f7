"use client";
import { useResultAction } from "@/components/console/use-result-action";
import { Button } from "@/components/ui/button";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";

export function RevokeKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const revoke = useResultAction(revokeApiKeyAction);
  return (
    <span className="inline-flex items-center gap-2">
      {revoke.feedback?.tone === "error" && (
        <span className="text-xs text-red-700">{revoke.feedback.message}</span>
      )}
      <Button
        size="sm"
        variant="danger"
        pending={revoke.pending}
        aria-label={`Revoke ${name}`}
        onClick={() => {
          if (window.confirm(`Revoke “${name}”? Systems using it stop working at once.`))
            revoke.run({ apiKeyId });
        }}
      >
        Revoke
      </Button>
    </span>
  );
}
