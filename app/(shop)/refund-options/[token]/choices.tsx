"use client";
// The ways to get a failed refund's money; each is its own small form, posted with the
// signed link bound into its action.
import { useActionState } from "react";
import { controlClass, FormAlert, ShopField, SubmitButton } from "@/components/shop/controls";
import type { ChoiceState } from "@/lib/fallbacks/actions";
import { type ClientMessages, clientTranslator } from "@/lib/i18n/client-messages";

type Action = (prev: ChoiceState, form: FormData) => Promise<ChoiceState>;
/** `messages`: the `refundOptions` namespace. */
type ChoiceProps = { action: Action; messages: ClientMessages };

function Card({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{hint}</p>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function OriginalChoice({ action, messages }: ChoiceProps) {
  const t = clientTranslator(messages);
  const [state, post, pending] = useActionState(action, {});
  return (
    <Card id="choice-original" title={t("original.title")} hint={t("original.hint")}>
      <form action={post} className="space-y-4">
        <FormAlert message={state.message} />
        <SubmitButton pending={pending} pendingLabel={t("sending")} variant="secondary">
          {t("original.submit")}
        </SubmitButton>
      </form>
    </Card>
  );
}

export function BankChoice({ action, messages }: ChoiceProps) {
  const t = clientTranslator(messages);
  const [state, post, pending] = useActionState(action, {});
  return (
    <Card id="choice-bank" title={t("bank.title")} hint={t("bank.hint")}>
      <form action={post} className="space-y-4" noValidate>
        <FormAlert message={state.message} />
        <ShopField id="bank-holder" label={t("bank.holder")} errors={state.fieldErrors?.accountHolder}>
          {(w) => (
            <input
              {...w}
              name="accountHolder"
              autoComplete="name"
              defaultValue={state.values?.accountHolder}
              className={controlClass}
            />
          )}
        </ShopField>
        <ShopField
          id="bank-iban"
          label={t("bank.iban")}
          hint={t("bank.ibanHint")}
          errors={state.fieldErrors?.iban}
        >
          {(w) => (
            <input
              {...w}
              name="iban"
              autoComplete="off"
              autoCapitalize="characters"
              defaultValue={state.values?.iban}
              className={controlClass}
            />
          )}
        </ShopField>
        <SubmitButton pending={pending} pendingLabel={t("sending")}>
          {t("bank.submit")}
        </SubmitButton>
      </form>
    </Card>
  );
}

export function CreditChoice({ amount, action, messages }: ChoiceProps & { amount: string }) {
  const t = clientTranslator(messages);
  const [state, post, pending] = useActionState(action, {});
  return (
    <Card id="choice-credit" title={t("credit.title")} hint={t("credit.hint", { amount })}>
      <form action={post} className="space-y-4">
        <FormAlert message={state.message} />
        <SubmitButton pending={pending} pendingLabel={t("sending")} variant="secondary">
          {t("credit.submit")}
        </SubmitButton>
      </form>
    </Card>
  );
}
