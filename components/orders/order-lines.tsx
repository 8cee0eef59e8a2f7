import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { formatPrice } from "@/lib/i18n/format";
import type { ShopperOrderView } from "@/lib/orders/queries";

export async function OrderLines({ view, locale }: { view: ShopperOrderView; locale: string }) {
  const t = await getTranslations("order");
  const { order, lines, eligibility } = view;
  const money = (n: number) => formatPrice(n, order.currency, locale);
  const returnable = new Map(eligibility.returnableLines.map((l) => [l.lineItemId, l]));
  return (
    <section
      aria-labelledby="items-heading"
      className="rounded-2xl border border-stone-200 bg-white shadow-sm"
    >
      <h2 id="items-heading" className="border-b border-stone-100 px-5 py-4 text-lg font-semibold">
        {t("items")}
      </h2>
      <ul className="divide-y divide-stone-100">
        {lines.map((line) => (
          <li key={line.id} className="flex items-start justify-between gap-4 px-5 py-4">
            <div className="min-w-0">
              <p className="font-medium text-stone-900">{line.title}</p>
              {line.variantTitle && <p className="text-sm text-stone-600">{line.variantTitle}</p>}
              <p className="text-sm text-stone-600">
                {t("quantityTimesPrice", { quantity: line.quantity, price: money(line.unitPrice) })}
              </p>
              <div className="mt-1.5 flex flex-wrap gap-1.5">
                {line.finalSale && <Badge tone="amber">{t("finalSale")}</Badge>}
                {line.quantityCancelled > 0 && (
                  <Badge>{t("lineCancelled", { quantity: line.quantityCancelled })}</Badge>
                )}
                {line.quantityReturned > 0 && (
                  <Badge tone="blue">{t("lineReturned", { quantity: line.quantityReturned })}</Badge>
                )}
                {line.quantityRefunded > 0 && (
                  <Badge tone="green">{t("lineRefunded", { quantity: line.quantityRefunded })}</Badge>
                )}
                {returnable.get(line.id)?.blockedBy === "window_closed" && !line.finalSale && (
                  <Badge>{t("lineWindowClosed")}</Badge>
                )}
              </div>
            </div>
            <p className="shrink-0 text-right tabular-nums">
              {line.discountAllocation > 0 && (
                <span className="block text-sm text-stone-500 line-through">
                  {money(line.unitPrice * line.quantity)}
                </span>
              )}
              <span className="font-medium">
                {money(line.unitPrice * line.quantity - line.discountAllocation)}
              </span>
            </p>
          </li>
        ))}
      </ul>
      <dl className="space-y-1.5 border-t border-stone-100 px-5 py-4 text-sm">
        <Row label={t("subtotal")} value={money(order.subtotal)} />
        {order.discountTotal > 0 && <Row label={t("discount")} value={`−${money(order.discountTotal)}`} />}
        <Row label={t("shipping")} value={money(order.shippingTotal)} />
        <Row label={t("tax")} value={money(order.taxTotal)} />
        <Row label={t("total")} value={money(order.total)} strong />
        {order.refundedAmount > 0 && <Row label={t("refunded")} value={`−${money(order.refundedAmount)}`} />}
      </dl>
    </section>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div
      className={
        strong
          ? "flex justify-between border-t border-stone-100 pt-2 text-base font-semibold"
          : "flex justify-between text-stone-700"
      }
    >
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}
