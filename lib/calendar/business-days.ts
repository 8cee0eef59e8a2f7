// Business days in a store's time zone: Monday–Friday, minus the store's holidays.
// Local dates are `YYYY-MM-DD` strings; arithmetic on them runs on UTC midnights so it
// never meets a daylight-saving shift.
import { cachedIntl } from "@/lib/intl-cache";

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("localDate needs a valid Date");
  const parts = cachedIntl(
    `local-date|${timeZone}`,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        calendar: "gregory",
        numberingSystem: "latn",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }),
  ).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** True on a weekday that is not in `holidays`. */
export function isBusinessDay(date: string, holidays: string[]): boolean {
  return isWeekday(toDayNumber(date)) && !holidaySet(holidays).has(date);
}

/**
 * The date `days` business days after `start`, counting from the day after it: Friday + 1 is
 * Monday, and a weekend start counts from the next business day. Zero days returns `start`.
 */
export function addBusinessDays(start: string, days: number, holidays: string[]): string {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  }
  const closed = holidaySet(holidays);
  let day = toDayNumber(start);
  for (let counted = 0; counted < days;) {
    day += 1;
    if (isOpen(day, closed)) counted += 1;
  }
  return fromDayNumber(day);
}

/** Business days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function businessDaysBetween(from: string, to: string, holidays: string[]): number {
  const closed = holidaySet(holidays);
  const last = toDayNumber(to);
  let count = 0;
  for (let day = toDayNumber(from) + 1; day <= last; day += 1) {
    if (isOpen(day, closed)) count += 1;
  }
  return count;
}

/** When a refund sent at `sentAt` should reach the shopper, as local dates in the store's zone. */
export function arrivalWindow(
  sentAt: Date,
  window: [number, number],
  timeZone: string,
  holidays: string[],
): { from: string; to: string } {
  const [min, max] = window;
  if (min > max) throw new RangeError(`arrival window [${min}, ${max}] is reversed`);
  const sent = localDate(sentAt, timeZone);
  return {
    from: addBusinessDays(sent, min, holidays),
    to: addBusinessDays(sent, max, holidays),
  };
}

/** True once the store's local date is past `expectedTo` (the last day of the window). */
export function isOverdue(expectedTo: string, now: Date, timeZone: string): boolean {
  return toDayNumber(localDate(now, timeZone)) > toDayNumber(expectedTo);
}

function isOpen(day: number, closed: Set<string>): boolean {
  return isWeekday(day) && !closed.has(fromDayNumber(day));
}

function isWeekday(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

// A mistyped holiday would silently become a working day, so reject it instead.
function holidaySet(holidays: string[]): Set<string> {
  holidays.forEach(toDayNumber);
  return new Set(holidays);
}

/** Days since 1970-01-01 for a strict `YYYY-MM-DD` date; throws on anything else. */
function toDayNumber(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`expected a YYYY-MM-DD date, got "${date}"`);
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  if (fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`no such date: "${date}"`);
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
