"use client";
import { useState } from "react";
import { useResultAction } from "@/components/console/use-result-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { createWebhookEndpointAction } from "@/lib/webhooks/actions";
import {
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "@/lib/webhooks/events";

export function CreateEndpointForm() {
  const create = useResultAction(createWebhookEndpointAction);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES]);
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((list) => (on ? [...new Set([...list, type])] : list.filter((t) => t !== type)));

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.run(
          { url, events },
          {
            onSuccess: (data) => {
              setSecret(data.secret);
              setUrl("");
            },
          },
        );
      }}
    >
      {secret && (
        <Alert tone="success" title="Endpoint added">
          <p>Its signing secret, shown once — verify the webhook-signature header with it:</p>
          <code className="mt-2 block rounded bg-white p-2 text-xs break-all" aria-label="The signing secret">
            {secret}
          </code>
          <Button size="sm" className="mt-2" onClick={() => void navigator.clipboard?.writeText(secret)}>
            Copy secret
          </Button>
        </Alert>
      )}
      {create.feedback?.tone === "error" && <Alert tone="error">{create.feedback.message}</Alert>}
      <TextField
        label="URL"
        type="url"
        placeholder="https://example.com/hooks/aftercare"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        errors={create.fieldErrors.url}
        required
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <CheckboxField
            key={type}
            label={type}
            hint={WEBHOOK_EVENT_DESCRIPTIONS[type]}
            checked={events.includes(type)}
            onChange={(e) => toggle(type, e.target.checked)}
          />
        ))}
        {create.fieldErrors.events && (
          <p className="text-xs text-red-700">{create.fieldErrors.events.join(" ")}</p>
        )}
      </fieldset>
      <Button type="submit" variant="primary" pending={create.pending}>
        Add endpoint
      </Button>
    </form>
  );
}
