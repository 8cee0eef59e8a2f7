import "server-only";
import { and, desc, eq, like, lt, ne, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { events, orders } from "@/lib/db/schema";
import type { AuditFilters } from "./filters";

export const AUDIT_PAGE_SIZE = 100;

/** What the reader may see beyond orders and money: staff accounts are the owner's (as /merchant/staff). */
export type AuditReader = { seesStaff: boolean };

function conditions(f: Partial<AuditFilters>, timeZone: string, reader: AuditReader): SQL[] {
  const out: SQL[] = [];
  if (!reader.seesStaff) out.push(ne(events.subjectType, "staff"));
  if (f.actorType) out.push(eq(events.actorType, f.actorType));
  if (f.subjectType) out.push(eq(events.subjectType, f.subjectType));
  if (f.type) out.push(f.type.endsWith(".") ? like(events.type, `${f.type}%`) : eq(events.type, f.type));
  // Days are the store's calendar days, whatever the server's time zone.
  if (f.from) out.push(sql`${events.createdAt} >= (${f.from}::date)::timestamp at time zone ${timeZone}`);
  if (f.to) out.push(sql`${events.createdAt} < (${f.to}::date + 1)::timestamp at time zone ${timeZone}`);
  return out;
}

const columns = {
  id: events.id,
  createdAt: events.createdAt,
  actorType: events.actorType,
  actorId: events.actorId,
  subjectType: events.subjectType,
  subjectId: events.subjectId,
  orderId: events.orderId,
  orderNumber: orders.number,
  type: events.type,
  data: events.data,
};

/** One page of the audit log, newest first; keyset on the event id (ids only grow). */
export async function listAuditEvents(
  db: DbOrTx,
  filters: Partial<AuditFilters> & { limit?: number; timeZone?: string },
  reader: AuditReader,
) {
  const limit = filters.limit ?? AUDIT_PAGE_SIZE;
  const before = filters.cursor && /^\d+$/.test(filters.cursor) ? Number(filters.cursor) : undefined;
  const rows = await db
    .select(columns)
    .from(events)
    .leftJoin(orders, eq(orders.id, events.orderId))
    .where(
      and(
        ...conditions(filters, filters.timeZone ?? "UTC", reader),
        before ? lt(events.id, before) : undefined,
      ),
    )
    .orderBy(desc(events.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/** Every matching event, newest first, in batches: the CSV export streams these. */
export async function* iterateAuditEvents(
  db: DbOrTx,
  filters: Partial<AuditFilters>,
  timeZone: string,
  reader: AuditReader,
) {
  let cursor: string | undefined;
  for (;;) {
    const page = await listAuditEvents(db, { ...filters, cursor, timeZone, limit: 1000 }, reader);
    yield* page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export const AUDIT_CSV_HEADER = [
  "id",
  "time_utc",
  "actor_type",
  "actor_id",
  "actor",
  "subject_type",
  "subject_id",
  "order_number",
  "type",
  "data",
];

export function auditCsvCells(row: AuditRow, names: Map<string, string>) {
  return [
    row.id,
    row.createdAt,
    row.actorType,
    row.actorId,
    row.actorType === "staff" && row.actorId ? (names.get(row.actorId) ?? "") : "",
    row.subjectType,
    row.subjectId,
    row.orderNumber ? `#${row.orderNumber}` : "",
    row.type,
    JSON.stringify(row.data),
  ];
}
