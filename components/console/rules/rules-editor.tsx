"use client";
import { useState } from "react";
import { Panel } from "@/components/console/page-header";
import { useResultAction } from "@/components/console/use-result-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { saveRulesAction, simulateRulesAction } from "@/lib/rules/actions";
import { describePath } from "./describe-rule";
import { type DryRunResult, DryRunRowsTable, DryRunTotalsTable } from "./dry-run-results";

const FORM_FIELDS = new Set(["limit", "note"]);

/** Errors about the rules themselves (not the limit or note), in plain words with their place. */
function ruleErrors(fieldErrors: FieldErrors): { where: string; message: string }[] {
  return Object.entries(fieldErrors)
    .filter(([path]) => !FORM_FIELDS.has(path))
    .flatMap(([path, messages]) => messages.map((message) => ({ where: describePath(path), message })));
}

function ValidationErrors({ errors }: { errors: { where: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert tone="error" title="The draft is not valid; nothing was saved">
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {errors.map((e, i) => (
          <li key={i}>
            <span className="font-medium">{e.where}</span>: {e.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function RulesEditor({
  initialJson,
  currency,
  canSave,
}: {
  initialJson: string;
  currency: string;
  canSave: boolean;
}) {
  const [text, setText] = useState(initialJson);
  const [limit, setLimit] = useState("200");
  const [note, setNote] = useState("");
  const [result, setResult] = useState<DryRunResult | null>(null);
  const simulate = useResultAction(simulateRulesAction);
  const save = useResultAction(saveRulesAction);
  // The last action's errors are the ones that describe the text as it is now.
  const [lastAction, setLastAction] = useState<"simulate" | "save">("simulate");
  const current = lastAction === "simulate" ? simulate : save;
  const errors = ruleErrors(current.fieldErrors);

  function runSimulate() {
    setLastAction("simulate");
    save.setFeedback(null);
    simulate.run({ rules: text, limit }, { onSuccess: setResult });
  }

  function runSave(event: React.FormEvent) {
    event.preventDefault();
    setLastAction("save");
    simulate.setFeedback(null);
    save.run(
      { rules: text, note },
      { success: (d) => `Saved as version ${d.version}; it is live now.`, onSuccess: () => setNote("") },
    );
  }

  return (
    <div className="space-y-5">
      <Panel title="Draft" id="draft">
        <div className="grid gap-4 lg:grid-cols-3">
          <TextAreaField
            label="Draft rules (JSON)"
            hint="An ordered list: the first enabled rule whose conditions all hold decides."
            fieldClassName="lg:col-span-2"
            className="min-h-[32rem] font-mono text-xs leading-5"
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={errors.length > 0 || undefined}
          />
          <div className="space-y-4" aria-live="polite">
            <ValidationErrors errors={errors} />
            {current.feedback && errors.length === 0 && (
              <Alert tone={current.feedback.tone}>{current.feedback.message}</Alert>
            )}
            <div className="flex items-end gap-2">
              <TextField
                label="Requests to replay"
                hint="The most recent, up to 5000."
                type="number"
                inputMode="numeric"
                min={1}
                max={5000}
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
                errors={simulate.fieldErrors.limit}
                fieldClassName="w-40"
              />
              <Button variant="primary" pending={simulate.pending} onClick={runSimulate} className="mb-5">
                Simulate
              </Button>
            </div>
            <p className="text-xs text-stone-600">Simulating never saves.</p>
            {canSave ? (
              <form onSubmit={runSave} className="space-y-2 border-t border-stone-100 pt-4">
                <TextField
                  label="Note for this version"
                  required
                  minLength={3}
                  maxLength={200}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  errors={save.fieldErrors.note}
                />
                <Button type="submit" pending={save.pending}>
                  Save as new version
                </Button>
              </form>
            ) : (
              <p className="border-t border-stone-100 pt-4 text-sm text-stone-600">
                Only an owner can save a new version.
              </p>
            )}
          </div>
        </div>
      </Panel>
      {result && (
        <Panel title="Simulation" id="simulation">
          <div className="space-y-4">
            <p className="text-sm text-stone-600">
              {result.rows.filter((r) => r.changed).length} of {result.rows.length} requests would be decided
              differently. Nothing was saved.
              {result.withdrawalsLeftOut > 0 &&
                ` ${result.withdrawalsLeftOut} statutory withdrawal${result.withdrawalsLeftOut === 1 ? " is" : "s are"} left out: the law decides them, not the rules.`}
            </p>
            <div className="max-w-xl">
              <DryRunTotalsTable result={result} currency={currency} />
            </div>
            <DryRunRowsTable result={result} currency={currency} />
          </div>
        </Panel>
      )}
    </div>
  );
}
