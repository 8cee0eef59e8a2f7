export const LOCALES = ["en", "nb", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "aftercare_locale";

/** BCP 47 tags for Intl formatting. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", nb: "nb-NO", zh: "zh-CN" };

export const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

/** No locale in the URL: a remembered choice (the cookie) wins, else Accept-Language. */
export function requestLocale(chosen: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(chosen) ? chosen : negotiateLocale(acceptLanguage);
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (base === "nb" || base === "no" || base === "nn") return "nb";
    if (base === "zh") return "zh";
    if (base === "en") return "en";
  }
  return DEFAULT_LOCALE;
}
