// Eager jobs: a process that enables them runs a job it enqueued itself right after the enqueuing
// transaction commits, instead of waiting for a worker's next poll. The job row stays the durable
// record: it is claimed by id the way a worker's fetch claims it (created → active), so
// a worker that fetched it first keeps it and this process skips it; a failure goes through
// pg-boss's retry like any other; a crash leaves it to expire and be retried by the workers.
// Until it has run, such a job is kept out of the workers' fetch for a short grace (its
// start_after), so that under a burst the workers do not take over what this process is about to do.
// Used for refund submission, where the poll's wait is most of request → submitted.
import type PgBoss from "pg-boss";
import type { Database, Db, DbOrTx } from "@/lib/db";
import { afterCommit, transactionDb } from "@/lib/db/transaction";
import { BOSS_SCHEMA, createBoss } from "./boss";
import type { JobName } from "./names";
import { type FetchedJob, runJob } from "./runner";

type Dispatcher = {
  /** Claims and runs the job: made by enableEagerJobs, with the handlers it loaded. */
  run(name: JobName, id: string): Promise<void>;
  /** Hands the job to the workers now instead of after the grace (this process is too busy). */
  release(name: JobName, id: string): Promise<void>;
  running: Set<Promise<void>>;
  limit: number;
};

// On globalThis: Next.js bundles instrumentation (which turns them on) apart from the routes, each
// with its own copy of these modules — and of the job registry. The route's copy finds the
// dispatcher here and calls its `run`, which belongs to the copy whose registry has the handlers.
const holder = globalThis as typeof globalThis & { __aftercareEagerJobs?: WeakMap<Db, Dispatcher> };
const dispatchers = (holder.__aftercareEagerJobs ??= new WeakMap());

/** Beyond this many eager jobs in flight in one process, new ones are left to the workers. */
export const EAGER_JOB_LIMIT = 256;

/**
 * How long a job this process is about to run stays out of the workers' fetch (its start_after).
 * Without it a burst's jobs were mostly fetched by the workers first — each worker another
 * process, pool and fetch on the same two cores for work this one was about to do; a round of
 * 1 000 cancellations took ≈ 20 % longer with 4 workers than without. A process that dies before
 * running the job leaves it to the workers once this passes (and to the refund sweep).
 */
export const EAGER_GRACE_SECONDS = 10;

// pg-boss 10's fetch (plans.js fetchNextJob) for one job by id, with the columns runJob reads:
// a job never fetched yet, whatever its start_after (the grace that kept it from the workers).
const CLAIM_SQL = `
  UPDATE ${BOSS_SCHEMA}.job SET
    state = 'active',
    started_on = now(),
    retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
  WHERE name = $1 AND id = $2 AND state = 'created'
  RETURNING id, name, data, state, retry_limit as "retryLimit", retry_count as "retryCount",
    EXTRACT(epoch FROM expire_in) as "expireInSeconds"`;

const RELEASE_SQL = `
  UPDATE ${BOSS_SCHEMA}.job SET start_after = now()
  WHERE name = $1 AND id = $2 AND state = 'created' AND start_after > now()`;

/**
 * Turns eager jobs on for commands run on `database.db` (the web process, at start). `limit`:
 * eager jobs in flight beyond which new ones go to the workers at once (tests set it).
 */
export async function enableEagerJobs(database: Database, options: { limit?: number } = {}) {
  await import("./all");
  if (dispatchers.has(database.db)) return;
  // Never started: claiming, completing and failing need no supervisor.
  const boss = createBoss(database, { supervise: false });
  dispatchers.set(database.db, {
    run: (name, id) => runClaimed(database, boss, name, id),
    release: async (name, id) => void (await database.executeSql(RELEASE_SQL, [name, id])),
    running: new Set(),
    limit: options.limit ?? EAGER_JOB_LIMIT,
  });
}

/** Waits for the eager jobs in flight and turns them off (shutdown, tests). */
export async function disableEagerJobs(database: Database) {
  await settleEagerJobs(database);
  dispatchers.delete(database.db);
}

/** Resolves once no eager job of this database is running. */
export async function settleEagerJobs(database: Database) {
  const dispatcher = dispatchers.get(database.db);
  while (dispatcher && dispatcher.running.size > 0) await Promise.allSettled([...dispatcher.running]);
}

/**
 * Whether a job enqueued in `tx` can run here once it commits: eager jobs are on for the handle
 * the transaction was opened on (by runTransaction). Such a job is enqueued with the grace.
 */
export function runsEagerly(tx: DbOrTx): boolean {
  const db = transactionDb(tx);
  return db !== undefined && dispatchers.has(db);
}

/**
 * Schedules job `id` to run here once `tx` commits; a no-op where eager jobs are off. Over the
 * limit, the job is released to the workers at once rather than after its grace.
 */
export function runAfterCommit(tx: DbOrTx, name: JobName, id: string) {
  afterCommit(tx, (db) => {
    const dispatcher = dispatchers.get(db);
    if (!dispatcher) return;
    if (dispatcher.running.size >= dispatcher.limit) {
      dispatcher
        .release(name, id)
        .catch((error: unknown) => console.error(`[aftercare] eager job ${name} ${id} not released`, error));
      return;
    }
    const run: Promise<void> = dispatcher
      .run(name, id)
      .catch((error: unknown) => console.error(`[aftercare] eager job ${name} ${id} could not run`, error))
      .finally(() => dispatcher.running.delete(run));
    dispatcher.running.add(run);
  });
}

async function runClaimed(database: Database, boss: PgBoss, name: JobName, id: string) {
  const { rows } = await database.executeSql(CLAIM_SQL, [name, id]);
  const job = rows[0] as FetchedJob | undefined;
  // Already fetched by a worker (or not due): it is theirs.
  if (!job) return;
  await runJob(boss, database.db, job);
}
