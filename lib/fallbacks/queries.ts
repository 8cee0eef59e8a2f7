import "server-only";
// Reads for the fallback choice page (by the signed link's id) and for staff: open choices,
// flags, held refunds and reconciliation mismatches — the money that needs a person.
import { and, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders, refundFallbacks, refunds, storeCredits, stores } from "@/lib/db/schema";
import { maskIban } from "./iban";

export type ShopperFallback = NonNullable<Awaited<ReturnType<typeof getFallbackForShopper>>>;

export async function getFallbackForShopper(db: DbOrTx, fallbackId: string) {
  const [row] = await db
    .select({
      f: refundFallbacks,
      orderNumber: orders.number,
      refundStatus: refunds.status,
      paymentMethodType: refunds.paymentMethodType,
      held: refunds.heldAt,
      storeCreditEnabled: stores.storeCreditEnabled,
      timeZone: stores.timeZone,
      creditCode: storeCredits.code,
    })
    .from(refundFallbacks)
    .innerJoin(orders, eq(orders.id, refundFallbacks.orderId))
    .innerJoin(refunds, eq(refunds.id, refundFallbacks.refundId))
    .innerJoin(stores, eq(stores.id, refundFallbacks.storeId))
    .leftJoin(storeCredits, eq(storeCredits.id, refundFallbacks.storeCreditId))
    .where(eq(refundFallbacks.id, fallbackId));
  if (!row) return null;
  const { f } = row;
  return {
    id: f.id,
    status: f.status,
    choice: f.choice,
    amount: f.amount,
    currency: f.currency,
    failureCode: f.failureCode,
    expiresAt: f.expiresAt,
    orderNumber: row.orderNumber,
    refundStatus: row.refundStatus,
    paymentMethodType: row.paymentMethodType,
    held: Boolean(row.held),
    lateSuccess: f.cancelReason === "original_refund_succeeded",
    storeCreditEnabled: row.storeCreditEnabled,
    timeZone: row.timeZone,
    maskedIban: f.iban ? maskIban(f.iban) : null,
    creditCode: row.creditCode,
  };
}

/** Fallbacks staff should see: open or waiting on them, and any flagged double payment. */
export async function listFallbacksForStaff(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: refundFallbacks.id,
      refundId: refundFallbacks.refundId,
      status: refundFallbacks.status,
      choice: refundFallbacks.choice,
      amount: refundFallbacks.amount,
      currency: refundFallbacks.currency,
      failureCode: refundFallbacks.failureCode,
      accountHolder: refundFallbacks.accountHolder,
      iban: refundFallbacks.iban,
      expiresAt: refundFallbacks.expiresAt,
      createdAt: refundFallbacks.createdAt,
      chosenAt: refundFallbacks.chosenAt,
      flaggedAt: refundFallbacks.flaggedAt,
      flagReason: refundFallbacks.flagReason,
      flagResolvedAt: refundFallbacks.flagResolvedAt,
      cancelReason: refundFallbacks.cancelReason,
      orderNumber: orders.number,
      refundStatus: refunds.status,
    })
    .from(refundFallbacks)
    .innerJoin(orders, eq(orders.id, refundFallbacks.orderId))
    .innerJoin(refunds, eq(refunds.id, refundFallbacks.refundId))
    .where(
      or(
        inArray(refundFallbacks.status, ["open", "chosen"]),
        and(isNotNull(refundFallbacks.flaggedAt), isNull(refundFallbacks.flagResolvedAt)),
      ),
    )
    .orderBy(desc(refundFallbacks.createdAt))
    .limit(limit);
}

const refundColumns = {
  id: refunds.id,
  status: refunds.status,
  amount: refunds.amount,
  currency: refunds.currency,
  heldAt: refunds.heldAt,
  holdReason: refunds.holdReason,
  mismatch: refunds.mismatch,
  reconciledAt: refunds.reconciledAt,
  gatewayRefundId: refunds.gatewayRefundId,
  orderNumber: orders.number,
};

export async function listHeldRefunds(db: DbOrTx, limit = 100) {
  return db
    .select(refundColumns)
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(isNotNull(refunds.heldAt))
    .orderBy(desc(refunds.heldAt))
    .limit(limit);
}

export async function listMismatchedRefunds(db: DbOrTx, limit = 100) {
  return db
    .select(refundColumns)
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(isNotNull(refunds.mismatch))
    .orderBy(desc(refunds.reconciledAt))
    .limit(limit);
}

export type RefundMoneyState = {
  held: { since: Date; reason: string | null } | null;
  mismatch: { code: string; ours: string; theirs: string } | null;
  fallback: { id: string; status: string; choice: string | null; flagged: boolean } | null;
};

/** For the refund monitor: hold, mismatch and the live (or flagged) fallback of each refund. */
export async function moneyStateForRefunds(
  db: DbOrTx,
  refundIds: string[],
): Promise<Map<string, RefundMoneyState>> {
  const out = new Map<string, RefundMoneyState>();
  if (refundIds.length === 0) return out;
  const [rows, fallbacks] = await Promise.all([
    db
      .select({
        id: refunds.id,
        heldAt: refunds.heldAt,
        holdReason: refunds.holdReason,
        mismatch: refunds.mismatch,
      })
      .from(refunds)
      .where(inArray(refunds.id, refundIds)),
    db
      .select()
      .from(refundFallbacks)
      .where(inArray(refundFallbacks.refundId, refundIds))
      .orderBy(desc(refundFallbacks.createdAt)),
  ]);
  for (const r of rows) {
    const f = fallbacks.find((x) => x.refundId === r.id);
    out.set(r.id, {
      held: r.heldAt ? { since: r.heldAt, reason: r.holdReason } : null,
      mismatch: r.mismatch
        ? { code: r.mismatch.code, ours: r.mismatch.ours, theirs: r.mismatch.theirs }
        : null,
      fallback: f
        ? { id: f.id, status: f.status, choice: f.choice, flagged: Boolean(f.flaggedAt && !f.flagResolvedAt) }
        : null,
    });
  }
  return out;
}

/** Counts for the console's navigation badge. */
export async function countMoneyNeedingStaff(db: DbOrTx): Promise<number> {
  const [a, b, c] = await Promise.all([
    db.$count(refunds, isNotNull(refunds.heldAt)),
    db.$count(refunds, isNotNull(refunds.mismatch)),
    db.$count(
      refundFallbacks,
      or(
        and(eq(refundFallbacks.status, "chosen"), eq(refundFallbacks.choice, "bank_transfer")),
        and(isNotNull(refundFallbacks.flaggedAt), isNull(refundFallbacks.flagResolvedAt)),
      ),
    ),
  ]);
  return a + b + c;
}
