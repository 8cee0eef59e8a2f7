// Audit log filters, parsed from the URL (the page and the CSV export read the same ones).
import { z } from "zod";
import { ACTOR_TYPES, SUBJECT_TYPES } from "@/lib/db/schema";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const auditFiltersSchema = z.object({
  actorType: z.enum(ACTOR_TYPES).optional().catch(undefined),
  subjectType: z.enum(SUBJECT_TYPES).optional().catch(undefined),
  /** An event type ("refund.failed") or a family ("refund."). */
  type: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,60}$/)
    .optional()
    .catch(undefined),
  /** Calendar days in the store's time zone, both inclusive. */
  from: day,
  to: day,
  cursor: z.string().max(200).optional().catch(undefined),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  return auditFiltersSchema.parse(
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])),
  );
}

export function auditSearch(filters: Partial<Record<keyof AuditFilters, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : "";
}
