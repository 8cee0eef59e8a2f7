// Formatting for the staff console (English, the store's time zone). Pure: used on both sides.
import { formatMoney } from "@/lib/money";
import type {
  CANCELLATION_REASONS,
  RETURN_REASONS,
  STATUTORY_WITHDRAWAL_REASON,
} from "@/lib/requests/schemas";

type ReasonCode =
  | (typeof CANCELLATION_REASONS)[number]
  | (typeof RETURN_REASONS)[number]
  | typeof STATUTORY_WITHDRAWAL_REASON;

export const CONSOLE_LOCALE = "en-GB";

export const money = (amount: number, currency: string) => formatMoney(amount, currency, CONSOLE_LOCALE);

export function dateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(CONSOLE_LOCALE, {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}

export function dateOnly(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  // Plain "YYYY-MM-DD" dates (arrival windows) are calendar days, not instants.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(CONSOLE_LOCALE, { timeZone: "UTC", dateStyle: "medium" }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return new Intl.DateTimeFormat(CONSOLE_LOCALE, { timeZone, dateStyle: "medium" }).format(new Date(value));
}

/** A short age such as "45 min", "5 h", "3 d". */
export function age(value: Date | string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(value).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "no_longer_needed" → "No longer needed". */
export function humanize(code: string): string {
  const text = code.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const REASON_LABELS = {
  changed_mind: "Changed mind",
  ordered_by_mistake: "Ordered by mistake",
  found_cheaper: "Found it cheaper",
  delivery_too_slow: "Delivery too slow",
  wrong_details: "Wrong details",
  damaged: "Damaged",
  defective: "Defective",
  wrong_item: "Wrong item",
  doesnt_fit: "Doesn't fit",
  no_longer_needed: "No longer needed",
  other: "Other",
  statutory_withdrawal: "Statutory withdrawal",
} satisfies Record<ReasonCode, string>;

/** A request's reason as staff read it; codes cannot hold the apostrophe of "Doesn't fit". */
export function reasonLabel(code: string): string {
  return (REASON_LABELS as Record<string, string>)[code] ?? humanize(code);
}

/** Parses a major-unit amount typed by staff ("1 299,50", "1299.5") into minor units. */
export function parseMajorAmount(input: string, digits = 2): number | null {
  const cleaned = input
    .replace(/[\s\u00a0]/g, "")
    .replace(/,(?=\d{1,2}$)/, ".")
    .replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

export const toMajor = (minor: number, digits = 2) => (minor / 10 ** digits).toFixed(digits);
