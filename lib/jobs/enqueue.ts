// Commands enqueue follow-up work in their own transaction: the job exists if and only if the
// state change committed (DESIGN.md §4.3). Nothing here touches the app database outside `tx`.
import PgBoss from "pg-boss";
import type { DbOrTx } from "@/lib/db";
import { BOSS_SCHEMA } from "./boss";
import type { JobName, JobPayloads } from "./names";
import { transactionAdapter } from "./sql-adapter";

export type EnqueueOptions = {
  /** Seconds from now, or an instant. */
  startAfter?: number | Date;
  /** With singletonSeconds: at most one job per key per time slot. */
  singletonKey?: string;
  singletonSeconds?: number;
  priority?: number;
};

// Only builds SQL and checks arguments; every query goes through the per-call `db` adapter.
const sender = new PgBoss({
  schema: BOSS_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error("enqueue runs its SQL on the caller's transaction")),
  },
});

/**
 * Inserts a job inside the caller's transaction and returns its id (null only when a singleton
 * key deduplicated it). Retry policy comes from the job's queue (see `defineJob`).
 */
export async function enqueue<N extends JobName>(
  tx: DbOrTx,
  name: N,
  data: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string | null> {
  const id = await sender.send(name, data, {
    ...options,
    startAfter: startAfterInstant(options.startAfter),
    db: transactionAdapter(tx) as PgBoss.Db,
  });
  if (id === null && !options.singletonKey) {
    // pg-boss inserts nothing, silently, when the queue does not exist.
    throw new Error(`job queue "${name}" does not exist: run installJobQueues(database) at start`);
  }
  return id;
}

/**
 * pg-boss sends a delay in seconds as text that one SQL parameter reads both as an instant and as
 * an interval; our adapter binds each use separately, so PostgreSQL rejects "30" as an instant.
 * An instant's ISO text is valid for every use.
 */
function startAfterInstant(startAfter: EnqueueOptions["startAfter"]): Date | undefined {
  if (startAfter === undefined || startAfter instanceof Date) return startAfter;
  if (!Number.isFinite(startAfter) || startAfter < 0)
    throw new Error(`startAfter must be a non-negative number of seconds (got ${startAfter})`);
  return new Date(Date.now() + startAfter * 1000);
}
