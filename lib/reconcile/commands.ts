// Reconciliation: what Aftercare believes about each recent refund, checked against what the
// gateway says. News we missed (a lost webhook) is applied; a final state the gateway disagrees
// with ("refunded here, pending there") is never overwritten — it is flagged on the refund for
// staff, and cleared by a later run once both sides agree again.
import { and, eq, gte, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, refundFallbacks, type RefundMismatch, refunds } from "@/lib/db/schema";
import { recordEvent } from "@/lib/events/record";
import { applyFailedAttemptNews } from "@/lib/fallbacks/late-success";
import { type GatewayRefund, isGatewayError } from "@/lib/gateways/types";
import { applyGatewayRefund, type GatewayResolver } from "@/lib/refunds/commands";
import { compareRefund } from "./compare";

export type ReconcileReport = {
  checked: number;
  corrected: number;
  flagged: number;
  cleared: number;
  errors: number;
};

const DAY = 86_400_000;

/**
 * Checks every refund of the window (created or changed in the last `days`), oldest first, a page
 * of `limit` rows at a time after a cursor on (created_at, id), so no refund is left out however
 * many the window holds.
 */
export async function reconcileRefunds(
  db: Db,
  gateways: GatewayResolver,
  options: { now?: Date; days?: number; limit?: number } = {},
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.days ?? 30) * DAY);
  const limit = options.limit ?? 500;
  const report: ReconcileReport = { checked: 0, corrected: 0, flagged: 0, cleared: 0, errors: 0 };
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await windowPage(db, since, limit, after);
    for (const row of rows) await reconcileOne(db, gateways, row, now, report);
    if (rows.length < limit) break;
    after = rows[rows.length - 1];
  }
  report.corrected += await checkSupersededAttempts(db, gateways, since);
  return report;
}

function windowPage(db: Db, since: Date, limit: number, after: { createdAt: Date; id: string } | undefined) {
  return db
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.kind, "refund"),
        eq(refunds.offline, false),
        isNotNull(refunds.gatewayRefundId),
        inArray(refunds.status, ["submitted", "succeeded", "failed"]),
        or(gte(refunds.createdAt, since), gte(refunds.updatedAt, since)),
        after
          ? sql`(${refunds.createdAt}, ${refunds.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(refunds.createdAt, refunds.id)
    .limit(limit);
}

async function reconcileOne(
  db: Db,
  gateways: GatewayResolver,
  row: typeof refunds.$inferSelect,
  now: Date,
  report: ReconcileReport,
) {
  const theirs = await ask(gateways, row.gateway, row.gatewayRefundId!);
  if (theirs === "error") {
    report.errors += 1;
    return;
  }
  report.checked += 1;
  const verdict = compareRefund({ status: row.status, amount: row.amount }, theirs);
  if (verdict.kind === "apply") {
    const late = await applyFailedAttemptNews(db, row.gateway, theirs as GatewayRefund);
    if (late === "not_ours") await applyGatewayRefund(db, row.id, theirs as GatewayRefund);
    report.corrected += 1;
    await markReconciled(db, row, null, now);
  } else if (verdict.kind === "mismatch") {
    if (await markReconciled(db, row, { ...verdict.mismatch, detectedAt: now.toISOString() }, now))
      report.flagged += 1;
  } else if (await markReconciled(db, row, null, now)) {
    report.cleared += 1;
  }
}

/** Failed attempts with a fallback that the refund row no longer points at. */
async function checkSupersededAttempts(db: Db, gateways: GatewayResolver, since: Date): Promise<number> {
  const attempts = await db
    .select({ gateway: refunds.gateway, gatewayRefundId: refundFallbacks.failedGatewayRefundId })
    .from(refundFallbacks)
    .innerJoin(refunds, eq(refunds.id, refundFallbacks.refundId))
    .where(
      and(
        isNull(refundFallbacks.lateSuccessAt),
        isNotNull(refundFallbacks.failedGatewayRefundId),
        gte(refundFallbacks.createdAt, since),
        or(
          ne(refunds.status, "failed"),
          ne(refunds.gatewayRefundId, refundFallbacks.failedGatewayRefundId),
          isNull(refunds.gatewayRefundId),
        ),
      ),
    );
  let corrected = 0;
  for (const a of attempts) {
    const theirs = await ask(gateways, a.gateway, a.gatewayRefundId!);
    if (theirs === "error" || theirs === "missing" || theirs.status !== "succeeded") continue;
    if ((await applyFailedAttemptNews(db, a.gateway, theirs)) !== "not_ours") corrected += 1;
  }
  return corrected;
}

async function ask(
  gateways: GatewayResolver,
  gateway: string,
  id: string,
): Promise<GatewayRefund | "missing" | "error"> {
  try {
    return await gateways(gateway).getRefund(id);
  } catch (error) {
    if (isGatewayError(error) && error.code === "not_found") return "missing";
    console.error(`[aftercare] reconcile could not read refund ${id} at ${gateway}`, error);
    return "error";
  }
}

/** Stores the verdict; true when it changed (a new or different mismatch, or one cleared). */
async function markReconciled(
  db: Db,
  row: typeof refunds.$inferSelect,
  mismatch: RefundMismatch | null,
  now: Date,
) {
  const changed = (row.mismatch?.code ?? null) !== (mismatch?.code ?? null);
  await db.transaction(async (tx) => {
    await tx
      .update(refunds)
      .set({ reconciledAt: now, ...(changed ? { mismatch } : {}) })
      .where(eq(refunds.id, row.id));
    if (!changed) return;
    const [order] = await tx
      .select({ storeId: orders.storeId })
      .from(orders)
      .where(eq(orders.id, row.orderId));
    await recordEvent(tx, {
      storeId: order!.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: row.orderId,
      actor: { type: "system", id: "reconcile" },
      type: mismatch ? "refund.mismatch_flagged" : "refund.mismatch_cleared",
      data: mismatch ? { ...mismatch } : { previous: row.mismatch?.code ?? null },
    });
  });
  return changed;
}
