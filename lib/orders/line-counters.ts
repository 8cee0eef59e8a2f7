// A line item's unit counters (cancelled, refunded, restocked) grow by the units one
// command moves. One statement for every line of the command, returning the rows as they now are.
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { lineItems } from "@/lib/db/schema";

type LineRow = typeof lineItems.$inferSelect;
type Counter = "quantityCancelled" | "quantityRefunded" | "quantityRestocked";

/** Adds each item's quantity to `counter` on its line (the caller holds the order lock). */
export async function addToLineCounter(
  tx: DbOrTx,
  counter: Counter,
  items: { lineItemId: string; quantity: number }[],
): Promise<LineRow[]> {
  const byLine = new Map<string, number>();
  for (const item of items) {
    if (item.quantity > 0) byLine.set(item.lineItemId, (byLine.get(item.lineItemId) ?? 0) + item.quantity);
  }
  if (byLine.size === 0) return [];
  const column = lineItems[counter];
  const cases = [...byLine].map(([id, quantity]) => sql`when ${id}::uuid then ${quantity}::int`);
  return tx
    .update(lineItems)
    .set({
      [counter]: sql`${column} + case ${lineItems.id} ${sql.join(cases, sql` `)} else 0 end`,
    } as Partial<typeof lineItems.$inferInsert>)
    .where(inArray(lineItems.id, [...byLine.keys()]))
    .returning();
}

/** `lines` with the rows an update returned put in place of their old versions. */
export function withUpdatedLines(lines: LineRow[], updated: LineRow[]): LineRow[] {
  const fresh = new Map(updated.map((l) => [l.id, l]));
  return lines.map((l) => fresh.get(l.id) ?? l);
}
