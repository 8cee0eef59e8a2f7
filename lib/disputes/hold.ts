// Holding a refund: while the charge it reverses is disputed, sending money back could pay the
// shopper twice (refund and chargeback), so the refund waits for a person instead of retrying.
// Every refund of the order is held, including a retry of a failed one: it reverses the same payment.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { type Actor, recordEvent } from "@/lib/events/record";

/** Refunds in these states can still move money (again): they are what a dispute holds. */
export const HOLDABLE_STATUSES = ["pending", "submitted", "failed"] as const;

export async function holdRefundsInTx(
  tx: DbOrTx,
  target: { storeId: string; orderId: string; /** Only this refund of the order. */ refundId?: string },
  reason: string,
  actor: Actor,
): Promise<string[]> {
  const now = new Date();
  const held = await tx
    .update(refunds)
    .set({ heldAt: now, holdReason: reason, updatedAt: now })
    .where(
      and(
        eq(refunds.orderId, target.orderId),
        target.refundId ? eq(refunds.id, target.refundId) : undefined,
        eq(refunds.kind, "refund"),
        inArray(refunds.status, [...HOLDABLE_STATUSES]),
        isNull(refunds.heldAt),
      ),
    )
    .returning({ id: refunds.id, status: refunds.status });
  for (const r of held) {
    await recordEvent(tx, {
      storeId: target.storeId,
      subjectType: "refund",
      subjectId: r.id,
      orderId: target.orderId,
      actor,
      type: "refund.held",
      data: { reason, status: r.status },
    });
  }
  return held.map((r) => r.id);
}
