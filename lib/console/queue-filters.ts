// The review queue's filters, parsed from the URL so every view is a link that can be shared.
import { z } from "zod";
import { REQUEST_TYPES } from "@/lib/db/schema";
import { parseMajorAmount } from "./format";

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

const majorAmount = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return undefined;
    const minor = parseMajorAmount(v);
    if (minor === null) {
      ctx.addIssue({ code: "custom", message: "Enter an amount such as 499 or 499.50" });
      return z.NEVER;
    }
    return minor;
  });

export const QUEUE_VIEWS = {
  // A return stays "item received" only when an automation gate held its refund for a person.
  decision: { label: "Needs decision", statuses: ["pending_review", "submitted", "item_received"] },
  awaiting: { label: "Awaiting item", statuses: ["awaiting_item"] },
  refunding: { label: "Refunding", statuses: ["approved", "auto_approved", "refunding"] },
  closed: { label: "Closed", statuses: ["completed", "declined", "withdrawn"] },
  all: { label: "All", statuses: null },
} as const;
export type QueueView = keyof typeof QUEUE_VIEWS;

export const QUEUE_SORTS = {
  oldest: "Oldest first",
  newest: "Newest first",
  amount_desc: "Largest refund first",
  amount_asc: "Smallest refund first",
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export const queueFiltersSchema = z.object({
  view: z.enum(Object.keys(QUEUE_VIEWS) as [QueueView, ...QueueView[]]).catch("decision"),
  type: z.enum(REQUEST_TYPES).optional().catch(undefined),
  reason: optionalText,
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
  minAmount: majorAmount.catch(undefined),
  maxAmount: majorAmount.catch(undefined),
  risk: z.enum(["elevated", "high"]).optional().catch(undefined),
  held: z.enum(["1"]).optional().catch(undefined),
  q: optionalText,
  sort: z.enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]]).catch("oldest"),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type QueueFilters = z.output<typeof queueFiltersSchema>;

export function parseQueueFilters(params: Record<string, string | string[] | undefined>): QueueFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return queueFiltersSchema.parse(flat);
}

/** The raw URL values for a set of filters, e.g. to rebuild a link with another cursor. */
export function queueHref(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `/merchant/requests?${s}` : "/merchant/requests";
}
