import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AccessRequired } from "@/components/orders/access-required";
import { DeliverySection, PaymentSection } from "@/components/orders/delivery-and-payment";
import { EligibilityPanel } from "@/components/orders/eligibility-panel";
import { OrderHeader } from "@/components/orders/order-header";
import { OrderLines } from "@/components/orders/order-lines";
import { LiveTimeline } from "@/components/refunds/live-timeline";
import { FlashNotice } from "@/components/shop/flash-notice";
import { QueryProvider } from "@/components/shop/query-provider";
import { getGrantedOrder, normaliseOrderNumber } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { loadShopperOrderView } from "@/lib/orders/queries";
import { getOrderStatus } from "@/lib/timeline/queries";
import { WithdrawalEntry } from "@/components/withdrawals/withdrawal-entry";
import { getOrderWithdrawalEntryPoint } from "@/lib/withdrawals/queries";
import { returnAddressLines } from "@/lib/settings/return-address";
import { withdrawRequestAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ request?: string; withdrawn?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("order");
  const { number } = await params;
  return {
    title: t("title", { number: normaliseOrderNumber(number) }),
    robots: { index: false },
  };
}

export default async function OrderPage({ params, searchParams }: Props) {
  const [{ number }, { request, withdrawn }] = await Promise.all([params, searchParams]);
  const db = await getDb();
  // The access check reads the order row once; every loader below starts from it.
  const order = await getGrantedOrder(db, number);
  if (!order) return <AccessRequired number={number} />;
  const now = new Date();
  const [locale, t] = await Promise.all([getLocale(), getTranslations("order")]);
  const loading = loadShopperOrderView(db, order, now);
  // The timeline shares the view's store, lines and requests, and reads its own tables meanwhile.
  const [view, status] = await Promise.all([loading, getOrderStatus(db, order, locale, now, loading)]);
  const withdrawal = getOrderWithdrawalEntryPoint(view, locale, now);
  const submitted = status.timeline.entries.find((e) => e.id === request);

  return (
    <div className="space-y-6">
      <OrderHeader view={view} locale={locale} />
      {submitted && (
        <FlashNotice>
          {t(submitted.subject === "return" ? "returnSubmitted" : "cancellationSubmitted")}
        </FlashNotice>
      )}
      {withdrawn && <FlashNotice>{t("requestWithdrawn")}</FlashNotice>}
      <EligibilityPanel view={view} locale={locale} />
      {withdrawal && <WithdrawalEntry entry={withdrawal} locale={locale} timeZone={view.store.timeZone} />}
      {status.timeline.entries.length > 0 && (
        <QueryProvider>
          <LiveTimeline
            number={view.order.number}
            orderId={view.order.id}
            initial={status}
            locale={locale}
            timeZone={view.store.timeZone}
            highlight={submitted?.id}
            withdrawAction={withdrawRequestAction.bind(null, view.order.number)}
            returnAddress={
              view.store.returnAddress ? returnAddressLines(view.store.returnAddress, locale) : null
            }
          />
        </QueryProvider>
      )}
      <OrderLines view={view} locale={locale} />
      <div className="grid gap-6 md:grid-cols-2">
        <DeliverySection view={view} locale={locale} />
        <PaymentSection view={view} locale={locale} />
      </div>
    </div>
  );
}
