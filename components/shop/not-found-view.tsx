import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What a shopper sees for an address that leads nowhere: the store's words, and the way back. */
export async function NotFoundView() {
  const t = await getTranslations("notFoundPage");
  const common = await getTranslations("common");
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-medium text-brand-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-600">{t("body")}</p>
      <div className="mt-5 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Link
          href="/"
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
        >
          {t("lookup")}
        </Link>
        <Link href="/policy" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
          {common("policy")}
        </Link>
      </div>
    </div>
  );
}

export async function notFoundMetadata() {
  const t = await getTranslations("notFoundPage");
  return { title: t("metaTitle"), robots: { index: false } };
}
