"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type LookupState, lookupOrder } from "@/lib/lookup/actions";

export function LookupForm() {
  const t = useTranslations("lookup");
  const [state, action, pending] = useActionState<LookupState, FormData>(lookupOrder, {});
  return (
    <form action={action} className="space-y-5" noValidate>
      {state.message && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {state.message}
        </p>
      )}
      <Field
        name="number"
        label={t("number")}
        hint={t("numberHint")}
        defaultValue={state.values?.number}
        errors={state.fieldErrors?.number}
        autoComplete="off"
      />
      <Field
        name="email"
        type="email"
        label={t("email")}
        hint={t("emailHint")}
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
        autoComplete="email"
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-3 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {t("submit")}
      </button>
    </form>
  );
}

function Field(props: {
  name: string;
  label: string;
  hint: string;
  type?: string;
  defaultValue?: string;
  errors?: string[];
  autoComplete?: string;
}) {
  const id = `lookup-${props.name}`;
  const describedBy = props.errors?.length ? `${id}-error` : `${id}-hint`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        required
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm"
      />
      {props.errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {props.errors.join(" ")}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-500">
          {props.hint}
        </p>
      )}
    </div>
  );
}
