// Dry run: what a draft rule set would have decided for the most recent requests, beside what
// the live rules decide, with totals. Reads only; saving a draft is a separate, audited step.
import { and, count, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import {
  fulfillments,
  lineItems,
  orders,
  paymentTransactions,
  refunds,
  requestItems,
  requests,
  stores,
} from "@/lib/db/schema";
import { STATUTORY_WITHDRAWAL_REASON } from "@/lib/requests/schemas";
import { type Decision, evaluate, refundHistoryWindows } from "./engine";
import { buildFacts } from "./facts";
import { getLiveRuleSet, parseRules } from "./rule-sets";
import type { Rule } from "./schemas";

export type DryRunRow = {
  requestId: string;
  orderNumber: string;
  type: "cancellation" | "return";
  reason: string;
  amount: number;
  createdAt: Date;
  live: Pick<Decision, "outcome" | "ruleId">;
  draft: Pick<Decision, "outcome" | "ruleId">;
  changed: boolean;
};

export type DryRunTotals = {
  count: number;
  autoApproved: number;
  autoRefundAmount: number;
  review: number;
  decline: number;
};

export function totalsOf(rows: DryRunRow[], side: "live" | "draft"): DryRunTotals {
  const totals: DryRunTotals = {
    count: rows.length,
    autoApproved: 0,
    autoRefundAmount: 0,
    review: 0,
    decline: 0,
  };
  for (const row of rows) {
    const outcome = row[side].outcome;
    if (outcome === "auto_approve") {
      totals.autoApproved += 1;
      totals.autoRefundAmount += row.amount;
    } else if (outcome === "review") totals.review += 1;
    else totals.decline += 1;
  }
  return totals;
}

const DAY = 86_400_000;

/**
 * Replays the last `limit` requests the rules decide. Statutory withdrawals are left out, as the
 * real path leaves them (the law grants them; lib/requests submitStatutoryRequestInTx), and
 * counted so the page can say so. Facts are rebuilt as of each request's creation: its
 * amount, reason and lines, the order's risk and payment method, delivery and payment age then,
 * and the customer's refunds before it. Fulfilment state then is inferred from the request type.
 */
export async function dryRun(
  db: DbOrTx,
  storeId: string,
  draftRaw: unknown,
  options: { limit?: number } = {},
) {
  const draft: Rule[] = parseRules(draftRaw);
  const live = await getLiveRuleSet(db, storeId);
  const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
  if (!store) throw new Error(`no store ${storeId}`);
  const recent = await db
    .select({ request: requests, order: orders })
    .from(requests)
    .innerJoin(orders, eq(orders.id, requests.orderId))
    .where(and(eq(orders.storeId, storeId), ne(requests.reasonCode, STATUTORY_WITHDRAWAL_REASON)))
    .orderBy(desc(requests.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 5000));
  const withdrawalsLeftOut = await countWithdrawalsSince(db, storeId, recent.at(-1)?.request.createdAt);
  if (recent.length === 0)
    return {
      rows: [],
      live: totalsOf([], "live"),
      draft: totalsOf([], "draft"),
      liveVersion: live.version,
      withdrawalsLeftOut,
    };

  const requestIds = recent.map((r) => r.request.id);
  const orderIds = [...new Set(recent.map((r) => r.order.id))];
  const [items, lines, shipments, payments] = await Promise.all([
    db.select().from(requestItems).where(inArray(requestItems.requestId, requestIds)),
    db.select().from(lineItems).where(inArray(lineItems.orderId, orderIds)),
    db.select().from(fulfillments).where(inArray(fulfillments.orderId, orderIds)),
    db.select().from(paymentTransactions).where(inArray(paymentTransactions.orderId, orderIds)),
  ]);
  const windows = [...new Set([...refundHistoryWindows(live.rules), ...refundHistoryWindows(draft)])];

  const rows: DryRunRow[] = [];
  for (const { request, order } of recent) {
    const at = request.createdAt;
    const chosen = items
      .filter((i) => i.requestId === request.id)
      .map((i) => lines.find((l) => l.id === i.lineItemId)!)
      .filter(Boolean);
    const delivered = shipments
      .filter((f) => f.orderId === order.id && f.deliveredAt && f.deliveredAt <= at)
      .reduce<Date | null>((max, f) => (!max || f.deliveredAt! > max ? f.deliveredAt : max), null);
    const customerRefunds: Record<number, number> = {};
    for (const days of windows) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(refunds)
        .innerJoin(orders, eq(orders.id, refunds.orderId))
        .where(
          and(
            eq(orders.storeId, storeId),
            eq(orders.email, order.email),
            lt(refunds.createdAt, at),
            sql`${refunds.createdAt} >= ${new Date(at.getTime() - days * DAY).toISOString()}`,
          ),
        );
      customerRefunds[days] = Number(row?.n ?? 0);
    }
    const facts = buildFacts({
      type: request.type,
      reason: request.reasonCode,
      order: {
        ...order,
        fulfillmentStatus: request.type === "cancellation" ? "unfulfilled" : "delivered",
        refundedAmount: 0,
      },
      selectedLines: chosen,
      lastDeliveredAt: delivered,
      returnWindowEndsAt: delivered ? new Date(delivered.getTime() + store.returnWindowDays * DAY) : null,
      amount: request.previewAmount,
      maxRefundPerOrder: store.maxRefundPerOrder,
      paymentMethod: payments.find((p) => p.orderId === order.id)?.paymentMethod.type ?? "card",
      customerRefunds,
      now: at,
    });
    const liveDecision = evaluate(live.rules, facts);
    const draftDecision = evaluate(draft, facts);
    rows.push({
      requestId: request.id,
      orderNumber: order.number,
      type: request.type,
      reason: request.reasonCode,
      amount: request.previewAmount,
      createdAt: at,
      live: { outcome: liveDecision.outcome, ruleId: liveDecision.ruleId },
      draft: { outcome: draftDecision.outcome, ruleId: draftDecision.ruleId },
      changed: liveDecision.outcome !== draftDecision.outcome || liveDecision.ruleId !== draftDecision.ruleId,
    });
  }
  return {
    rows,
    live: totalsOf(rows, "live"),
    draft: totalsOf(rows, "draft"),
    liveVersion: live.version,
    withdrawalsLeftOut,
  };
}

/** Statutory withdrawals in the replayed period (all of them when nothing was replayed). */
async function countWithdrawalsSince(db: DbOrTx, storeId: string, since: Date | undefined) {
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .innerJoin(orders, eq(orders.id, requests.orderId))
    .where(
      and(
        eq(orders.storeId, storeId),
        eq(requests.reasonCode, STATUTORY_WITHDRAWAL_REASON),
        since ? gte(requests.createdAt, since) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}
