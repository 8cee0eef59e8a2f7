// Building an Intl formatter costs far more than using one (tens of microseconds against one or
// two), so each is built once per locale, time zone, currency and style and reused: a page formats
// dozens of dates and prices, and every refund computes its arrival window and renders e-mails.
// Keys come from our locales, store time zones and currencies: a handful. The bound only stops an
// unexpected stream of distinct keys from growing memory.
const MAX_ENTRIES = 500;
const cache = new Map<string, unknown>();

export function cachedIntl<T>(key: string, build: () => T): T {
  const hit = cache.get(key) as T | undefined;
  if (hit !== undefined) return hit;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const made = build();
  cache.set(key, made);
  return made;
}
