// The store's return address: where shoppers send approved returns. Validated as the console
// form types it (all empty = not set), and written out the same way on every surface — the order
// page, /policy and the e-mails — in the reader's language (the country's name). Pure.
import { z } from "zod";
import type { ReturnAddress } from "@/lib/db/schema";
import { INTL_LOCALE, isLocale } from "@/lib/i18n/config";

export type { ReturnAddress } from "@/lib/db/schema";

/** Postal code patterns where a store is likely to be; elsewhere 2–10 letters, digits, spaces or dashes. */
const POSTAL_CODES: Record<string, { pattern: RegExp; example: string }> = {
  NO: { pattern: /^\d{4}$/, example: "0150" },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: "111 22" },
  DK: { pattern: /^\d{4}$/, example: "1050" },
  FI: { pattern: /^\d{5}$/, example: "00100" },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: "1011 AB" },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: "SW1A 1AA" },
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "10001" },
  CN: { pattern: /^\d{6}$/, example: "100000" },
};
const ANY_POSTAL_CODE = /^[A-Z\d][A-Z\d -]{0,8}[A-Z\d]$/;

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** An ISO 3166-1 alpha-2 code that names a country (not "XX", not "EU"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && code !== "EU" && code !== "UN" && Boolean(regionNames.of(code));
}

const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).default("");

/** The form's fields, strings as typed; every field empty means "no return address". */
export const returnAddressFormSchema = z
  .object({
    name: text(100),
    line1: text(100),
    line2: text(100),
    postalCode: text(12),
    city: text(60),
    country: text(2),
  })
  .strict()
  .transform((raw, ctx): ReturnAddress | null => {
    const country = raw.country.toUpperCase();
    const postalCode = raw.postalCode.toUpperCase().replace(/\s+/g, " ");
    if (![raw.name, raw.line1, raw.line2, postalCode, raw.city, country].some(Boolean)) return null;
    const missing = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (!raw.name) missing("name", "Enter who receives returns, e.g. the store's name");
    if (!raw.line1) missing("line1", "Enter the street address");
    if (!raw.city) missing("city", "Enter the city");
    if (!isCountryCode(country)) missing("country", "Enter a two-letter country code such as NO");
    const rule = POSTAL_CODES[country];
    if (!postalCode) missing("postalCode", "Enter the postal code");
    else if (rule ? !rule.pattern.test(postalCode) : !ANY_POSTAL_CODE.test(postalCode)) {
      missing(
        "postalCode",
        rule ? `Enter a postal code such as ${rule.example}` : "Enter a valid postal code",
      );
    }
    return {
      name: raw.name,
      line1: raw.line1,
      ...(raw.line2 ? { line2: raw.line2 } : {}),
      postalCode,
      city: raw.city,
      country,
    };
  });

/** The form's fields, each a string. */
export type ReturnAddressFields = { [K in keyof z.input<typeof returnAddressFormSchema>]-?: string };

/** What the form shows for a stored address (or none). */
export function returnAddressFormValues(address: ReturnAddress | null | undefined): ReturnAddressFields {
  return {
    name: address?.name ?? "",
    line1: address?.line1 ?? "",
    line2: address?.line2 ?? "",
    postalCode: address?.postalCode ?? "",
    city: address?.city ?? "",
    country: address?.country ?? "",
  };
}

/**
 * The address as it goes on a parcel, one line each, the country named in the reader's language.
 * Postal code before the city, as in the Nordic countries and most of Europe.
 */
export function returnAddressLines(address: ReturnAddress, locale: string): string[] {
  const intl = isLocale(locale) ? INTL_LOCALE[locale] : "en-GB";
  const country = new Intl.DisplayNames([intl], { type: "region" }).of(address.country) ?? address.country;
  return [
    address.name,
    address.line1,
    ...(address.line2 ? [address.line2] : []),
    `${address.postalCode} ${address.city}`,
    country,
  ];
}
