import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders } from "@/lib/db/schema";

/** The order only when number and e-mail both match; callers must not reveal which failed. */
export async function findOrderByNumberAndEmail(db: DbOrTx, storeId: string, number: string, email: string) {
  const [row] = await db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.number, number), eq(orders.email, email)))
    .limit(1);
  return row ?? null;
}
