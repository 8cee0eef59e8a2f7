// The analytics period: calendar days in the store's time zone, both inclusive, and the
// bucket size its charts use. Pure.
import { z } from "zod";

export type Bucket = "day" | "week" | "month";
export type Period = { from: string; to: string; bucket: Bucket };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PRESETS = { "30d": 30, "90d": 90, "365d": 365 } as const;
export type Preset = keyof typeof PRESETS;

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export function bucketFor(from: string, to: string): Bucket {
  const days = daysBetween(from, to);
  if (days <= 62) return "day";
  if (days <= 400) return "week";
  return "month";
}

/** A period from URL parameters: a preset ("90d") or from/to dates; the last 90 days by default. */
export function parsePeriod(
  params: { preset?: string; from?: string; to?: string },
  timeZone: string,
  now: Date = new Date(),
): Period & { preset: Preset | null } {
  const today = todayIn(timeZone, now);
  const from = day.safeParse(params.from);
  const to = day.safeParse(params.to);
  if (
    !params.preset &&
    from.success &&
    to.success &&
    from.data <= to.data &&
    daysBetween(from.data, to.data) <= 3 * 366
  ) {
    return { from: from.data, to: to.data, bucket: bucketFor(from.data, to.data), preset: null };
  }
  const preset: Preset = params.preset && params.preset in PRESETS ? (params.preset as Preset) : "90d";
  const start = addDays(today, -(PRESETS[preset] - 1));
  return { from: start, to: today, bucket: bucketFor(start, today), preset };
}
