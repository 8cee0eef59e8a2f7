import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "./language-switcher";

export async function ShopHeader() {
  const t = await getTranslations("common");
  return (
    <header className="border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-brand-900"
        >
          <Logo />
          {t("storeName")}
        </Link>
        <nav aria-label={t("mainNav")} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <Link
            href="/account"
            className="text-stone-700 underline-offset-4 hover:text-brand-900 hover:underline"
          >
            {t("account")}
          </Link>
          <Link
            href="/policy"
            className="text-stone-700 underline-offset-4 hover:text-brand-900 hover:underline"
          >
            {t("policyShort")}
          </Link>
          <LanguageSwitcher />
        </nav>
      </div>
    </header>
  );
}

/** A small aurora over a horizon: the store's mark, decorative only. */
function Logo() {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className="size-7" focusable="false">
      <defs>
        <linearGradient id="nordlys-mark" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#5fb3a1" />
          <stop offset="1" stopColor="#184b45" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#nordlys-mark)" />
      <path
        d="M5 20c5-9 9-12 22-13-8 4-11 8-13 13"
        fill="none"
        stroke="#e9f5f1"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <path d="M5 25h22" stroke="#e9f5f1" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
