// What the refund engine calls inside its own transaction when an attempt fails or succeeds.
// Failed at the bank (card expired, account closed): the shopper is offered another way to get
// the money. Succeeded: the fallback that paid is settled, or one the success made unnecessary
// (the failed attempt went through after all) is cancelled. Nothing here moves money.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { type orders, refundFallbacks, type refunds, stores } from "@/lib/db/schema";
import { holdRefundsInTx } from "@/lib/disputes/hold";
import { env } from "@/lib/env";
import { type Actor, recordEvent } from "@/lib/events/record";
import type { GatewayRefund } from "@/lib/gateways/types";
import { appBaseUrl, queueNotification } from "@/lib/notifications/commands";
import { keyGeneration } from "@/lib/refunds/keys";
import { fallbackChoicesFor } from "./choices";
import { createFallbackToken, fallbackPath } from "./token";

type RefundRow = typeof refunds.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

/** Failures the shopper can fix with another destination; others (merchant balance, unknown) are staff's. */
export const FALLBACK_FAILURE_CODES = [
  "expired_or_canceled_card",
  "lost_or_stolen_card",
  "account_closed",
  "declined",
] as const;
export const DISPUTED_FAILURE_CODE = "charge_for_pending_refund_disputed";
export const FALLBACK_LINK_DAYS = 14;
const LIVE = ["open", "chosen"] as const;
const SYSTEM: Actor = { type: "system", id: "refund-fallback" };

/** Returns whether the shopper was e-mailed, so the engine does not send its generic failure note too. */
export async function afterRefundFailedInTx(
  tx: DbOrTx,
  row: RefundRow,
  order: OrderRow,
  g: GatewayRefund,
): Promise<{ toldShopper: boolean }> {
  if (row.kind !== "refund" || row.offline) return { toldShopper: false };
  if (g.failureCode === DISPUTED_FAILURE_CODE) {
    await holdRefundsInTx(
      tx,
      { storeId: order.storeId, orderId: order.id },
      "The payment is disputed: the refund failed at the gateway because of it",
      { type: "gateway", id: row.gateway },
    );
    return { toldShopper: false };
  }
  if (row.heldAt || !(FALLBACK_FAILURE_CODES as readonly string[]).includes(g.failureCode ?? "")) {
    return { toldShopper: false };
  }
  const now = new Date();
  // A card retry that failed again ends its offer; the new failure gets a new one.
  await closeLive(tx, row, order, {
    status: "cancelled",
    cancelReason: "attempt_failed_again",
    cancelledAt: now,
  });
  const expiresAt = new Date(now.getTime() + FALLBACK_LINK_DAYS * 86_400_000);
  const [fallback] = await tx
    .insert(refundFallbacks)
    .values({
      storeId: order.storeId,
      orderId: order.id,
      refundId: row.id,
      amount: row.amount,
      currency: row.currency,
      failedIdempotencyKey: row.idempotencyKey,
      failedGatewayRefundId: g.id || row.gatewayRefundId,
      failedPaymentReference: row.paymentReference,
      failureCode: g.failureCode!,
      expiresAt,
    })
    .onConflictDoNothing({ target: refundFallbacks.failedIdempotencyKey })
    .returning({ id: refundFallbacks.id });
  if (!fallback) return { toldShopper: false };
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: row.id,
    orderId: order.id,
    actor: SYSTEM,
    type: "refund.fallback_offered",
    data: { fallbackId: fallback.id, failureCode: g.failureCode, expiresAt: expiresAt.toISOString() },
  });
  const [store] = await tx
    .select({ credit: stores.storeCreditEnabled })
    .from(stores)
    .where(eq(stores.id, order.storeId));
  const token = createFallbackToken(fallback.id, expiresAt, env().authSecret);
  await queueNotification(tx, {
    orderId: order.id,
    to: order.email,
    locale: row.locale ?? order.locale,
    template: "refund_fallback",
    params: {
      amount: row.amount,
      url: `${appBaseUrl()}${fallbackPath(token)}`,
      expiresAt,
      failureCode: g.failureCode,
      choices: fallbackChoicesFor({
        failureCode: g.failureCode,
        paymentMethodType: row.paymentMethodType,
        storeCreditEnabled: Boolean(store?.credit),
      }),
    },
  });
  return { toldShopper: true };
}

/**
 * `row` is the refund as it was before this success. From failed straight to succeeded means the
 * failed attempt went through after all: its fallback is no longer needed.
 */
export async function afterRefundSucceededInTx(
  tx: DbOrTx,
  row: RefundRow,
  order: OrderRow,
  how: { offline: boolean },
): Promise<void> {
  // Offers are made only when a refund fails, and a failed refund is pending again only through a
  // retry, which moves its key to the next generation: a first attempt that never failed has none.
  if (row.status !== "failed" && keyGeneration(row.idempotencyKey) === 1) return;
  const now = new Date();
  if (row.status === "failed" && !how.offline) {
    const cancelled = await closeLive(tx, row, order, {
      status: "cancelled",
      cancelReason: "original_refund_succeeded",
      cancelledAt: now,
      lateSuccessAt: now,
    });
    // Bank details were given: staff may have paid without recording it yet, so they must look.
    for (const f of cancelled.filter((c) => c.choice === "bank_transfer")) {
      await flagInTx(
        tx,
        f.id,
        row,
        order,
        "The original refund succeeded after the shopper gave bank details: make sure no bank transfer was sent.",
      );
    }
    return;
  }
  await closeLive(tx, row, order, { status: "settled", settledAt: now });
}

/** An owner released the failed refund: its open or chosen offer is no longer needed. */
export async function afterRefundReleasedInTx(tx: DbOrTx, row: RefundRow, order: OrderRow) {
  await closeLive(tx, row, order, { status: "cancelled", cancelReason: "released", cancelledAt: new Date() });
}

async function closeLive(
  tx: DbOrTx,
  row: RefundRow,
  order: OrderRow,
  patch: Partial<typeof refundFallbacks.$inferInsert> & { status: "cancelled" | "settled" },
) {
  const closed = await tx
    .update(refundFallbacks)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(refundFallbacks.refundId, row.id), inArray(refundFallbacks.status, [...LIVE])))
    .returning({ id: refundFallbacks.id, choice: refundFallbacks.choice });
  for (const f of closed) {
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: order.id,
      actor: SYSTEM,
      type: patch.status === "settled" ? "refund.fallback_settled" : "refund.fallback_cancelled",
      data: { fallbackId: f.id, choice: f.choice, reason: patch.cancelReason ?? null },
    });
  }
  return closed;
}

/** Money may have moved twice: staff must check and resolve it by hand. */
export async function flagInTx(
  tx: DbOrTx,
  fallbackId: string,
  row: Pick<RefundRow, "id">,
  order: Pick<OrderRow, "id" | "storeId">,
  reason: string,
) {
  const now = new Date();
  await tx
    .update(refundFallbacks)
    .set({ flaggedAt: now, flagReason: reason, flagResolvedAt: null, updatedAt: now })
    .where(eq(refundFallbacks.id, fallbackId));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "refund",
    subjectId: row.id,
    orderId: order.id,
    actor: SYSTEM,
    type: "refund.fallback_flagged",
    data: { fallbackId, reason },
  });
}
