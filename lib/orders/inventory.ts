// Inventory: restocking returned or cancelled units of restockable products.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { writeOrBatch } from "@/lib/db/batched";
import { lineItems, variants } from "@/lib/db/schema";
import { type Actor, recordEvent } from "@/lib/events/record";
import { addToLineCounter } from "./line-counters";

/**
 * Puts restockable units back into inventory and records it on the lines (the caller holds the
 * order lock; one that read the order's lines under it passes them to save the read).
 */
export async function restockLines(
  tx: DbOrTx,
  order: { id: string; storeId: string },
  items: { lineItemId: string; quantity: number }[],
  actor: Actor,
  loadedLines?: (typeof lineItems.$inferSelect)[],
) {
  const lines = loadedLines ?? (await tx.select().from(lineItems).where(eq(lineItems.orderId, order.id)));
  const restocked: { lineItemId: string; sku: string; quantity: number }[] = [];
  for (const item of items) {
    const line = lines.find((l) => l.id === item.lineItemId);
    if (!line || !line.restockable || item.quantity <= 0) continue;
    const quantity = Math.min(item.quantity, line.quantity - line.quantityRestocked);
    if (quantity > 0) restocked.push({ lineItemId: line.id, sku: line.sku, quantity });
  }
  if (restocked.length === 0) return [];
  restocked.sort((a, b) => a.sku.localeCompare(b.sku));
  await addToLineCounter(tx, "quantityRestocked", restocked);
  const changes = restocked.map(({ sku, quantity }) => ({ storeId: order.storeId, sku, quantity }));
  await writeOrBatch(tx, "stock", changes, (all) => addToStock(tx, all));
  await recordEvent(tx, {
    storeId: order.storeId,
    subjectType: "order",
    subjectId: order.id,
    orderId: order.id,
    actor,
    type: "order.restocked",
    data: { items: restocked.map(({ sku, quantity }) => ({ sku, quantity })) },
  });
  return restocked.map(({ sku, quantity }) => ({ sku, quantity }));
}

type StockChange = { storeId: string; sku: string; quantity: number };

/**
 * One statement per store (in practice one) for every SKU. Variants are shared across orders: their
 * rows are locked in one global order (by SKU, in the CTE, before any is changed) so that two
 * transactions restocking the same SKUs cannot deadlock. Inside withBatchedWrites this runs last.
 */
async function addToStock(tx: DbOrTx, changes: StockChange[]) {
  const byStore = new Map<string, Map<string, number>>();
  for (const c of changes) {
    const bySku = byStore.get(c.storeId) ?? new Map<string, number>();
    bySku.set(c.sku, (bySku.get(c.sku) ?? 0) + c.quantity);
    byStore.set(c.storeId, bySku);
  }
  for (const [storeId, bySku] of byStore) await addToStoreStock(tx, storeId, bySku);
}

async function addToStoreStock(tx: DbOrTx, storeId: string, bySku: Map<string, number>) {
  const skus = [...bySku.keys()];
  const cases = [...bySku].map(([sku, quantity]) => sql`when ${sku} then ${quantity}::int`);
  await tx.execute(sql`
    with locked as (
      select ${variants.id} as id from ${variants}
      where ${variants.storeId} = ${storeId} and ${variants.sku} in ${skus}
      order by ${variants.sku}
      for no key update
    )
    update ${variants} set inventory = ${variants.inventory} + case ${variants.sku} ${sql.join(cases, sql` `)} else 0 end
    from locked where ${variants.id} = locked.id`);
}

/**
 * Locks the stock rows of `skus` in the global order (by SKU), for a caller that must take them
 * before a lock that restocking would otherwise take them after (see submitRequest's breaker).
 */
export async function lockStock(tx: DbOrTx, storeId: string, skus: string[]) {
  if (skus.length === 0) return;
  await tx
    .select({ id: variants.id })
    .from(variants)
    .where(and(eq(variants.storeId, storeId), inArray(variants.sku, [...new Set(skus)])))
    .orderBy(variants.sku)
    .for("no key update");
}
