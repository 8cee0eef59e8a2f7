"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { controlClass, FormAlert, ShopField, SubmitButton } from "@/components/shop/controls";
import { type LookupState, lookupOrder } from "@/lib/lookup/actions";

/** Order number + e-mail; a plain form post, so it works before (or without) JavaScript. */
export function LookupForm({ defaultNumber }: { defaultNumber?: string }) {
  const t = useTranslations("lookup");
  const [state, action, pending] = useActionState<LookupState, FormData>(lookupOrder, {});
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      <ShopField
        id="lookup-number"
        label={t("number")}
        hint={t("numberHint")}
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
      <ShopField id="lookup-email" label={t("email")} hint={t("emailHint")} errors={state.fieldErrors?.email}>
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
      <SubmitButton pending={pending} pendingLabel={t("submitting")} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
