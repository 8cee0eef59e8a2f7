// Formatting at the edge: dates, times and relative times with Intl for the shopper's locale.
// Instants are shown in the store's time zone; local dates (YYYY-MM-DD) are shown as written.
// Each Intl formatter is built once per locale, time zone and style (lib/intl-cache).
import { cachedIntl } from "@/lib/intl-cache";
import { assertMinorUnits, currencyMinorDigits } from "@/lib/money";
import { INTL_LOCALE, isLocale } from "./config";

export const intlLocale = (locale: string) => (isLocale(locale) ? INTL_LOCALE[locale] : locale);

type DateInput = Date | string;
const toDate = (d: DateInput) => (typeof d === "string" ? new Date(d) : d);

/** "12 December 2026" (en-GB), "12. desember 2026" (nb), "2026年12月12日" (zh). */
export function formatDay(at: DateInput, locale: string, timeZone: string, withYear = true): string {
  const format = cachedIntl(
    `day|${locale}|${timeZone}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        day: "numeric",
        month: "long",
        ...(withYear ? { year: "numeric" } : {}),
        timeZone,
      }),
  );
  return format.format(toDate(at));
}

/** A date and time, e.g. "23 Nov 2026, 13:05". */
export function formatDateTime(at: DateInput, locale: string, timeZone: string): string {
  const format = cachedIntl(
    `datetime|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }),
  );
  return format.format(toDate(at));
}

/** A calendar date `YYYY-MM-DD` (already local to the store), e.g. "2 December". */
export function formatLocalDate(date: string, locale: string, withYear = false): string {
  return formatDay(new Date(`${date}T12:00:00Z`), locale, "UTC", withYear);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 minutes ago", "in 2 days", "just now"-like "now" under a minute. */
export function formatRelative(at: DateInput, now: DateInput, locale: string): string {
  const diff = toDate(at).getTime() - toDate(now).getTime();
  const format = cachedIntl(
    `relative|${locale}`,
    () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" }),
  );
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, "second");
}

/**
 * Money in minor units for the shopper's locale, e.g. "NOK 1,299.00", "1 299,00 kr". The same
 * output as lib/money's formatMoney, with the formatter kept: the amount goes in as an exact
 * decimal string ("129900e-2"), so no division rounds a large amount.
 */
export function formatPrice(amount: number, currency: string, locale: string): string {
  assertMinorUnits(amount);
  const { format, digits } = cachedIntl(`price|${locale}|${currency}`, () => {
    const minor = currencyMinorDigits(currency);
    return {
      digits: minor,
      format: new Intl.NumberFormat(intlLocale(locale), {
        style: "currency",
        currency,
        minimumFractionDigits: minor,
        maximumFractionDigits: minor,
      }),
    };
  });
  return format.format(`${amount}e-${digits}` as `${number}`);
}
