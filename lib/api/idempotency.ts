// `Idempotency-Key` on POST: the first request's response is stored in the same transaction as
// the change it made, so a replay returns exactly that response and never repeats the change.
// A concurrent request with the same key waits on the row's unique index, then replays.
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { apiIdempotency } from "@/lib/db/schema";
import { isDomainError } from "@/lib/errors";
import { ApiError, fromDomainError } from "./errors";

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export type IdempotentCall = {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
  canonicalBody: string;
};

/** How long a key replays its first response; after that it may be used afresh. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(raw: string | null): string | null {
  if (raw === null) return null;
  if (!KEY_PATTERN.test(raw)) {
    throw new ApiError("invalid_input", "The Idempotency-Key header is not valid.", {
      "Idempotency-Key": ["Use 1 to 255 visible ASCII characters, e.g. a UUID"],
    });
  }
  return raw;
}

const bodyHash = (call: IdempotentCall) =>
  createHash("sha256").update(`${call.method} ${call.path}\n${call.canonicalBody}`).digest("hex");

class AlreadyClaimed extends Error {}

export async function runIdempotent(
  db: Db,
  call: IdempotentCall,
  run: (db: Db) => Promise<Reply>,
): Promise<Reply> {
  const hash = bodyHash(call);
  const stored = await find(db, call);
  if (stored) return replay(stored, hash);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(apiIdempotency)
        .values({
          apiKeyId: call.apiKeyId,
          key: call.key,
          method: call.method,
          path: call.path,
          bodyHash: hash,
        })
        .onConflictDoNothing()
        .returning({ key: apiIdempotency.key });
      if (claimed.length === 0) throw new AlreadyClaimed();
      // A savepoint: a command that fails leaves this transaction usable to store its error.
      const reply = await tx.transaction((sp) => run(sp)).catch(errorReply);
      await tx
        .update(apiIdempotency)
        .set({ responseStatus: reply.status, responseBody: reply.body })
        .where(and(eq(apiIdempotency.apiKeyId, call.apiKeyId), eq(apiIdempotency.key, call.key)));
      return reply;
    });
  } catch (error) {
    if (!(error instanceof AlreadyClaimed)) throw error;
    const row = await find(db, call);
    if (!row)
      throw new ApiError("idempotency_in_progress", "A request with this Idempotency-Key is still running.");
    return replay(row, hash);
  }
}

/** Errors the caller caused are part of the stored result; anything else rolls everything back. */
function errorReply(error: unknown): Reply {
  const apiError = isDomainError(error) ? fromDomainError(error) : error instanceof ApiError ? error : null;
  if (!apiError || apiError.status >= 500) throw error;
  return { status: apiError.status, body: apiError.body() };
}

async function find(db: Db, call: IdempotentCall) {
  const [row] = await db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, call.apiKeyId), eq(apiIdempotency.key, call.key)));
  return row ?? null;
}

function replay(row: typeof apiIdempotency.$inferSelect, hash: string): Reply {
  if (row.bodyHash !== hash) {
    throw new ApiError(
      "idempotency_conflict",
      "This Idempotency-Key was used with another request (method, path or body). Use a new key for a new request.",
    );
  }
  if (row.responseStatus === null) {
    throw new ApiError("idempotency_in_progress", "A request with this Idempotency-Key is still running.");
  }
  return { status: row.responseStatus, body: row.responseBody, headers: { "Idempotent-Replayed": "true" } };
}

/**
 * Forgets keys older than the TTL (the hourly `api.idempotency_purge` job), in batches so a
 * backlog never holds a long lock. Returns how many rows went.
 */
export async function purgeIdempotencyKeys(db: Db, now = new Date(), batchSize = 5_000): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
  let purged = 0;
  for (;;) {
    const old = db
      .select({ apiKeyId: apiIdempotency.apiKeyId, key: apiIdempotency.key })
      .from(apiIdempotency)
      .where(lt(apiIdempotency.createdAt, cutoff))
      .limit(batchSize);
    const gone = await db
      .delete(apiIdempotency)
      .where(sql`(${apiIdempotency.apiKeyId}, ${apiIdempotency.key}) in ${old}`)
      .returning({ key: apiIdempotency.key });
    purged += gone.length;
    if (gone.length < batchSize) return purged;
  }
}
