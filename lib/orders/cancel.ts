// Cancelling stops fulfilment of units; it does not move money (a refund is its own step).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { fulfillments, lineItems, orders } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { restockLines } from "./inventory";
import { addToLineCounter, withUpdatedLines } from "./line-counters";
import { deriveFulfillmentStatus } from "./status";

export const CANCEL_REASONS = [
  "customer",
  "inventory",
  "fraud",
  "declined",
  "other",
  "not_shipped_in_time",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof lineItems.$inferSelect;
type FulfillmentRow = typeof fulfillments.$inferSelect;

/**
 * Cancels unfulfilled units (the caller holds the order lock). The order becomes cancelled when
 * no unit is left to ship and none was shipped; otherwise it stays open with fewer units. A caller
 * that read the order's lines and shipments under the lock passes them (`loaded`) to save the reads.
 * Returns the order and its lines as they now are.
 */
export async function cancelLinesInTx(
  tx: DbOrTx,
  order: OrderRow,
  items: { lineItemId: string; quantity: number }[],
  options: { reason: CancelReason; restock: boolean; actor: Actor; note?: string },
  loaded?: { lines: LineRow[]; shipments: { status: FulfillmentRow["status"] }[] },
): Promise<{ whole: boolean; order: OrderRow; lines: LineRow[] }> {
  const lines = loaded?.lines ?? (await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id)));
  for (const item of items) {
    const line = lines.find((l) => l.id === item.lineItemId);
    const open = line ? line.quantity - line.quantityCancelled - line.quantityFulfilled : 0;
    if (!line || item.quantity > open) {
      throw new DomainError("not_eligible", "Some of these items have shipped or were cancelled already.");
    }
  }
  const after = withUpdatedLines(lines, await addToLineCounter(tx, "quantityCancelled", items));
  const nothingLeft = after.every((l) => l.quantityCancelled + l.quantityFulfilled >= l.quantity);
  const nothingShipped = after.every((l) => l.quantityFulfilled === 0);
  const now = new Date();
  const whole = nothingLeft && nothingShipped;
  const shipments =
    loaded?.shipments ??
    (await tx
      .select({ status: fulfillments.status })
      .from(fulfillments)
      .where(eq(fulfillments.orderId, order.id)));
  const [updated] = await tx
    .update(orders)
    .set({
      ...(whole ? { status: "cancelled" as const, cancelledAt: now, cancelReason: options.reason } : {}),
      fulfillmentStatus: deriveFulfillmentStatus(after, shipments),
      updatedAt: now,
    })
    .where(eq(orders.id, order.id))
    .returning();
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "order",
    subjectId: order.id,
    orderId: order.id,
    actor: options.actor,
    type: whole ? "order.cancelled" : "order.lines_cancelled",
    data: { reason: options.reason, items, note: options.note ?? null },
  });
  if (options.restock) await restockLines(tx, order, items, options.actor, after);
  return { whole, order: updated!, lines: after };
}
