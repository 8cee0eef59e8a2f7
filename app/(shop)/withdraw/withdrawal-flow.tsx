"use client";
// Two screens, one server action: the details (step one), then an explicit "Confirm withdrawal"
// (step two) that shows exactly what will be sent. Plain form posts, so it works without
// JavaScript; values travel in the form, never in the URL.
import { useEffect, useRef, useState } from "react";
import { controlClass, FieldErrors, FormAlert, ShopField, SubmitButton } from "@/components/shop/controls";
import { useKeptFormAction } from "@/components/shop/use-kept-form-action";
import { type ClientMessages, type ClientTranslate, clientTranslator } from "@/lib/i18n/client-messages";
import { formatDay } from "@/lib/i18n/format";
import { withdrawalStep } from "@/lib/withdrawals/actions";
import type { WithdrawalFormState, WithdrawalLineOption } from "@/lib/withdrawals/shopper-flow";

type Props = {
  idempotencyKey: string;
  defaults: { number: string; email: string };
  locale: string;
  timeZone: string;
  /** The `withdrawal` messages. */
  messages: ClientMessages;
};

export function WithdrawalFlow(props: Props) {
  const { state, pending, form } = useKeptFormAction<WithdrawalFormState>(withdrawalStep, {
    step: "details",
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // Moving between the screens puts the reader at the new screen's heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [state]);
  return state.step === "confirm" ? (
    <ConfirmStep {...props} state={state} form={form} pending={pending} headingRef={heading} />
  ) : (
    <DetailsStep {...props} state={state} form={form} pending={pending} headingRef={heading} />
  );
}

type StepProps = Props & {
  state: WithdrawalFormState;
  form: ReturnType<typeof useKeptFormAction<WithdrawalFormState>>["form"];
  pending: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
};

function DetailsStep({ state, form, pending, idempotencyKey, defaults, headingRef, messages }: StepProps) {
  const t = clientTranslator(messages);
  const v = state.values;
  const [scope, setScope] = useState<"all" | "some">(v?.scope ?? "all");
  const errors = state.fieldErrors ?? {};
  return (
    <form {...form} className="space-y-5" noValidate>
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
        <span className="block text-sm font-medium text-stone-600">
          {t("step", { current: 1, total: 2 })}
        </span>
        {t("detailsHeading")}
      </h2>
      <FormAlert message={state.message} tone={state.tone === "info" ? "info" : "error"} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <ShopField id="withdraw-name" label={t("name")} errors={errors.name}>
        {(w) => (
          <input
            {...w}
            name="name"
            required
            autoComplete="name"
            defaultValue={v?.name}
            className={controlClass}
          />
        )}
      </ShopField>
      <ShopField id="withdraw-number" label={t("number")} hint={t("numberHint")} errors={errors.number}>
        {(w) => (
          <input
            {...w}
            name="number"
            required
            autoComplete="off"
            autoCapitalize="off"
            defaultValue={v?.number ?? defaults.number}
            className={controlClass}
          />
        )}
      </ShopField>
      <ShopField id="withdraw-email" label={t("email")} hint={t("emailHint")} errors={errors.email}>
        {(w) => (
          <input
            {...w}
            name="email"
            type="email"
            required
            autoComplete="email"
            defaultValue={v?.email ?? defaults.email}
            className={controlClass}
          />
        )}
      </ShopField>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">{t("scopeLegend")}</legend>
        <div className="mt-2 space-y-2">
          {(["all", "some"] as const).map((s) => (
            <label
              key={s}
              className="flex min-h-11 items-center gap-3 rounded-lg border border-stone-300 px-3 py-2"
            >
              <input
                type="radio"
                name="scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
                className="size-4 accent-brand-700"
              />
              <span>{t(s === "all" ? "scopeAll" : "scopeSome")}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {scope === "some" && state.lines && (
        <LinePicker lines={state.lines} values={v?.quantities ?? {}} errors={errors} t={t} />
      )}
      {scope === "some" && !state.lines && <p className="text-sm text-stone-600">{t("someHint")}</p>}
      <ShopField id="withdraw-reason" label={t("reason")} hint={t("reasonHint")} errors={errors.reason}>
        {(w) => (
          <textarea
            {...w}
            name="reason"
            rows={3}
            maxLength={2000}
            defaultValue={v?.reason}
            className={controlClass}
          />
        )}
      </ShopField>
      <SubmitButton
        name="intent"
        value="review"
        pending={pending}
        pendingLabel={t("checking")}
        className="w-full"
      >
        {t("continue")}
      </SubmitButton>
    </form>
  );
}

function LinePicker({
  lines,
  values,
  errors,
  t,
}: {
  lines: WithdrawalLineOption[];
  values: Record<string, number>;
  errors: Record<string, string[]>;
  t: ClientTranslate;
}) {
  return (
    <fieldset aria-describedby={errors.lines ? "withdraw-lines-error" : undefined}>
      <legend className="text-sm font-medium text-stone-800">{t("linesLegend")}</legend>
      <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200">
        {lines.map((l) => {
          const max = l.unshipped + l.shipped;
          const id = `withdraw-qty-${l.id}`;
          return (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-3">
              <div>
                <label htmlFor={id} className="font-medium text-stone-900">
                  {l.title}
                  {l.variantTitle ? ` · ${l.variantTitle}` : ""}
                </label>
                <p className="text-sm text-stone-600">
                  {[
                    l.unshipped > 0 ? t("unshippedCount", { count: l.unshipped }) : null,
                    l.shipped > 0 ? t("shippedCount", { count: l.shipped }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <FieldErrors id={`${id}-error`} errors={errors[`line.${l.id}`]} />
              </div>
              <select
                id={id}
                name={`qty:${l.id}`}
                defaultValue={String(values[l.id] ?? 0)}
                aria-invalid={errors[`line.${l.id}`] ? true : undefined}
                aria-describedby={errors[`line.${l.id}`] ? `${id}-error` : undefined}
                className={`${controlClass} w-24`}
              >
                {Array.from({ length: max + 1 }, (_, n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <FieldErrors id="withdraw-lines-error" errors={errors.lines} />
    </fieldset>
  );
}

function ConfirmStep({
  state,
  form,
  pending,
  idempotencyKey,
  locale,
  timeZone,
  headingRef,
  messages,
}: StepProps) {
  const t = clientTranslator(messages);
  const v = state.values!;
  const s = state.summary!;
  return (
    <form {...form} className="space-y-5">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
        <span className="block text-sm font-medium text-stone-600">
          {t("step", { current: 2, total: 2 })}
        </span>
        {t("confirmHeading")}
      </h2>
      <p className="text-stone-700">{t("confirmIntro")}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 rounded-xl bg-stone-50 p-4 text-sm">
        <dt className="font-medium text-stone-600">{t("name")}</dt>
        <dd>{v.name}</dd>
        <dt className="font-medium text-stone-600">{t("number")}</dt>
        <dd>#{s.orderNumber}</dd>
        <dt className="font-medium text-stone-600">{t("summaryEmail")}</dt>
        <dd className="break-all">{v.email}</dd>
        <dt className="font-medium text-stone-600">{t("scopeLegend")}</dt>
        <dd>
          <p>{t(v.scope === "all" ? "scopeAll" : "scopeSome")}</p>
          <ul className="mt-1 space-y-1">
            {s.items.map((i, n) => (
              <li key={n}>
                {i.quantity} × {i.title}
                {i.variantTitle ? ` · ${i.variantTitle}` : ""} —{" "}
                <span className="text-stone-600">{t(i.shipped ? "willReturn" : "willCancel")}</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-medium text-stone-600">{t("reasonShort")}</dt>
        <dd>{v.reason.trim() || t("noReason")}</dd>
      </dl>
      <p className="text-sm text-stone-700">
        {t("whatNext")}{" "}
        {s.periodEndsAt
          ? t("periodEnds", { date: formatDay(s.periodEndsAt, locale, timeZone) })
          : t("periodNotStarted")}
      </p>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="name" value={v.name} />
      <input type="hidden" name="number" value={v.number} />
      <input type="hidden" name="email" value={v.email} />
      <input type="hidden" name="reason" value={v.reason} />
      <input type="hidden" name="scope" value={v.scope} />
      {Object.entries(v.quantities).map(([id, q]) => (
        <input key={id} type="hidden" name={`qty:${id}`} value={q} />
      ))}
      <div className="flex flex-col gap-3 sm:flex-row-reverse sm:justify-start">
        <SubmitButton name="intent" value="confirm" pending={pending} pendingLabel={t("confirming")}>
          {t("confirm")}
        </SubmitButton>
        <SubmitButton name="intent" value="edit" variant="secondary" formNoValidate>
          {t("edit")}
        </SubmitButton>
      </div>
    </form>
  );
}
