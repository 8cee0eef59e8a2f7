import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDay } from "@/lib/i18n/format";
import type { ShopperOrderView } from "@/lib/orders/queries";

const PAYMENT_TONE: Record<string, Tone> = {
  paid: "green",
  partially_refunded: "violet",
  refunded: "violet",
  authorized: "blue",
  pending: "amber",
  voided: "neutral",
};
const DELIVERY_TONE: Record<string, Tone> = {
  unfulfilled: "neutral",
  partial: "blue",
  fulfilled: "blue",
  delivered: "green",
};

export async function OrderHeader({ view, locale }: { view: ShopperOrderView; locale: string }) {
  const t = await getTranslations("order");
  const { order, store } = view;
  return (
    <header className="space-y-2">
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">
        {t("title", { number: order.number })}
      </h1>
      <p className="text-stone-600">
        {t("placed", { date: formatDay(order.placedAt, locale, store.timeZone) })}
      </p>
      <ul className="flex flex-wrap gap-1.5" aria-label={t("statusLabel")}>
        {order.status === "cancelled" && (
          <li>
            <Badge tone="neutral">{t("status.cancelled")}</Badge>
          </li>
        )}
        <li>
          <Badge tone={PAYMENT_TONE[order.financialStatus] ?? "neutral"}>
            {t(`financial.${order.financialStatus}`)}
          </Badge>
        </li>
        {order.status !== "cancelled" && (
          <li>
            <Badge tone={DELIVERY_TONE[order.fulfillmentStatus] ?? "neutral"}>
              {t(`delivery.${order.fulfillmentStatus}`)}
            </Badge>
          </li>
        )}
      </ul>
    </header>
  );
}
