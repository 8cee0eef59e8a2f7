// The shopper-facing formatters keep their Intl formatters between calls; what they print must
// stay exactly what a fresh formatter (and lib/money's formatMoney) prints.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatDay,
  formatLocalDate,
  formatPrice,
  formatRelative,
  intlLocale,
} from "@/lib/i18n/format";
import { formatMoney } from "@/lib/money";

const LOCALES = ["en", "nb", "zh"] as const;
// Intl separates groups and symbols with NBSP / narrow NBSP; compare with plain spaces.
const spaced = (s: string) => s.replace(/\s/g, " ");
const CURRENCIES = ["NOK", "EUR", "USD", "JPY", "KWD", "CNY"] as const;
const ZONES = ["Europe/Oslo", "UTC", "Asia/Shanghai", "America/New_York"] as const;

describe("formatPrice", () => {
  it("prints what formatMoney prints, for any amount, currency and locale", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().map((n) => n - (n % 1)),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...LOCALES),
        (amount, currency, locale) => {
          expect(formatPrice(amount, currency, locale)).toBe(
            formatMoney(amount, currency, intlLocale(locale)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps every cent of amounts beyond what a division would keep", () => {
    expect(spaced(formatPrice(900719925474099, "NOK", "en"))).toBe("NOK 9,007,199,254,740.99");
    expect(spaced(formatPrice(-5, "NOK", "en"))).toBe("-NOK 0.05");
    expect(spaced(formatPrice(1500, "JPY", "en"))).toBe("JP¥1,500");
  });

  it("refuses fractions of a minor unit", () => {
    expect(() => formatPrice(1.5, "NOK", "en")).toThrow(RangeError);
  });
});

describe("date formatters", () => {
  it("print what a fresh Intl formatter prints, call after call", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2100-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...ZONES),
        fc.boolean(),
        (at, locale, timeZone, withYear) => {
          const day = new Intl.DateTimeFormat(intlLocale(locale), {
            day: "numeric",
            month: "long",
            ...(withYear ? { year: "numeric" } : {}),
            timeZone,
          });
          expect(formatDay(at, locale, timeZone, withYear)).toBe(day.format(at));
          expect(formatDay(at.toISOString(), locale, timeZone, withYear)).toBe(day.format(at));
          const dateTime = new Intl.DateTimeFormat(intlLocale(locale), {
            dateStyle: "medium",
            timeStyle: "short",
            timeZone,
          });
          expect(formatDateTime(at, locale, timeZone)).toBe(dateTime.format(at));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("shows a local date as written and relative times in the shopper's words", () => {
    expect(formatLocalDate("2026-12-02", "en")).toBe("2 December");
    expect(formatLocalDate("2026-12-02", "en", true)).toBe("2 December 2026");
    const now = new Date("2026-11-23T12:00:00Z");
    expect(formatRelative(new Date("2026-11-23T11:57:00Z"), now, "en")).toBe("3 minutes ago");
    expect(formatRelative(new Date("2026-11-25T12:00:00Z"), now, "en")).toBe("in 2 days");
    expect(formatRelative(now, now, "en")).toBe("now");
  });
});
