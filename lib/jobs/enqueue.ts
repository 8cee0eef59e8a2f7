// Commands enqueue follow-up work in their own transaction: the job exists if and only if the
// state change committed (DESIGN.md §4.3). Nothing here touches the app database outside `tx`.
import PgBoss from "pg-boss";
import type { DbOrTx } from "@/lib/db";
import { writeOrBatch } from "@/lib/db/batched";
import { BOSS_SCHEMA } from "./boss";
import { EAGER_GRACE_SECONDS, runAfterCommit, runsEagerly } from "./eager";
import type { JobName, JobPayloads } from "./names";
import { transactionAdapter } from "./sql-adapter";

export type EnqueueOptions = {
  /** Seconds from now, or an instant. */
  startAfter?: number | Date;
  /** With singletonSeconds: at most one job per key per time slot. */
  singletonKey?: string;
  singletonSeconds?: number;
  priority?: number;
  /**
   * Also run it in this process right after the transaction commits, where eager jobs are on
   * (lib/jobs/eager.ts), which keeps it from the workers for EAGER_GRACE_SECONDS; they remain its
   * fallback. Not with a delay or a singleton key.
   */
  eager?: boolean;
};

// Only builds SQL and checks arguments; every query goes through the per-call `db` adapter.
const sender = new PgBoss({
  schema: BOSS_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error("enqueue runs its SQL on the caller's transaction")),
  },
});

type PendingJob = { id: string; name: string; data: object; startAfter?: string; priority?: number };

/**
 * Inserts a job inside the caller's transaction and returns its id (null only when a singleton
 * key deduplicated it). Retry policy comes from the job's queue (see `defineJob`). Inside
 * withBatchedWrites, jobs without a singleton key are inserted together before the commit.
 * Throws when the job's queue does not exist (pg-boss would insert nothing, silently).
 */
export async function enqueue<N extends JobName>(
  tx: DbOrTx,
  name: N,
  data: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string | null> {
  if (options.singletonKey === undefined && options.singletonSeconds === undefined) {
    // A job this process runs right after the commit is kept from the workers for a grace period.
    const eager = options.eager === true && options.startAfter === undefined && runsEagerly(tx);
    const job: PendingJob = {
      id: crypto.randomUUID(),
      name,
      data,
      startAfter: startAfterInstant(eager ? EAGER_GRACE_SECONDS : options.startAfter)?.toISOString(),
      priority: options.priority,
    };
    await writeOrBatch(tx, "jobs", [job], (jobs) => insertJobs(tx, jobs));
    if (eager) runAfterCommit(tx, name, job.id);
    return job.id;
  }
  // A singleton key deduplicates at insert time: pg-boss's single-job insert says whether it did.
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

/** One insert for many jobs (pg-boss's `insert`), checked like `send`: every job must land. */
async function insertJobs(tx: DbOrTx, jobs: PendingJob[]) {
  if (jobs.length === 0) return;
  const adapter = transactionAdapter(tx);
  // pg-boss's multi-row insert returns nothing; RETURNING tells which rows a queue accepted.
  const returning = {
    executeSql: (text: string, values?: unknown[]) => adapter.executeSql(`${text} RETURNING id`, values),
  };
  // Typed as void, but pg-boss 10 returns the ids of the inserted rows (or null for none).
  const inserted = sender.insert(jobs, { db: returning as PgBoss.Db }) as unknown as Promise<string[] | null>;
  const ids = (await inserted) ?? [];
  if (ids.length !== jobs.length) {
    const missing = [...new Set(jobs.filter((j) => !ids.includes(j.id)).map((j) => j.name))];
    throw new Error(
      `job queue(s) ${missing.join(", ")} do not exist: run installJobQueues(database) at start`,
    );
  }
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
