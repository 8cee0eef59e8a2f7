"use client";
import { useState } from "react";
import { useResultAction } from "@/components/console/use-result-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { updateWithdrawalSettingsAction } from "@/lib/withdrawals/actions";
import { DEFAULT_WITHDRAWAL_LABELS } from "@/lib/withdrawals/labels";

type Settings = {
  withdrawalEnabled: boolean;
  withdrawalDays: number;
  withdrawalLabels: Record<string, string>;
  storeCreditEnabled: boolean;
};

const LOCALE_NAMES = { en: "English", nb: "Norsk bokmål", zh: "中文" } as const;

export function WithdrawalSettingsForm({ initial, canEdit }: { initial: Settings; canEdit: boolean }) {
  const save = useResultAction(updateWithdrawalSettingsAction);
  const [enabled, setEnabled] = useState(initial.withdrawalEnabled);
  const [credit, setCredit] = useState(initial.storeCreditEnabled);
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        save.run(
          {
            withdrawalEnabled: enabled,
            withdrawalDays: Number(form.get("withdrawalDays")),
            withdrawalLabels: Object.fromEntries(
              (Object.keys(LOCALE_NAMES) as (keyof typeof LOCALE_NAMES)[]).map((l) => [
                l,
                String(form.get(`label-${l}`) ?? ""),
              ]),
            ),
            storeCreditEnabled: credit,
          },
          { success: "Saved." },
        );
      }}
    >
      {save.feedback && <Alert tone={save.feedback.tone}>{save.feedback.message}</Alert>}
      <fieldset disabled={!canEdit} className="space-y-4">
        <CheckboxField
          label="Offer the withdrawal function"
          hint="Switch off only for stores that do not sell to consumers in the EU/EEA."
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <TextField
          label="Withdrawal period (days from delivery of the last item)"
          name="withdrawalDays"
          type="number"
          min={14}
          max={365}
          defaultValue={initial.withdrawalDays}
          errors={save.fieldErrors.withdrawalDays}
          fieldClassName="max-w-xs"
        />
        {(Object.keys(LOCALE_NAMES) as (keyof typeof LOCALE_NAMES)[]).map((l) => (
          <TextField
            key={l}
            label={`Entry point label (${LOCALE_NAMES[l]})`}
            name={`label-${l}`}
            maxLength={80}
            placeholder={DEFAULT_WITHDRAWAL_LABELS[l]}
            defaultValue={initial.withdrawalLabels[l] ?? ""}
            hint={`Empty: “${DEFAULT_WITHDRAWAL_LABELS[l]}”`}
          />
        ))}
        <CheckboxField
          label="Offer store credit when a refund fails at the bank"
          hint="The shopper may then take store credit instead of a retry to their replaced card or a bank transfer."
          checked={credit}
          onChange={(e) => setCredit(e.target.checked)}
        />
        {canEdit ? (
          <Button type="submit" variant="primary" pending={save.pending}>
            Save settings
          </Button>
        ) : (
          <p className="text-sm text-stone-600">Only an owner can change these settings.</p>
        )}
      </fieldset>
    </form>
  );
}
