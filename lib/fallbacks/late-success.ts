// A refund attempt that failed, and for which the shopper was offered a fallback, may still
// succeed at the gateway later (the bank reverses its own refusal). Whatever reports it — a
// webhook, the reconciliation job — comes here, and nothing is paid twice without staff knowing:
// while no later attempt can be moving money the refund simply becomes that success (and the
// fallback is cancelled); once the fallback paid, or its payment is under way, staff are flagged.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { refundFallbacks, refunds } from "@/lib/db/schema";
import type { Actor } from "@/lib/events/record";
import type { GatewayRefund } from "@/lib/gateways/types";
import { applyGatewayRefund, lockOrder, restoreAttemptInTx } from "@/lib/refunds/commands";
import { flagInTx } from "./hooks";

export type LateSuccessOutcome = "not_ours" | "already_known" | "applied" | "flagged";

const GATEWAY: (name: string) => Actor = (name) => ({ type: "gateway", id: name });

export async function applyFailedAttemptNews(
  db: Db,
  gatewayName: string,
  g: GatewayRefund,
): Promise<LateSuccessOutcome> {
  if (g.status !== "succeeded" || !g.id) return "not_ours";
  const [hit] = await db
    .select({ fallbackId: refundFallbacks.id })
    .from(refundFallbacks)
    .innerJoin(refunds, eq(refunds.id, refundFallbacks.refundId))
    .where(and(eq(refundFallbacks.failedGatewayRefundId, g.id), eq(refunds.gateway, gatewayName)))
    .orderBy(desc(refundFallbacks.createdAt))
    .limit(1);
  if (!hit) return "not_ours";

  const decision = await db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(refundFallbacks)
      .where(eq(refundFallbacks.id, hit.fallbackId))
      .for("update");
    if (!f || f.lateSuccessAt) return "already_known" as const;
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, f.refundId)).for("update");
    const order = await lockOrder(tx, row!.orderId);
    await tx
      .update(refundFallbacks)
      .set({ lateSuccessAt: new Date(), updatedAt: new Date() })
      .where(eq(refundFallbacks.id, f.id));
    const current = row!.status === "failed" && row!.gatewayRefundId === g.id;
    if (
      current ||
      (await restoreAttemptInTx(
        tx,
        row!.id,
        {
          idempotencyKey: f.failedIdempotencyKey,
          paymentReference: f.failedPaymentReference,
          gatewayRefundId: g.id,
        },
        GATEWAY(gatewayName),
      ))
    ) {
      return "apply" as const;
    }
    await flagInTx(tx, f.id, row!, order, flagReason(row!, f.choice, g.id));
    return "flagged" as const;
  });
  if (decision !== "apply") return decision;
  // The refund now points at the attempt that succeeded: apply it as any gateway news.
  const [row] = await db
    .select({ id: refunds.id })
    .from(refundFallbacks)
    .innerJoin(refunds, eq(refunds.id, refundFallbacks.refundId))
    .where(eq(refundFallbacks.id, hit.fallbackId));
  await applyGatewayRefund(db, row!.id, g);
  return "applied";
}

function flagReason(
  row: typeof refunds.$inferSelect,
  choice: string | null,
  gatewayRefundId: string,
): string {
  const by =
    row.offline && choice === "store_credit"
      ? "store credit"
      : row.offline
        ? "a payment recorded offline (bank transfer)"
        : "a retry to the replaced card";
  return row.status === "succeeded"
    ? `The original refund ${gatewayRefundId} succeeded after the shopper was already paid by ${by}: the money moved twice. Recover the extra payment.`
    : `The original refund ${gatewayRefundId} succeeded while ${by} was being sent: if that succeeds too, the money moves twice. Check it.`;
}
