// Disputes slice: owns disputes (chargebacks) and the hold they put on refunds. Guards: a dispute
// is recorded once per gateway id; while one is open on a payment, that payment's pending,
// submitted and failed refunds are held — never submitted, swept or retried — until staff
// release them, because a refund on top of a chargeback pays the shopper twice.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { disputes, orders, paymentTransactions, refunds } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import type { GatewayDispute } from "@/lib/gateways/types";
import { enqueue } from "@/lib/jobs/enqueue";
import { lockOrder } from "@/lib/refunds/commands";
import { holdRefundsInTx } from "./hold";

/** Records a dispute (or its update) and holds the refunds of the disputed payment. True when something changed. */
export async function recordGatewayDispute(db: Db, gatewayName: string, d: GatewayDispute): Promise<boolean> {
  const [payment] = d.paymentReferences.length
    ? await db
        .select({ orderId: paymentTransactions.orderId, reference: paymentTransactions.gatewayReference })
        .from(paymentTransactions)
        .where(
          and(
            eq(paymentTransactions.gateway, gatewayName),
            inArray(paymentTransactions.gatewayReference, d.paymentReferences),
          ),
        )
        .limit(1)
    : [];
  if (!payment) return false; // a payment Aftercare does not know
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, payment.orderId);
    const actor: Actor = { type: "gateway", id: gatewayName };
    const now = new Date();
    const closed = d.status !== "open";
    const [existing] = await tx
      .select()
      .from(disputes)
      .where(and(eq(disputes.gateway, gatewayName), eq(disputes.gatewayDisputeId, d.id)))
      .for("update");
    if (existing && existing.status === d.status) return false;
    const values = {
      status: d.status,
      amount: d.amount,
      currency: d.currency,
      reason: d.reason ?? null,
      closedAt: closed ? now : null,
      updatedAt: now,
    };
    const [row] = existing
      ? await tx.update(disputes).set(values).where(eq(disputes.id, existing.id)).returning()
      : await tx
          .insert(disputes)
          .values({
            ...values,
            storeId: order.storeId,
            orderId: order.id,
            gateway: gatewayName,
            gatewayDisputeId: d.id,
            paymentReference: payment.reference ?? d.paymentReferences[0]!,
            openedAt: now,
          })
          .returning();
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: closed ? "dispute.closed" : "dispute.opened",
      data: {
        disputeId: row!.id,
        gatewayDisputeId: d.id,
        status: d.status,
        amount: d.amount,
        reason: d.reason ?? null,
      },
    });
    // Closing a dispute does not release holds: a person decides what the refund should do now.
    if (!closed) {
      await holdRefundsInTx(
        tx,
        { storeId: order.storeId, orderId: order.id },
        `Dispute ${d.id} opened on the payment${d.reason ? ` (${d.reason})` : ""}`,
        actor,
      );
    }
    return true;
  });
}

/** Staff decided the held refund may go on: a pending one is submitted again, others stay as they are. */
export async function releaseRefundHold(db: Db, input: { refundId: string; note: string }, actor: Actor) {
  const note = input.note.trim();
  if (note.length < 3) {
    throw new DomainError("invalid_input", "Say why the refund may go on.", {
      note: ["Say why the refund may go on"],
    });
  }
  await runTransaction(db, async (tx) => {
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, input.refundId)).for("update");
    if (!row) throw new DomainError("not_found", "No such refund.");
    if (!row.heldAt) throw new DomainError("conflict", "This refund is not on hold.");
    const [order] = await tx.select().from(orders).where(eq(orders.id, row.orderId));
    await tx
      .update(refunds)
      .set({ heldAt: null, holdReason: null, updatedAt: new Date() })
      .where(eq(refunds.id, row.id));
    await recordEvent(tx, {
      storeId: order!.storeId,
      subjectType: "refund",
      subjectId: row.id,
      orderId: row.orderId,
      actor,
      type: "refund.hold_released",
      data: { note, heldFor: row.holdReason, status: row.status },
    });
    if (row.status === "pending") await enqueue(tx, "refund.submit", { refundId: row.id }, { eager: true });
  });
}
