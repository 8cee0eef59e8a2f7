// API keys slice: keys are random, stored hashed (sha256) and shown once when created. Guards:
// a revoked key never authenticates again; every create and revoke is in the audit log.
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import { apiKeys } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import { apiKeyPrefix, hashApiKey } from "./hash";
import { type ApiKeyScope, createApiKeySchema } from "./schemas";

export type AuthenticatedKey = { id: string; name: string; scopes: ApiKeyScope[] };

/** How stale `last_used_at` may get before a request writes it again (one write a minute at most). */
const TOUCH_EVERY_MS = 60_000;

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

export const generateApiKey = () => `ack_${randomBytes(30).toString("base64url")}`;

/** Creates a key and returns its plain value: the only time anyone sees it. */
export async function createApiKey(
  db: Db,
  raw: { name: string; scopes: ApiKeyScope[] },
  actor: Actor,
  storeId: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const parsed = createApiKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("invalid_input", "Check the highlighted fields.", {
      name: parsed.error.issues.filter((i) => i.path[0] === "name").map((i) => i.message),
      scopes: parsed.error.issues.filter((i) => i.path[0] === "scopes").map((i) => i.message),
    });
  }
  const key = generateApiKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: parsed.data.name,
        prefix: apiKeyPrefix(key),
        hash: hashApiKey(key),
        scopes: parsed.data.scopes,
        createdById: actor.id ?? null,
      })
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "api_key.created",
      data: { apiKeyId: row!.id, name: parsed.data.name, scopes: parsed.data.scopes },
    });
    return { id: row!.id, key, prefix: row!.prefix };
  });
}

export async function revokeApiKey(db: Db, input: { apiKeyId: string }, actor: Actor, storeId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, input.apiKeyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!row)
      throw new DomainError("not_found", "No active API key with that id: it may be revoked already.");
    await recordEvent(tx, {
      storeId,
      subjectType: "store",
      subjectId: storeId,
      actor,
      type: "api_key.revoked",
      data: { apiKeyId: row.id, name: row.name },
    });
  });
}

/** The key behind a bearer token, or null when it is unknown or revoked. */
export async function authenticateApiKey(
  db: Db,
  token: string,
  now = new Date(),
): Promise<AuthenticatedKey | null> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hash, hashApiKey(token)))
    .limit(1);
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    const staleBefore = new Date(now.getTime() - TOUCH_EVERY_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))),
      );
  }
  return { id: row.id, name: row.name, scopes: row.scopes };
}
