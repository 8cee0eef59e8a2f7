"use client";
import { useState } from "react";
import { useResultAction } from "@/components/console/use-result-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import type { ApiKeyScope } from "@/lib/api-keys/schemas";

export function CreateKeyForm() {
  const create = useResultAction(createApiKeyAction);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["read"]);
  const [shown, setShown] = useState<{ name: string; key: string } | null>(null);
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((s) => (on ? [...new Set([...s, scope])] : s.filter((x) => x !== scope)));

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.run(
          { name, scopes },
          {
            onSuccess: (data) => {
              setShown({ name, key: data.key });
              setName("");
            },
          },
        );
      }}
    >
      {shown && (
        <Alert tone="success" title={`Key “${shown.name}” created`}>
          <p>Copy it now: it is stored hashed and will not be shown again.</p>
          <code className="mt-2 block rounded bg-white p-2 text-xs break-all" aria-label="The new API key">
            {shown.key}
          </code>
          <Button size="sm" className="mt-2" onClick={() => void navigator.clipboard?.writeText(shown.key)}>
            Copy key
          </Button>
        </Alert>
      )}
      {create.feedback?.tone === "error" && <Alert tone="error">{create.feedback.message}</Alert>}
      <TextField
        label="Name"
        hint="The system that will use it, e.g. “Shopify sync”."
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={create.fieldErrors.name}
        required
        maxLength={80}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Scopes</legend>
        <CheckboxField
          label="read"
          hint="Orders, requests and refunds."
          checked={scopes.includes("read")}
          onChange={(e) => toggle("read", e.target.checked)}
        />
        <CheckboxField
          label="write"
          hint="Import orders, record fulfilments, cancel, decide requests — as an agent would."
          checked={scopes.includes("write")}
          onChange={(e) => toggle("write", e.target.checked)}
        />
        {create.fieldErrors.scopes && (
          <p className="text-xs text-red-700">{create.fieldErrors.scopes.join(" ")}</p>
        )}
      </fieldset>
      <Button type="submit" variant="primary" pending={create.pending}>
        Create key
      </Button>
    </form>
  );
}
