// Eager jobs: a process that enables them runs a job it enqueued itself right after the enqueuing
// transaction commits, instead of waiting for a worker's next poll. The job row stays the durable
// record: it is claimed by id the way a worker's fetch claims it (state below active → active), so
// a worker that fetched it first keeps it and this process skips it; a failure goes through
// pg-boss's retry like any other; a crash leaves it to expire and be retried by the workers.
// Used for refund submission, where the poll's wait is most of request → submitted.
import type PgBoss from "pg-boss";
import type { Database, Db, DbOrTx } from "@/lib/db";
import { afterCommit } from "@/lib/db/transaction";
import { BOSS_SCHEMA, createBoss } from "./boss";
import type { JobName } from "./names";
import { type FetchedJob, runJob } from "./runner";

type Dispatcher = {
  /** Claims and runs the job: made by enableEagerJobs, with the handlers it loaded. */
  run(name: JobName, id: string): Promise<void>;
  running: Set<Promise<void>>;
};

// On globalThis: Next.js bundles instrumentation (which turns them on) apart from the routes, each
// with its own copy of these modules — and of the job registry. The route's copy finds the
// dispatcher here and calls its `run`, which belongs to the copy whose registry has the handlers.
const holder = globalThis as typeof globalThis & { __aftercareEagerJobs?: WeakMap<Db, Dispatcher> };
const dispatchers = (holder.__aftercareEagerJobs ??= new WeakMap());

/** Beyond this many eager jobs in flight in one process, new ones are left to the workers. */
export const EAGER_JOB_LIMIT = 256;

// pg-boss 10's fetch (plans.js fetchNextJob) for one job by id, with the columns runJob reads.
const CLAIM_SQL = `
  UPDATE ${BOSS_SCHEMA}.job SET
    state = 'active',
    started_on = now(),
    retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
  WHERE name = $1 AND id = $2 AND state < 'active' AND start_after <= now()
  RETURNING id, name, data, state, retry_limit as "retryLimit", retry_count as "retryCount",
    EXTRACT(epoch FROM expire_in) as "expireInSeconds"`;

/** Turns eager jobs on for commands run on `database.db` (the web process, at start). */
export async function enableEagerJobs(database: Database) {
  await import("./all");
  if (dispatchers.has(database.db)) return;
  // Never started: claiming, completing and failing need no supervisor.
  const boss = createBoss(database, { supervise: false });
  dispatchers.set(database.db, {
    run: (name, id) => runClaimed(database, boss, name, id),
    running: new Set(),
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

/** Schedules job `id` to run here once `tx` commits; a no-op where eager jobs are off. */
export function runAfterCommit(tx: DbOrTx, name: JobName, id: string) {
  afterCommit(tx, (db) => {
    const dispatcher = dispatchers.get(db);
    if (!dispatcher || dispatcher.running.size >= EAGER_JOB_LIMIT) return;
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
