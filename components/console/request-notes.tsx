"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { addRequestNoteAction } from "@/lib/console/request-actions";
import { useResultAction } from "./use-result-action";

export function AddNoteForm({ requestId }: { requestId: string }) {
  const add = useResultAction(addRequestNoteAction);
  const [body, setBody] = useState("");
  return (
    <form
      aria-label="Add an internal note"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.run({ requestId, body }, { onSuccess: () => setBody("") });
      }}
    >
      {add.feedback?.tone === "error" && <Alert tone="error">{add.feedback.message}</Alert>}
      <TextAreaField
        label="New note"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        errors={add.fieldErrors.body}
        required
      />
      <Button type="submit" size="sm" pending={add.pending} disabled={!body.trim()}>
        Add note
      </Button>
    </form>
  );
}
