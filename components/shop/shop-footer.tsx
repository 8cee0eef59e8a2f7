import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db";
import { getWithdrawalEntryPoint } from "@/lib/withdrawals/queries";

export async function ShopFooter() {
  const t = await getTranslations("common");
  const withdrawal = await getWithdrawalEntryPoint(await getDb(), await getLocale());
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-3xl flex-col gap-2 px-4 py-6 text-sm text-stone-600 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label={t("footerNav")} className="flex flex-wrap gap-x-4 gap-y-1">
          <Link href="/policy" className="underline underline-offset-2 hover:text-brand-900">
            {t("policy")}
          </Link>
          <Link href="/" className="underline underline-offset-2 hover:text-brand-900">
            {t("findAnotherOrder")}
          </Link>
          {withdrawal && (
            <Link
              href={withdrawal.href}
              className="font-medium underline underline-offset-2 hover:text-brand-900"
            >
              {withdrawal.label}
            </Link>
          )}
        </nav>
        <p>{t("footer")}</p>
      </div>
    </footer>
  );
}
