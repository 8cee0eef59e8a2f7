// API keys slice: keys are stored hashed; the plain key is shown once.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { apiKeys } from "@/lib/db/schema";
import { apiKeyPrefix, hashApiKey } from "./hash";

/** AFTERCARE_API_KEY provisions a full-scope key with that value, once. */
export async function provisionApiKey(db: DbOrTx, key: string) {
  const hash = hashApiKey(key);
  const existing = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, hash));
  if (existing.length > 0) return false;
  await db
    .insert(apiKeys)
    .values({ name: "AFTERCARE_API_KEY", prefix: apiKeyPrefix(key), hash, scopes: ["read", "write"] })
    .onConflictDoNothing();
  return true;
}
