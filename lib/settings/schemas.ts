// Store settings as staff type them in the console form: strings in, typed values out, with a
// field error for every bad value (DESIGN.md §4.5: bad input changes nothing).
import { z } from "zod";
import { PAYMENT_METHOD_TYPES } from "@/lib/db/schema";
import { LOCALES } from "@/lib/i18n/config";
import { parseMajorAmount } from "@/lib/console/format";
import { returnAddressFormSchema } from "./return-address";

const wholeNumber = (min: number, max: number, label = "a whole number") =>
  z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = String(raw).trim();
    if (!/^\d+$/.test(text)) {
      ctx.addIssue({ code: "custom", message: `Enter ${label}` });
      return z.NEVER;
    }
    const n = Number(text);
    if (n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `Enter a number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const majorAmount = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const minor = parseMajorAmount(String(raw));
  if (minor === null) {
    ctx.addIssue({ code: "custom", message: "Enter an amount such as 20000 or 1999.50" });
    return z.NEVER;
  }
  return minor;
});

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

const isCalendarDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** One date per line (or comma separated), YYYY-MM-DD; sorted and without duplicates. */
const holidayList = z.union([z.string(), z.array(z.string())]).transform((raw, ctx) => {
  const items = (Array.isArray(raw) ? raw : raw.split(/[\s,;]+/)).map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !isCalendarDay(d));
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `Not a date (use YYYY-MM-DD): ${bad.slice(0, 3).join(", ")}` });
    return z.NEVER;
  }
  if (items.length > 400) {
    ctx.addIssue({ code: "custom", message: "At most 400 holidays" });
    return z.NEVER;
  }
  return [...new Set(items)].sort();
});

const window = z
  .tuple([wholeNumber(0, 90), wholeNumber(0, 90)])
  .refine(([from, to]) => from <= to, { message: "The first day must not be after the last" });

export const storeSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the store's name").max(120, "Use at most 120 characters"),
    timeZone: z.string().trim().refine(isTimeZone, "Enter a time zone such as Europe/Oslo"),
    returnWindowDays: wholeNumber(0, 365),
    shipBySlaDays: wholeNumber(1, 60),
    maxRefundPerOrder: majorAmount,
    autoRefundEnabled: z.boolean(),
    arrivalWindows: z.object(
      Object.fromEntries(PAYMENT_METHOD_TYPES.map((m) => [m, window])) as Record<
        (typeof PAYMENT_METHOD_TYPES)[number],
        typeof window
      >,
    ),
    holidays: holidayList,
    locales: z.array(z.enum(LOCALES)).min(1, "Choose at least one language"),
    defaultLocale: z.enum(LOCALES, "Choose a language"),
    /** Left out: unchanged. All fields empty: no return address. */
    returnAddress: returnAddressFormSchema.optional(),
  })
  .strict()
  .refine((s) => s.locales.includes(s.defaultLocale), {
    path: ["defaultLocale"],
    message: "The default language must be one of the store's languages",
  });

export type StoreSettingsInput = z.input<typeof storeSettingsSchema>;
export type StoreSettings = z.output<typeof storeSettingsSchema>;

export const pauseAutomationSchema = z
  .object({ reason: z.string().trim().min(3, "Say why automation is paused").max(300) })
  .strict();
