"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, Input, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { updateStoreSettingsAction } from "@/lib/settings/actions";
import type { ReturnAddressFields } from "@/lib/settings/return-address";
import { useResultAction } from "./use-result-action";

export type SettingsValues = {
  name: string;
  timeZone: string;
  currency: string;
  returnWindowDays: number;
  shipBySlaDays: number;
  maxRefundPerOrder: string;
  autoRefundEnabled: boolean;
  arrivalWindows: Record<"card" | "wallet" | "bank_transfer", [number, number]>;
  holidays: string[];
  locales: string[];
  defaultLocale: string;
  returnAddress: ReturnAddressFields;
};

const ADDRESS_FIELDS = [
  ["name", "Recipient", "Who receives returns, e.g. Nordlys Supply Returns", "organization"],
  ["line1", "Street address", undefined, "address-line1"],
  ["line2", "Address line 2 (optional)", undefined, "address-line2"],
  ["postalCode", "Postal code", undefined, "postal-code"],
  ["city", "City", undefined, "address-level2"],
  ["country", "Country code", "Two letters, e.g. NO for Norway.", "country"],
] as const;

const METHODS = [
  ["card", "Card"],
  ["wallet", "Wallet (Apple Pay, Vipps…)"],
  ["bank_transfer", "Bank transfer"],
] as const;
const LANGUAGES = [
  ["en", "English"],
  ["nb", "Norsk bokmål"],
  ["zh", "中文"],
] as const;

export function SettingsForm({ values }: { values: SettingsValues }) {
  const save = useResultAction(updateStoreSettingsAction);
  const fe = save.fieldErrors;
  return (
    <form
      noValidate
      aria-label="Store settings"
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (k: string) => String(f.get(k) ?? "");
        save.run(
          {
            name: get("name"),
            timeZone: get("timeZone"),
            returnWindowDays: get("returnWindowDays"),
            shipBySlaDays: get("shipBySlaDays"),
            maxRefundPerOrder: get("maxRefundPerOrder"),
            autoRefundEnabled: f.get("autoRefundEnabled") === "on",
            arrivalWindows: {
              card: [get("card.from"), get("card.to")],
              wallet: [get("wallet.from"), get("wallet.to")],
              bank_transfer: [get("bank_transfer.from"), get("bank_transfer.to")],
            },
            holidays: get("holidays"),
            locales: f.getAll("locales").map(String) as ("en" | "nb" | "zh")[],
            defaultLocale: get("defaultLocale") as "en",
            returnAddress: Object.fromEntries(
              ADDRESS_FIELDS.map(([key]) => [key, get(`returnAddress.${key}`)]),
            ) as ReturnAddressFields,
          },
          {
            success: (d) =>
              d.changed.length
                ? `Saved: ${d.changed.length} setting${d.changed.length === 1 ? "" : "s"} changed.`
                : "Nothing changed.",
          },
        );
      }}
    >
      {save.feedback && <Alert tone={save.feedback.tone}>{save.feedback.message}</Alert>}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Store</legend>
        <TextField label="Store name" name="name" defaultValue={values.name} errors={fe.name} required />
        <TextField
          label="Time zone"
          name="timeZone"
          defaultValue={values.timeZone}
          hint="Business days and the audit log's days use it."
          errors={fe.timeZone}
          required
        />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Policy</legend>
        <TextField
          label="Return window (days)"
          name="returnWindowDays"
          inputMode="numeric"
          defaultValue={values.returnWindowDays}
          hint="Days after delivery a shopper may start a return."
          errors={fe.returnWindowDays}
        />
        <TextField
          label="Ship-by SLA (days)"
          name="shipBySlaDays"
          inputMode="numeric"
          defaultValue={values.shipBySlaDays}
          hint="Days after payment before an unshipped order is cancelled and refunded."
          errors={fe.shipBySlaDays}
        />
        <TextField
          label={`Maximum refund per order (${values.currency})`}
          name="maxRefundPerOrder"
          inputMode="decimal"
          defaultValue={values.maxRefundPerOrder}
          hint="Rules and agents never refund more on one order; owners may."
          errors={fe.maxRefundPerOrder}
        />
        <CheckboxField
          className="sm:col-span-3"
          name="autoRefundEnabled"
          defaultChecked={values.autoRefundEnabled}
          label="Refund automatically when a rule approves"
          hint="Off: every approval by a rule waits for a person before money moves."
        />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">Return address</legend>
        <p className="text-xs text-stone-600 sm:col-span-2">
          Where shoppers send approved returns. It is shown on the approval, the order page, the e-mails and
          the policy page. Leave every field empty if you have none yet: shoppers are then asked to reply to
          the approval e-mail for it.
        </p>
        {fe.returnAddress && (
          <p className="text-xs text-red-700 sm:col-span-2">{fe.returnAddress.join(" ")}</p>
        )}
        {ADDRESS_FIELDS.map(([key, label, hint, autoComplete]) => (
          <TextField
            key={key}
            label={label}
            name={`returnAddress.${key}`}
            autoComplete={`section-return ${autoComplete}`}
            defaultValue={values.returnAddress[key]}
            hint={hint}
            errors={fe[`returnAddress.${key}`]}
          />
        ))}
      </fieldset>

      <fieldset>
        <legend className="mb-1 text-sm font-semibold">Refund arrival windows (business days)</legend>
        <p className="mb-3 text-xs text-stone-600">
          What shoppers are told about when their money arrives, per payment method.
        </p>
        <div className="space-y-2">
          {METHODS.map(([key, label]) => {
            const errors = [
              ...(fe[`arrivalWindows.${key}`] ?? []),
              ...(fe[`arrivalWindows.${key}.0`] ?? []),
              ...(fe[`arrivalWindows.${key}.1`] ?? []),
            ];
            return (
              <div key={key} className="grid grid-cols-[12rem_auto] items-center gap-3 text-sm">
                <span id={`aw-${key}`}>{label}</span>
                <div>
                  <div className="flex items-center gap-2" role="group" aria-labelledby={`aw-${key}`}>
                    <Input
                      name={`${key}.from`}
                      inputMode="numeric"
                      defaultValue={values.arrivalWindows[key][0]}
                      aria-label={`${label}: first day`}
                      aria-invalid={errors.length ? true : undefined}
                      className="w-16 text-right"
                    />
                    <span aria-hidden>to</span>
                    <Input
                      name={`${key}.to`}
                      inputMode="numeric"
                      defaultValue={values.arrivalWindows[key][1]}
                      aria-label={`${label}: last day`}
                      aria-invalid={errors.length ? true : undefined}
                      className="w-16 text-right"
                    />
                    <span className="text-stone-600">days</span>
                  </div>
                  {errors.length > 0 && <p className="mt-1 text-xs text-red-700">{errors.join(" ")}</p>}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Calendar and languages</legend>
        <TextAreaField
          label="Holidays"
          name="holidays"
          rows={6}
          defaultValue={values.holidays.join("\n")}
          hint="One date per line (YYYY-MM-DD). Not counted as business days."
          errors={fe.holidays}
          className="font-mono"
        />
        <div className="space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Languages shoppers can choose</legend>
            <div className="mt-1 space-y-1">
              {LANGUAGES.map(([code, label]) => (
                <CheckboxField
                  key={code}
                  name="locales"
                  value={code}
                  defaultChecked={values.locales.includes(code)}
                  label={label}
                />
              ))}
            </div>
            {fe.locales && <p className="mt-1 text-xs text-red-700">{fe.locales.join(" ")}</p>}
          </fieldset>
          <SelectField
            label="Default language"
            name="defaultLocale"
            defaultValue={values.defaultLocale}
            errors={fe.defaultLocale}
          >
            {LANGUAGES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <div className="flex justify-end border-t border-stone-200 pt-4">
        <Button type="submit" variant="primary" pending={save.pending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
