import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDay } from "@/lib/i18n/format";
import { formatPrice } from "@/lib/i18n/format";
import type { ShopperOrderView } from "@/lib/orders/queries";
import { maskPaymentMethod } from "./payment-method";

const SHIPMENT_TONE: Record<string, Tone> = {
  pending: "neutral",
  in_transit: "blue",
  delivered: "green",
  cancelled: "neutral",
};

export async function DeliverySection({ view, locale }: { view: ShopperOrderView; locale: string }) {
  const t = await getTranslations("order");
  const { lines, fulfillments, store } = view;
  const titleOf = (lineItemId: string) => lines.find((l) => l.id === lineItemId)?.title ?? "";
  const unshipped = lines.reduce((n, l) => n + l.quantity - l.quantityFulfilled - l.quantityCancelled, 0);
  const day = (d: Date) => formatDay(d, locale, store.timeZone);
  return (
    <section
      aria-labelledby="delivery-heading"
      className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
    >
      <h2 id="delivery-heading" className="text-lg font-semibold">
        {t("fulfillment")}
      </h2>
      {fulfillments.length === 0 && <p className="mt-2 text-stone-700">{t("notShippedYet")}</p>}
      <ul className="mt-3 space-y-4">
        {fulfillments.map((f, i) => (
          <li key={f.id} className="rounded-xl bg-stone-50 p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">{t("shipmentN", { n: i + 1 })}</p>
              <Badge tone={SHIPMENT_TONE[f.status] ?? "neutral"}>{t(`shipmentStatus.${f.status}`)}</Badge>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {f.carrier && (
                <>
                  <dt className="text-stone-600">{t("carrier")}</dt>
                  <dd>{f.carrier}</dd>
                </>
              )}
              {f.trackingNumber && (
                <>
                  <dt className="text-stone-600">{t("tracking")}</dt>
                  <dd className="break-all">
                    {f.trackingUrl ? (
                      <a
                        href={f.trackingUrl}
                        rel="noopener noreferrer"
                        target="_blank"
                        className="font-mono underline underline-offset-2"
                      >
                        {f.trackingNumber}
                        <span className="sr-only"> {t("opensInNewTab")}</span>
                      </a>
                    ) : (
                      <span className="font-mono">{f.trackingNumber}</span>
                    )}
                  </dd>
                </>
              )}
              {f.shippedAt && (
                <>
                  <dt className="text-stone-600">{t("shippedOn")}</dt>
                  <dd>{day(f.shippedAt)}</dd>
                </>
              )}
              {f.deliveredAt && (
                <>
                  <dt className="text-stone-600">{t("deliveredOn")}</dt>
                  <dd>{day(f.deliveredAt)}</dd>
                </>
              )}
            </dl>
            <p className="mt-2 text-sm text-stone-600">
              {f.items.map((item) => `${titleOf(item.lineItemId)} × ${item.quantity}`).join(", ")}
            </p>
          </li>
        ))}
      </ul>
      {fulfillments.length > 0 && unshipped > 0 && (
        <p className="mt-3 text-sm text-stone-700">{t("itemsNotShipped", { count: unshipped })}</p>
      )}
    </section>
  );
}

export async function PaymentSection({ view, locale }: { view: ShopperOrderView; locale: string }) {
  const t = await getTranslations("order");
  const { order, payment } = view;
  const money = (n: number) => formatPrice(n, order.currency, locale);
  const notRefunded = Math.max(0, order.capturedAmount - order.refundedAmount);
  const method = payment
    ? maskPaymentMethod(payment.method, {
        card: t("method.card"),
        wallet: t("method.wallet"),
        bank_transfer: t("method.bank_transfer"),
      })
    : null;
  return (
    <section
      aria-labelledby="payment-heading"
      className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
    >
      <h2 id="payment-heading" className="text-lg font-semibold">
        {t("payment")}
      </h2>
      <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm">
        {method && (
          <>
            <dt className="text-stone-600">{t("paidWith")}</dt>
            <dd className="text-right font-medium">{method}</dd>
          </>
        )}
        <dt className="text-stone-600">{t("paidAmount")}</dt>
        <dd className="text-right tabular-nums">{money(order.capturedAmount)}</dd>
        <dt className="text-stone-600">{t("refunded")}</dt>
        <dd className="text-right tabular-nums">{money(order.refundedAmount)}</dd>
        <dt className="font-medium text-stone-900">{t("notRefunded")}</dt>
        <dd className="text-right font-semibold tabular-nums">{money(notRefunded)}</dd>
      </dl>
    </section>
  );
}
