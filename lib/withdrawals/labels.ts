// The entry point's wording. The law asks for a clearly labelled function; stores may word it
// per locale, and a locale they left empty falls back to these.
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";

export const DEFAULT_WITHDRAWAL_LABELS: Record<Locale, string> = {
  en: "Withdraw from contract here",
  nb: "Angre kjøpet her",
  zh: "在此撤回合同",
};

export function withdrawalLabel(labels: Record<string, string> | null | undefined, locale: string): string {
  const wanted: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return labels?.[wanted]?.trim() || DEFAULT_WITHDRAWAL_LABELS[wanted];
}
