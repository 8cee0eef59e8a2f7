import "server-only";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { stores } from "@/lib/db/schema";

export type Store = typeof stores.$inferSelect;

/** The store this deployment serves (one store per deployment, DESIGN.md §6). */
export async function getStoreOrThrow(db: DbOrTx): Promise<Store> {
  const [store] = await db.select().from(stores).orderBy(asc(stores.createdAt)).limit(1);
  if (!store) throw new Error("No store is configured: the database has not been seeded.");
  return store;
}
