// Refund jobs: submission (the only place money moves), status follow-up, and a sweep that
// finds approved refunds nobody submitted (a lost job, a crashed worker) — no lost work.
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { defineJob } from "@/lib/jobs/registry";
import { CLAIM_TIMEOUT_MS, refreshRefund, submitRefund } from "./commands";
import { appGateways } from "./gateways";

defineJob(
  "refund.submit",
  async (db, { refundId }) => {
    await submitRefund(db, refundId, appGateways(db));
  },
  { retryLimit: 8, retryDelay: 5, maxRetryDelay: 10 * 60 },
);

defineJob(
  "refund.refresh",
  async (db, { refundId }) => {
    await refreshRefund(db, refundId, appGateways(db));
  },
  { retryLimit: 8, retryDelay: 30, maxRetryDelay: 60 * 60 },
);

defineJob(
  "refunds.sweep",
  async (db) => {
    await sweepRefunds(db, new Date());
  },
  { retryLimit: 0 },
);

/** Submits pending refunds whose job is overdue or whose worker died holding the claim. */
export async function sweepRefunds(
  db: Db,
  now: Date,
  options: { olderThanMs?: number; limit?: number } = {},
) {
  const before = new Date(now.getTime() - (options.olderThanMs ?? 30_000));
  const staleClaim = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.status, "pending"),
        eq(refunds.offline, false),
        isNull(refunds.heldAt),
        or(and(isNull(refunds.claimedAt), lt(refunds.updatedAt, before)), lt(refunds.claimedAt, staleClaim)),
      ),
    )
    .orderBy(sql`${refunds.createdAt}`)
    .limit(options.limit ?? 100);
  const gateways = appGateways(db);
  const outcomes = [];
  for (const { id } of due) {
    outcomes.push(
      await submitRefund(db, id, gateways, { now }).catch((error: unknown) => {
        console.error(`[aftercare] sweep could not submit refund ${id}`, error);
        return "retry" as const;
      }),
    );
  }
  return outcomes;
}
