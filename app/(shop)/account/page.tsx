import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AccountSignIn, AccountSignOut } from "@/components/shop/account-sign-in";
import { Badge, type Tone } from "@/components/ui/badge";
import { orderPath } from "@/lib/access/order-access";
import { getShopperEmail } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getMailer } from "@/lib/notifications/mailer";
import { getClientMessages } from "@/lib/i18n/client-messages.server";
import { formatDay, formatPrice } from "@/lib/i18n/format";
import { listOrdersForShopper } from "@/lib/orders/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title"), robots: { index: false } };
}

const DELIVERY_TONE: Record<string, Tone> = {
  unfulfilled: "neutral",
  partial: "blue",
  fulfilled: "blue",
  delivered: "green",
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ link?: string }> }) {
  const t = await getTranslations("account");
  const email = await getShopperEmail();
  if (!email) {
    const { link } = await searchParams;
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-stone-600">{t("intro")}</p>
        {link === "used" && (
          <p
            role="alert"
            className="mt-4 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-amber-950"
          >
            {t("linkUsed")}
          </p>
        )}
        <div className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
          <AccountSignIn
            messages={await getClientMessages("account")}
            demoOutbox={env().AFTERCARE_DEMO && getMailer().transport === "outbox"}
          />
        </div>
        <p className="mt-4 text-sm">
          <Link href="/" className="text-brand-700 underline underline-offset-2">
            {t("orLookUp")}
          </Link>
        </p>
      </div>
    );
  }
  const db = await getDb();
  const [orders, store, locale, to] = await Promise.all([
    listOrdersForShopper(db, email),
    getStoreOrThrow(db),
    getLocale(),
    getTranslations("order"),
  ]);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{t("yourOrders")}</h1>
          <p className="mt-1 text-stone-600">{t("signedInAs", { email })}</p>
        </div>
        <AccountSignOut messages={await getClientMessages("account")} />
      </header>
      {orders.length === 0 ? (
        <p className="rounded-2xl border border-stone-200 bg-white p-5">{t("noOrders")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white shadow-sm">
          {orders.map((order) => (
            <li key={order.number}>
              <Link
                href={orderPath(order.number)}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-4 hover:bg-stone-50"
              >
                <span>
                  <span className="block font-medium text-brand-900 underline-offset-2 hover:underline">
                    {to("title", { number: order.number })}
                  </span>
                  <span className="block text-sm text-stone-600">
                    {to("placed", { date: formatDay(order.placedAt, locale, store.timeZone) })} ·{" "}
                    {formatPrice(order.total, order.currency, locale)}
                  </span>
                </span>
                <span className="flex flex-wrap gap-1.5">
                  {order.status === "cancelled" ? (
                    <Badge>{to("status.cancelled")}</Badge>
                  ) : (
                    <Badge tone={DELIVERY_TONE[order.fulfillmentStatus] ?? "neutral"}>
                      {to(`delivery.${order.fulfillmentStatus}`)}
                    </Badge>
                  )}
                  {order.financialStatus !== "paid" && (
                    <Badge tone="violet">{to(`financial.${order.financialStatus}`)}</Badge>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
