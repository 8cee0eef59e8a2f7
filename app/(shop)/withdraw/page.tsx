import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getShopperEmail } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getClientMessages } from "@/lib/i18n/client-messages.server";
import { withdrawalLabel } from "@/lib/withdrawals/labels";
import { getWithdrawalSettings } from "@/lib/withdrawals/queries";
import { WithdrawalFlow } from "./withdrawal-flow";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withdrawal");
  return { title: t("title"), robots: { index: false } };
}

/** The withdrawal function (EU CRD Art. 11a): open to guests with the order number and e-mail. */
export default async function WithdrawPage({ searchParams }: { searchParams: Promise<{ order?: string }> }) {
  const t = await getTranslations("withdrawal");
  const locale = await getLocale();
  const settings = await getWithdrawalSettings(await getDb());
  if (!settings.withdrawalEnabled) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{t("title")}</h1>
        <p role="alert" className="mt-4 rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-950">
          {t("blocked.disabled")}
        </p>
      </div>
    );
  }
  const { order } = await searchParams;
  const number = typeof order === "string" ? order.replace(/[^A-Za-z0-9#-]/g, "").slice(0, 33) : "";
  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm font-medium text-brand-700">
        {withdrawalLabel(settings.withdrawalLabels, locale)}
      </p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-base text-stone-700">{t("intro", { days: settings.withdrawalDays })}</p>
      <div className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <WithdrawalFlow
          idempotencyKey={crypto.randomUUID()}
          defaults={{ number, email: (await getShopperEmail()) ?? "" }}
          locale={locale}
          timeZone={settings.timeZone}
          messages={await getClientMessages("withdrawal")}
        />
      </div>
    </div>
  );
}
