"use client";
// The cancellation and return form. It posts to one server action (which validates again and
// is the only path to a request); with JavaScript the refund preview follows every change,
// without it a "Update preview" button asks the same action for a preview.
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { controlClass, FieldErrors, FormAlert, ShopField, SubmitButton } from "@/components/shop/controls";
import { useKeptFormAction } from "@/components/shop/use-kept-form-action";
import { cn } from "@/components/ui/cn";
import type { RefundPreview, RequestFormState } from "@/lib/access/shopper-requests";
import type { Result } from "@/lib/errors";
import { type ClientMessages, type ClientTranslate, clientTranslator } from "@/lib/i18n/client-messages";
import { formatPrice } from "@/lib/i18n/format";
import { RefundPreviewPanel } from "./refund-preview";

export type FormLine = {
  id: string;
  title: string;
  variantTitle: string | null;
  unitPrice: number;
  quantity: number;
  max: number;
  /** Why the line cannot be chosen (returns): final_sale, not_delivered, already_returned, window_closed. */
  blockedBy?: string;
};

type PreviewInput = {
  type: "cancellation" | "return";
  scope: "all" | "some";
  quantities: Record<string, number>;
};

type Props = {
  type: "cancellation" | "return";
  orderId: string;
  orderHref: string;
  idempotencyKey: string;
  currency: string;
  locale: string;
  lines: FormLine[];
  reasons: readonly string[];
  photoReasons: readonly string[];
  initialPreview: RefundPreview | null;
  paymentLabel: string | null;
  arrivalDays: [number, number];
  action: (prev: RequestFormState, form: FormData) => Promise<RequestFormState>;
  previewAction: (input: PreviewInput) => Promise<Result<RefundPreview>>;
  /** The `requestForm` messages. */
  messages: ClientMessages;
};

export function RequestForm(props: Props) {
  const t = clientTranslator(props.messages);
  const { state, pending: submitting, form } = useKeptFormAction(props.action, {});
  const isCancel = props.type === "cancellation";
  const defaults = Object.fromEntries(
    props.lines.filter((l) => l.max > 0).map((l) => [l.id, isCancel ? l.max : 0]),
  );
  const [scope, setScope] = useState<"all" | "some">(state.values?.scope ?? "all");
  const [quantities, setQuantities] = useState<Record<string, number>>({
    ...defaults,
    ...state.values?.quantities,
  });
  const [reason, setReason] = useState(state.values?.reasonCode ?? "");
  const [comment, setComment] = useState(state.values?.comment ?? "");
  const [live, setLive] = useState<{ preview: RefundPreview | null; error?: string } | null>(null);
  const [previewing, startPreview] = useTransition();
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Debounced; only the newest answer is shown, whatever order the answers arrive in.
  function refreshPreview(nextScope: "all" | "some", next: Record<string, number>) {
    const id = ++sequence.current;
    clearTimeout(timer.current);
    if (nextScope === "some" && !Object.values(next).some((q) => q > 0)) {
      setLive({ preview: null });
      return;
    }
    timer.current = setTimeout(() => {
      startPreview(async () => {
        const result = await props.previewAction({ type: props.type, scope: nextScope, quantities: next });
        if (id !== sequence.current) return;
        setLive(result.ok ? { preview: result.data } : { preview: null, error: result.message });
      });
    }, 200);
  }

  function chooseScope(next: "all" | "some") {
    setScope(next);
    const nextQuantities = next === "all" ? { ...defaults } : quantities;
    if (next === "all") setQuantities(nextQuantities);
    refreshPreview(next, nextQuantities);
  }

  function chooseQuantity(lineId: string, value: number) {
    const next = { ...quantities, [lineId]: value };
    setQuantities(next);
    const nextScope =
      isCancel && Object.entries(defaults).every(([id, max]) => next[id] === max) ? "all" : "some";
    if (isCancel) setScope(nextScope);
    refreshPreview(nextScope, next);
  }

  const preview = live ? live.preview : state.preview !== undefined ? state.preview : props.initialPreview;
  const previewError = live?.error;
  const needsPhoto = props.photoReasons.includes(reason);
  const errors = state.fieldErrors ?? {};

  return (
    <form {...form} className="space-y-6" noValidate>
      <input type="hidden" name="orderId" value={props.orderId} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <FormAlert message={state.message} />

      {isCancel && (
        <fieldset className="space-y-2">
          <legend className="text-base font-semibold text-stone-900">{t("scopeLegend")}</legend>
          {(["all", "some"] as const).map((value) => (
            <label
              key={value}
              className={cn(
                "flex min-h-11 cursor-pointer items-start gap-3 rounded-xl border bg-white px-4 py-3",
                scope === value ? "border-brand-600 ring-1 ring-brand-600" : "border-stone-200",
              )}
            >
              <input
                type="radio"
                name="scope"
                value={value}
                checked={scope === value}
                onChange={() => chooseScope(value)}
                className="mt-1 size-4 accent-brand-700"
              />
              <span>
                <span className="block font-medium">{t(`scope.${value}`)}</span>
                <span className="block text-sm text-stone-600">{t(`scopeHint.${value}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      <fieldset className="space-y-2" aria-describedby={errors.lines ? "lines-error" : undefined}>
        <legend className="text-base font-semibold text-stone-900">
          {t(isCancel ? "linesLegendCancel" : "linesLegendReturn")}
        </legend>
        <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
          {props.lines.map((line) => (
            <LineRow
              key={line.id}
              line={line}
              type={props.type}
              value={quantities[line.id] ?? 0}
              onChange={(v) => chooseQuantity(line.id, v)}
              errors={errors[`line.${line.id}`]}
              price={formatPrice(line.unitPrice, props.currency, props.locale)}
              t={t}
            />
          ))}
        </ul>
        <FieldErrors id="lines-error" errors={errors.lines} />
      </fieldset>

      <ShopField id="reason" label={t("reason")} errors={errors.reasonCode}>
        {(wiring) => (
          <select
            {...wiring}
            name="reasonCode"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={controlClass}
          >
            <option value="">{t("chooseReason")}</option>
            {props.reasons.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        )}
      </ShopField>

      {!isCancel && (
        <ShopField
          id="photos"
          label={needsPhoto ? t("photosRequired") : t("photos")}
          hint={t("photosHint")}
          errors={errors.photos}
        >
          {(wiring) => (
            <input
              {...wiring}
              type="file"
              name="photos"
              multiple
              accept="image/jpeg,image/png,image/webp"
              aria-required={needsPhoto || undefined}
              className={cn(
                controlClass,
                "file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-brand-900",
              )}
            />
          )}
        </ShopField>
      )}

      <ShopField id="comment" label={t("comment")} hint={t("commentHint")} errors={errors.comment}>
        {(wiring) => (
          <textarea
            {...wiring}
            name="comment"
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            className={controlClass}
          />
        )}
      </ShopField>

      <RefundPreviewPanel
        type={props.type}
        preview={preview}
        error={previewError}
        pending={previewing}
        locale={props.locale}
        currency={props.currency}
        paymentLabel={props.paymentLabel}
        arrivalDays={props.arrivalDays}
        scope={scope}
        messages={props.messages}
      />

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Link
          href={props.orderHref}
          className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
        >
          {t("back")}
        </Link>
        <div className="flex flex-col gap-3 sm:flex-row">
          <noscript>
            <button
              type="submit"
              name="intent"
              value="preview"
              className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-stone-300 bg-white px-5 py-2.5 font-medium"
            >
              {t("updatePreview")}
            </button>
          </noscript>
          <SubmitButton name="intent" value="submit" pending={submitting} pendingLabel={t("submitting")}>
            {t(isCancel ? "submitCancel" : "submitReturn")}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}

function LineRow(props: {
  line: FormLine;
  type: "cancellation" | "return";
  value: number;
  onChange: (value: number) => void;
  errors?: string[];
  price: string;
  t: ClientTranslate;
}) {
  const { line, t } = props;
  const selectId = `qty-${line.id}`;
  const errorId = `${selectId}-error`;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-stone-900">{line.title}</p>
        <p className="text-sm text-stone-600">
          {[line.variantTitle, t("ordered", { quantity: line.quantity, price: props.price })]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {line.blockedBy && (
          <p className="mt-0.5 text-sm font-medium text-amber-800">{t(`blocked.${line.blockedBy}`)}</p>
        )}
        <FieldErrors id={errorId} errors={props.errors} />
      </div>
      {line.max > 0 && (
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-sm text-stone-700">
            {t(props.type === "cancellation" ? "quantityCancel" : "quantityReturn")}
            <span className="sr-only"> {line.title}</span>
          </label>
          <select
            id={selectId}
            name={`qty:${line.id}`}
            value={props.value}
            onChange={(e) => props.onChange(Number(e.target.value))}
            aria-invalid={props.errors?.length ? true : undefined}
            aria-describedby={props.errors?.length ? errorId : undefined}
            className={cn(controlClass, "w-20")}
          >
            {Array.from({ length: line.max + 1 }, (_, q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
      )}
    </li>
  );
}
