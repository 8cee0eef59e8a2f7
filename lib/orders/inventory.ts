// Inventory: restocking returned or cancelled units of restockable products.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { lineItems, variants } from "@/lib/db/schema";
import { type Actor, recordEvent } from "@/lib/events/record";

/** Puts restockable units back into inventory and records it on the lines. */
export async function restockLines(
  tx: DbOrTx,
  order: { id: string; storeId: string },
  items: { lineItemId: string; quantity: number }[],
  actor: Actor,
) {
  const lines = await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id));
  const restocked: { sku: string; quantity: number }[] = [];
  // Variants are shared across orders: lock them in one global order (by SKU) so that two
  // transactions restocking the same SKUs cannot deadlock.
  const bySku = items
    .map((item) => ({ item, line: lines.find((l) => l.id === item.lineItemId) }))
    .sort((a, b) => (a.line?.sku ?? "").localeCompare(b.line?.sku ?? ""));
  for (const { item, line } of bySku) {
    if (!line || !line.restockable || item.quantity <= 0) continue;
    const quantity = Math.min(item.quantity, line.quantity - line.quantityRestocked);
    if (quantity <= 0) continue;
    await tx
      .update(lineItems)
      .set({ quantityRestocked: sql`${lineItems.quantityRestocked} + ${quantity}` })
      .where(eq(lineItems.id, line.id));
    await tx
      .update(variants)
      .set({ inventory: sql`${variants.inventory} + ${quantity}` })
      .where(and(eq(variants.storeId, order.storeId), eq(variants.sku, line.sku)));
    restocked.push({ sku: line.sku, quantity });
  }
  if (restocked.length > 0) {
    await recordEvent(tx, {
      storeId: order.storeId,
      subjectType: "order",
      subjectId: order.id,
      orderId: order.id,
      actor,
      type: "order.restocked",
      data: { items: restocked },
    });
  }
  return restocked;
}
