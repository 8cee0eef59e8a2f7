// Counts the console shows are counted only up to a cap: past it the exact figure costs a walk
// over every matching row on each page view and tells the person reading it nothing more.
// A capped count is a plain number that stops at cap + 1, so "more than cap" stays exact and
// two capped counts can still be added. Pure: the navigation renders on the client.
import { CONSOLE_LOCALE } from "./format";

/** The navigation badges and the overview cards: "999+". */
export const ATTENTION_COUNT_CAP = 999;

/** The review queue's match count: "10,000+". */
export const QUEUE_COUNT_CAP = 10_000;

/** "1,234", or "999+" for a count that reached past its cap. */
export function formatCount(n: number, cap: number): string {
  return n > cap ? `${cap.toLocaleString(CONSOLE_LOCALE)}+` : n.toLocaleString(CONSOLE_LOCALE);
}
