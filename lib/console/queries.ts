import "server-only";
import { and, count, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders, refunds, requests } from "@/lib/db/schema";

/** Statuses in which a request waits for a person. */
export const NEEDS_DECISION = ["pending_review", "submitted"] as const;

/** What needs attention, for the navigation and the overview. */
export async function getAttentionCounts(db: DbOrTx) {
  const [[decision], [failed], [overdue], [risky], [awaiting]] = await Promise.all([
    db
      .select({ n: count() })
      .from(requests)
      .where(inArray(requests.status, [...NEEDS_DECISION])),
    db.select({ n: count() }).from(refunds).where(eq(refunds.status, "failed")),
    db
      .select({ n: count() })
      .from(refunds)
      .where(
        and(inArray(refunds.status, ["pending", "submitted"]), lt(refunds.expectedTo, sql`current_date`)),
      ),
    db
      .select({ n: count() })
      .from(orders)
      .where(and(ne(orders.riskLevel, "low"), eq(orders.status, "open"))),
    db.select({ n: count() }).from(requests).where(eq(requests.status, "awaiting_item")),
  ]);
  return {
    needsDecision: decision?.n ?? 0,
    failedRefunds: failed?.n ?? 0,
    overdueRefunds: overdue?.n ?? 0,
    riskyOrders: risky?.n ?? 0,
    awaitingItem: awaiting?.n ?? 0,
  };
}
