import { getTranslations } from "next-intl/server";
import type { ShopperOrder } from "@/lib/orders/queries";
import { INTL_LOCALE, isLocale } from "@/lib/i18n/config";

function money(amount: number, currency: string, locale: string) {
  const tag = isLocale(locale) ? INTL_LOCALE[locale] : locale;
  return new Intl.NumberFormat(tag, { style: "currency", currency }).format(amount / 100);
}

export async function OrderSummary({ data, locale }: { data: ShopperOrder; locale: string }) {
  const t = await getTranslations("order");
  const { order, lines } = data;
  const fmt = (n: number) => money(n, order.currency, locale);
  const date = new Intl.DateTimeFormat(isLocale(locale) ? INTL_LOCALE[locale] : locale, {
    dateStyle: "long",
    timeZone: data.store.timeZone,
  }).format(order.placedAt);
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title", { number: order.number })}</h1>
        <p className="text-stone-600">{t("placed", { date })}</p>
      </header>
      <section aria-labelledby="items-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="items-heading" className="border-b border-stone-200 px-4 py-3 font-medium">
          {t("items")}
        </h2>
        <ul className="divide-y divide-stone-100">
          {lines.map((line) => (
            <li key={line.id} className="flex items-start justify-between gap-4 px-4 py-3">
              <div>
                <p className="font-medium">{line.title}</p>
                {line.variantTitle && <p className="text-sm text-stone-600">{line.variantTitle}</p>}
                <p className="text-sm text-stone-600">{t("quantity", { quantity: line.quantity })}</p>
              </div>
              <p className="tabular-nums">{fmt(line.unitPrice * line.quantity)}</p>
            </li>
          ))}
        </ul>
        <dl className="space-y-1 border-t border-stone-200 px-4 py-3 text-sm">
          <Row label={t("subtotal")} value={fmt(order.subtotal)} />
          {order.discountTotal > 0 && <Row label={t("discount")} value={`−${fmt(order.discountTotal)}`} />}
          <Row label={t("shipping")} value={fmt(order.shippingTotal)} />
          <Row label={t("tax")} value={fmt(order.taxTotal)} />
          <Row label={t("total")} value={fmt(order.total)} strong />
          {order.refundedAmount > 0 && <Row label={t("refunded")} value={`−${fmt(order.refundedAmount)}`} />}
        </dl>
      </section>
    </article>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between ${strong ? "font-semibold" : ""}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}
