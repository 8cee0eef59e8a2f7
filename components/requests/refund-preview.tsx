"use client";
import { Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { RefundPreview } from "@/lib/access/shopper-requests";
import { type ClientMessages, clientTranslator } from "@/lib/i18n/client-messages";
import { formatPrice } from "@/lib/i18n/format";

type Props = {
  type: "cancellation" | "return";
  preview: RefundPreview | null;
  error?: string;
  pending: boolean;
  locale: string;
  currency: string;
  paymentLabel: string | null;
  arrivalDays: [number, number];
  /** The shopper's choice: everything that can still be cancelled, or some items. */
  scope: "all" | "some";
  /** The `requestForm` messages. */
  messages: ClientMessages;
};

/** What will happen and how much comes back, before the shopper submits. */
export function RefundPreviewPanel(props: Props) {
  const t = clientTranslator(props.messages, "preview");
  const money = (n: number) => formatPrice(n, props.currency, props.locale);
  const { preview } = props;
  const happens = props.type === "return" ? t("returnSteps") : t(cancelOutcome(preview, props.scope));
  return (
    <section
      aria-labelledby="preview-heading"
      aria-busy={props.pending || undefined}
      className="rounded-2xl border border-brand-100 bg-brand-50/60 p-5"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="preview-heading" className="text-lg font-semibold text-brand-900">
          {t("title")}
        </h2>
        {/* Always present and fixed in size, so updating never moves the panel. */}
        <span
          className={cn("flex items-center gap-1.5 text-sm text-brand-700", !props.pending && "invisible")}
          aria-hidden={!props.pending}
        >
          <Spinner />
          {t("updating")}
        </span>
      </div>
      <div aria-live="polite" className="mt-3 min-h-44">
        {props.error ? (
          <p className="text-red-800">{props.error}</p>
        ) : !preview ? (
          <p className="text-stone-700">{t("chooseItems")}</p>
        ) : (
          <div className={cn("transition-opacity", props.pending && "opacity-60")}>
            <ul className="list-disc space-y-1 pl-5 text-stone-800">
              <li>{happens}</li>
              <li>
                {props.paymentLabel
                  ? t("backTo", { amount: money(preview.total), method: props.paymentLabel })
                  : t("back", { amount: money(preview.total) })}
              </li>
              <li>{t("arrival", { min: props.arrivalDays[0], max: props.arrivalDays[1] })}</li>
            </ul>
            <dl className="mt-4 space-y-1 text-sm">
              <Row label={t("items")} value={money(preview.itemsSubtotal)} />
              {preview.discount > 0 && <Row label={t("discount")} value={`−${money(preview.discount)}`} />}
              <Row label={t("tax")} value={money(preview.tax)} />
              {props.type === "cancellation" && (
                <Row
                  label={t("shipping")}
                  value={preview.shipping > 0 ? money(preview.shipping) : t("shippingKept")}
                />
              )}
              <div className="flex items-baseline justify-between border-t border-brand-100 pt-2 text-base font-semibold text-stone-900">
                <dt>{t("total")}</dt>
                <dd className="tabular-nums" data-testid="refund-total">
                  {money(preview.total)}
                </dd>
              </div>
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}

// "Nothing will be shipped" only when the server says so: part of the order may have shipped.
function cancelOutcome(preview: RefundPreview | null, scope: "all" | "some") {
  if (preview?.cancelsOrder) return "cancelWhole";
  return scope === "all" ? "cancelRest" : "cancelPart";
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between text-stone-700">
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}
