import "server-only";
import { and, eq, inArray, ne, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { cache } from "react";
import type { DbOrTx } from "@/lib/db";
import { orders, refunds, requests } from "@/lib/db/schema";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { overdueCondition } from "@/lib/refunds/overdue";
import { ATTENTION_COUNT_CAP } from "./counts";

/** Statuses in which a request waits for a person. */
// A return stays "item received" only when an automation gate held its refund for a person.
export const NEEDS_DECISION = ["pending_review", "submitted", "item_received"] as const;

/**
 * A scalar subquery counting the rows of `rows` (a select with no limit) up to cap + 1: the
 * index scan stops there, so the cost does not grow with the table.
 */
function countUpTo(rows: SQLWrapper, cap: number): SQL<number> {
  return sql<number>`(select count(*)::int from (${rows} limit ${sql.raw(String(Math.trunc(cap) + 1))}) capped)`;
}

/**
 * What needs attention, for the navigation and the overview, each counted up to
 * ATTENTION_COUNT_CAP + 1 (shown as "999+"). One statement; cached per render, so the layout
 * and the page that both show it share one read.
 */
export const getAttentionCounts = cache(async (db: DbOrTx) => {
  const one = sql`1`;
  const cap = ATTENTION_COUNT_CAP;
  const counts = {
    needsDecision: db
      .select({ one })
      .from(requests)
      .where(inArray(requests.status, [...NEEDS_DECISION])),
    failedRefunds: db.select({ one }).from(refunds).where(eq(refunds.status, "failed")),
    overdueRefunds: db.select({ one }).from(refunds).where(overdueCondition()),
    riskyOrders: db
      .select({ one })
      .from(orders)
      .where(and(ne(orders.riskLevel, "low"), eq(orders.status, "open"))),
    awaitingItem: db.select({ one }).from(requests).where(eq(requests.status, "awaiting_item")),
  };
  const [row] = rowsOf(
    await db.execute(
      sql`select ${sql.join(
        Object.entries(counts).map(([name, rows]) => sql`${countUpTo(rows, cap)} as ${sql.identifier(name)}`),
        sql`, `,
      )}`,
    ),
  );
  const n = (name: keyof typeof counts) => Number(row?.[name] ?? 0);
  return {
    needsDecision: n("needsDecision"),
    failedRefunds: n("failedRefunds"),
    overdueRefunds: n("overdueRefunds"),
    riskyOrders: n("riskyOrders"),
    awaitingItem: n("awaitingItem"),
  };
});

export type AttentionCounts = Awaited<ReturnType<typeof getAttentionCounts>>;
