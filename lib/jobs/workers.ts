// Job workers: inline in the web process on PGlite (AFTERCARE_WORKERS=inline, the default), or in
// any number of `npm run worker` processes on PostgreSQL. pg-boss's SKIP LOCKED fetch hands each
// job to one worker; its cron clock runs in every supervising process but fires once per minute.
import type PgBoss from "pg-boss";
import type { Database, Db } from "@/lib/db";
import { createBoss, ensureQueues } from "./boss";
import { JOB_NAMES, JOB_SCHEDULES } from "./names";
import { listJobDefinitions } from "./registry";
import { type FetchedJob, runJob } from "./runner";

export type WorkerOptions = {
  /** Fetch loops per job kind in this process. */
  concurrency?: number;
  /** Jobs one loop fetches at once and runs side by side. */
  batchSize?: number;
  /** A loop whose fetch (and run) took less than this waits out the rest before fetching again. */
  pollingIntervalSeconds?: number;
};

/**
 * pg-boss sleeps the polling interval after every fetch; a loop whose batch came back full skips
 * that sleep (see startWorkers), so a backlog drains as fast as the jobs run.
 */
export const WORKER_DEFAULTS = { concurrency: 1, batchSize: 10, pollingIntervalSeconds: 0.5 } as const;

/** pg-boss refuses to poll more often than every 500 ms. */
const MIN_POLLING_INTERVAL_SECONDS = 0.5;

/** Recurring jobs fire once a minute at most: one loop polling this often is plenty for them. */
const SCHEDULED_JOB_POLLING_SECONDS = 2;

export type JobWorkers = {
  boss: PgBoss;
  /** Stops fetching, waits for running jobs (up to `timeoutMs`), then releases the queue. */
  stop(timeoutMs?: number): Promise<void>;
};

/** Fills in the defaults; throws naming the setting (as `labels` calls it) when one is out of range. */
export function checkWorkerOptions(
  options: WorkerOptions,
  labels: Partial<Record<keyof WorkerOptions, string>> = {},
): Required<WorkerOptions> {
  const resolved = { ...WORKER_DEFAULTS, ...definedOnly(options) };
  const label = (key: keyof WorkerOptions) => labels[key] ?? key;
  for (const key of ["concurrency", "batchSize"] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1)
      throw new Error(`${label(key)} must be a positive integer (got ${resolved[key]})`);
  }
  const interval = resolved.pollingIntervalSeconds;
  if (!Number.isFinite(interval) || interval < MIN_POLLING_INTERVAL_SECONDS) {
    const name = label("pollingIntervalSeconds");
    throw new Error(`${name} must be at least ${MIN_POLLING_INTERVAL_SECONDS} seconds (got ${interval})`);
  }
  return resolved;
}

export async function startWorkers(database: Database, options: WorkerOptions = {}): Promise<JobWorkers> {
  const { concurrency, batchSize, pollingIntervalSeconds } = checkWorkerOptions(options);
  await import("./all");
  const boss = createBoss(database, { pollingIntervalSeconds });
  await boss.start();
  await ensureQueues(boss);
  await syncSchedules(boss);
  const definitions = listJobDefinitions();
  const running = batchTracker();
  for (const { name } of definitions) {
    // Every idle loop costs a query per interval; recurring jobs need neither speed nor breadth.
    const scheduled = JOB_SCHEDULES[name] !== undefined;
    const loops = scheduled ? 1 : concurrency;
    const interval = scheduled
      ? Math.max(pollingIntervalSeconds, SCHEDULED_JOB_POLLING_SECONDS)
      : pollingIntervalSeconds;
    for (let i = 0; i < loops; i++) {
      const loop: { id?: string } = {};
      loop.id = await boss.work(
        name,
        { includeMetadata: true, batchSize, pollingIntervalSeconds: interval },
        async (jobs) => {
          await running.track(runBatch(boss, database.db, jobs));
          // A full batch means a backlog: fetch again at once instead of sleeping the interval
          // (pg-boss sleeps after every fetch, which capped a loop at batchSize jobs per interval).
          if (jobs.length >= batchSize && loop.id) boss.notifyWorker(loop.id);
        },
      );
    }
  }
  console.log(
    `[aftercare] job workers started (${concurrency}×${batchSize} per job, polling every ${pollingIntervalSeconds} s): ` +
      definitions.map((d) => d.name).join(", "),
  );
  return {
    boss,
    stop: async (timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
      // pg-boss does not wait for a batch whose fetch was still in flight when stopping began.
      await running.settled(until - Date.now());
    },
  };
}

/**
 * Runs a fetched batch side by side; runJob fails a job by itself, so one job's failure never
 * touches the others. The jobs that succeeded are completed together in one statement (a batch is
 * one job kind); if that fails, one by one, and a job whose completion cannot be recorded is
 * failed alone (it runs again; handlers are idempotent). pg-boss then completes the batch's
 * still-active jobs, or on a throw fails every job of it not yet completed — so this throws only
 * for a job that could not be settled at all, rather than let pg-boss mark it completed.
 */
export async function runBatch(boss: PgBoss, db: Db, jobs: FetchedJob[]): Promise<void> {
  const results = await Promise.allSettled(jobs.map((job) => runJob(boss, db, job, { complete: false })));
  const notSettled: { job: FetchedJob; reason: unknown }[] = [];
  const succeeded: FetchedJob[] = [];
  for (const [i, result] of results.entries()) {
    if (result.status === "rejected") notSettled.push({ job: jobs[i]!, reason: result.reason });
    else if (result.value === "completed") succeeded.push(jobs[i]!);
  }
  if (succeeded.length > 0) {
    await boss
      .complete(
        succeeded[0]!.name,
        succeeded.map((job) => job.id),
      )
      .catch(async () => {
        for (const job of succeeded) {
          await boss.complete(job.name, job.id).catch((reason: unknown) => notSettled.push({ job, reason }));
        }
      });
  }
  const unsettled: unknown[] = [];
  for (const { job, reason } of notSettled) {
    console.error(`[aftercare] job ${job.name} ${job.id} could not be settled`, reason);
    await boss.fail(job.name, job.id, toError(reason)).catch((error: unknown) => unsettled.push(error));
  }
  if (unsettled.length)
    throw new AggregateError(unsettled, `${unsettled.length} job(s) could not be settled`);
}

/** The batches being run, so that stopping can wait for them (up to a time limit). */
function batchTracker() {
  const batches = new Set<Promise<void>>();
  return {
    track(run: Promise<void>): Promise<void> {
      const done = run.then(
        () => undefined,
        () => undefined,
      );
      batches.add(done);
      void done.then(() => batches.delete(done));
      return run;
    },
    async settled(timeoutMs: number) {
      if (batches.size === 0 || timeoutMs <= 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(batches), timeout]);
      clearTimeout(timer);
    },
  };
}

const toError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Recurring jobs run only where a handler exists; a schedule without one would pile up jobs. */
async function syncSchedules(boss: PgBoss) {
  const registered = new Set(listJobDefinitions().map((d) => d.name));
  for (const name of JOB_NAMES) {
    const cron = JOB_SCHEDULES[name];
    if (cron && registered.has(name)) await boss.schedule(name, cron, {}, { tz: "UTC" });
    else await boss.unschedule(name);
  }
}
