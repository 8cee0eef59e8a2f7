import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-4">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-900">
            {t("storeName")}
          </Link>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap gap-4 px-4 py-6 text-sm text-stone-600">
          <Link href="/policy" className="underline underline-offset-2">
            {t("policy")}
          </Link>
          <span>{t("footer")}</span>
        </div>
      </footer>
    </div>
  );
}
