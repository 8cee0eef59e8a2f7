"use client";
import { controlClass, FormAlert, ShopField, SubmitButton } from "@/components/shop/controls";
import { useKeptFormAction } from "@/components/shop/use-kept-form-action";
import { type LookupState, lookupOrder } from "@/lib/lookup/actions";

export type LookupLabels = Record<
  "number" | "numberHint" | "email" | "emailHint" | "submit" | "submitting",
  string
>;

/** Order number + e-mail; a plain form post, so it works before (or without) JavaScript. */
export function LookupForm({ defaultNumber, labels }: { defaultNumber?: string; labels: LookupLabels }) {
  const { state, pending, form } = useKeptFormAction<LookupState>(lookupOrder, {});
  return (
    <form {...form} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      <ShopField
        id="lookup-number"
        label={labels.number}
        hint={labels.numberHint}
        errors={state.fieldErrors?.number}
      >
        {(wiring) => (
          <input
            {...wiring}
            name="number"
            required
            inputMode="text"
            autoComplete="off"
            autoCapitalize="off"
            defaultValue={state.values?.number ?? defaultNumber}
            className={controlClass}
          />
        )}
      </ShopField>
      <ShopField
        id="lookup-email"
        label={labels.email}
        hint={labels.emailHint}
        errors={state.fieldErrors?.email}
      >
        {(wiring) => (
          <input
            {...wiring}
            name="email"
            type="email"
            required
            autoComplete="email"
            defaultValue={state.values?.email}
            className={controlClass}
          />
        )}
      </ShopField>
      <SubmitButton pending={pending} pendingLabel={labels.submitting} className="w-full">
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
