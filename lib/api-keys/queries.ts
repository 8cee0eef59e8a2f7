import "server-only";
import { desc } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { apiKeys } from "@/lib/db/schema";

/** Every key, newest first, without its hash. */
export async function listApiKeys(db: DbOrTx) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
