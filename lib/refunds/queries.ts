import "server-only";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/console/cursor";
import type { DbOrTx } from "@/lib/db";
import { orders, REFUND_STATUSES, refunds } from "@/lib/db/schema";
import { BOSS_SCHEMA } from "@/lib/jobs/boss";
import { overdueCondition } from "./overdue";
import { listFailedJobs } from "@/lib/jobs/failed";
import { rowsOf } from "@/lib/jobs/sql-adapter";

export const REFUND_VIEWS = ["attention", "overdue", ...REFUND_STATUSES, "all"] as const;
export type RefundView = (typeof REFUND_VIEWS)[number];

export const refundFiltersSchema = z.object({
  status: z.enum(REFUND_VIEWS).catch("attention"),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type RefundFilters = z.output<typeof refundFiltersSchema>;

const PAGE_SIZE = 50;

/** Still unconfirmed past its deadline (lib/refunds/overdue.ts). */
const overdue = () => sql`(${overdueCondition()})`;

/** "Needs attention": failed (the bank said no, or no adapter can send it) or overdue. */
function viewCondition(view: RefundView): SQL | undefined {
  if (view === "all") return undefined;
  if (view === "overdue") return overdue();
  if (view === "attention") return sql`(${refunds.status} = 'failed' or ${overdue()})`;
  return eq(refunds.status, view);
}

/** Refunds for the monitor, newest first, with whether each is overdue. */
export async function listRefunds(db: DbOrTx, filters: RefundFilters) {
  const cursor = decodeCursor(filters.cursor);
  const rows = await db
    .select({
      id: refunds.id,
      orderId: refunds.orderId,
      orderNumber: orders.number,
      email: orders.email,
      requestId: refunds.requestId,
      amount: refunds.amount,
      currency: refunds.currency,
      status: refunds.status,
      gateway: refunds.gateway,
      paymentMethodType: refunds.paymentMethodType,
      attempts: refunds.attempts,
      failureCode: refunds.failureCode,
      failureReason: refunds.failureReason,
      offline: refunds.offline,
      note: refunds.note,
      claimedAt: refunds.claimedAt,
      expectedFrom: refunds.expectedFrom,
      expectedTo: refunds.expectedTo,
      submittedAt: refunds.submittedAt,
      settledAt: refunds.settledAt,
      createdAt: refunds.createdAt,
      createdByType: refunds.createdByType,
      createdById: refunds.createdById,
      gatewayStatus: refunds.gatewayStatus,
      confirmBy: refunds.confirmBy,
      overdue: sql<boolean>`coalesce(${overdue()}, false)`,
      sortValue: sql<string>`${refunds.createdAt}::text`,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        viewCondition(filters.status),
        cursor
          ? sql`(${refunds.createdAt}, ${refunds.id}) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ sortValue: _s, ...r }) => r),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ v: last.sortValue, id: last.id }) : null,
  };
}

export type RefundRow = Awaited<ReturnType<typeof listRefunds>>["rows"][number];

/** How many refunds are in each view (the monitor's tabs). */
export async function countRefundsByView(db: DbOrTx): Promise<Record<RefundView, number>> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${refunds.status} = 'pending')::int`,
      submitted: sql<number>`count(*) filter (where ${refunds.status} = 'submitted')::int`,
      succeeded: sql<number>`count(*) filter (where ${refunds.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${refunds.status} = 'failed')::int`,
      canceled: sql<number>`count(*) filter (where ${refunds.status} = 'canceled')::int`,
      overdue: sql<number>`count(*) filter (where ${overdue()})::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(refunds);
  const r = row!;
  return { ...r, attention: Number(r.failed) + Number(r.overdue) };
}

/** Refund ids by order, for linking a failed job back to its order. */
export async function refundOrders(db: DbOrTx, refundIds: string[]) {
  if (refundIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: refunds.id, number: orders.number })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(inArray(refunds.id, refundIds));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Jobs that used up their retries; empty until the job queue has created its tables. */
export async function listDeadJobs(db: DbOrTx) {
  const exists = rowsOf(
    await db.execute(
      sql`select 1 from information_schema.tables where table_schema = ${BOSS_SCHEMA} and table_name = 'job'`,
    ),
  );
  return exists.length ? listFailedJobs(db, { limit: 50 }) : [];
}
