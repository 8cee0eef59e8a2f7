// Refund jobs: submission (the only place money moves), status follow-up, and a sweep that
// finds approved refunds nobody submitted (a lost job, a crashed worker) — no lost work.
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
import {
  CLAIM_TIMEOUT_MS,
  type GatewayResolver,
  refreshRefund,
  submitRefund,
  type SubmitOutcome,
} from "./commands";
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

/** A pending refund nobody claimed is the sweep's once its own job had this long to run. */
const UNCLAIMED_GRACE_MS = 30_000;
/** Submissions one sweep runs side by side: each is a claim, a gateway call and a save. */
const SWEEP_CONCURRENCY = 8;

/**
 * Submits pending refunds whose job is overdue or whose worker died holding the claim — every one
 * that is due, page by page (`limit` rows a page) — and, when more will fall due within the minute
 * (claims of a process that just died), has the next sweep start then rather than at the next
 * minute's: the claims of a process killed mid-burst are taken over CLAIM_TIMEOUT_MS after it died.
 */
export async function sweepRefunds(
  db: Db,
  now: Date,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<SubmitOutcome[]> {
  const gateways = appGateways(db);
  const limit = options.limit ?? 100;
  const outcomes: SubmitOutcome[] = [];
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const due = await dueRefunds(db, now, options.olderThanMs ?? UNCLAIMED_GRACE_MS, limit, after);
    outcomes.push(...(await eachSideBySide(due, (r) => sweepOne(db, r.id, gateways, now))));
    if (due.length < limit) break;
    after = due[due.length - 1];
  }
  await scheduleFollowUp(db, now);
  return outcomes;
}

const sweepable = () =>
  and(eq(refunds.status, "pending"), eq(refunds.offline, false), isNull(refunds.heldAt));

function dueRefunds(
  db: Db,
  now: Date,
  olderThanMs: number,
  limit: number,
  after: { createdAt: Date; id: string } | undefined,
) {
  const before = new Date(now.getTime() - olderThanMs);
  const staleClaim = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  return db
    .select({ id: refunds.id, createdAt: refunds.createdAt })
    .from(refunds)
    .where(
      and(
        sweepable(),
        or(and(isNull(refunds.claimedAt), lt(refunds.updatedAt, before)), lt(refunds.claimedAt, staleClaim)),
        after
          ? sql`(${refunds.createdAt}, ${refunds.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(refunds.createdAt, refunds.id)
    .limit(limit);
}

function sweepOne(db: Db, id: string, gateways: GatewayResolver, now: Date): Promise<SubmitOutcome> {
  return submitRefund(db, id, gateways, { now }).catch((error: unknown) => {
    console.error(`[aftercare] sweep could not submit refund ${id}`, error);
    return "retry" as const;
  });
}

async function eachSideBySide<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += SWEEP_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(i, i + SWEEP_CONCURRENCY).map(run))));
  }
  return results;
}

/** The next moment a claimed pending refund falls due, when that is within the minute: a sweep then. */
async function scheduleFollowUp(db: Db, now: Date) {
  const [row] = await db
    .select({ oldest: sql<string | null>`min(${refunds.claimedAt})::text` })
    .from(refunds)
    .where(and(sweepable(), isNotNull(refunds.claimedAt)));
  if (!row?.oldest) return;
  const due = new Date(new Date(row.oldest).getTime() + CLAIM_TIMEOUT_MS + 1_000);
  if (due.getTime() - now.getTime() >= 60_000) return;
  await enqueue(
    db,
    "refunds.sweep",
    {},
    {
      startAfter: due.getTime() > now.getTime() ? due : now,
      singletonKey: "follow-up",
      singletonSeconds: 15,
    },
  );
}
