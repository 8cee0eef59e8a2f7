import { getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { setLocale } from "@/lib/i18n/actions";
import { LOCALES } from "@/lib/i18n/config";

// Each language is named in itself, so a shopper finds theirs whatever the page is in.
const NAMES = {
  en: { label: "English", lang: "en" },
  nb: { label: "Norsk", lang: "nb" },
  zh: { label: "中文", lang: "zh-CN" },
};

/** Three submit buttons in a form: works without JavaScript and with the keyboard. */
export async function LanguageSwitcher() {
  const t = await getTranslations("common");
  const current = await getLocale();
  return (
    <form action={setLocale} aria-label={t("language")} className="flex items-center">
      <fieldset className="flex items-center gap-0.5 rounded-full border border-stone-200 bg-stone-50 p-0.5">
        <legend className="sr-only">{t("language")}</legend>
        {LOCALES.map((locale) => {
          const active = locale === current;
          return (
            <button
              key={locale}
              type="submit"
              name="locale"
              value={locale}
              lang={NAMES[locale].lang}
              aria-pressed={active}
              className={cn(
                "min-h-8 rounded-full px-2.5 text-sm transition-colors",
                active
                  ? "bg-white font-medium text-brand-900 shadow-sm ring-1 ring-stone-200"
                  : "text-stone-600 hover:text-stone-900",
              )}
            >
              {NAMES[locale].label}
            </button>
          );
        })}
      </fieldset>
    </form>
  );
}
