// Job workers: inline in the web process on PGlite (AFTERCARE_WORKERS=inline, the default), or in
// any number of `npm run worker` processes on PostgreSQL. pg-boss's SKIP LOCKED fetch hands each
// job to one worker; its cron clock runs in every supervising process but fires once per minute.
import type PgBoss from "pg-boss";
import type { Database } from "@/lib/db";
import { createBoss, ensureQueues } from "./boss";
import { JOB_NAMES, JOB_SCHEDULES } from "./names";
import { listJobDefinitions } from "./registry";
import { runJob } from "./runner";

export type WorkerOptions = {
  /** Jobs of one kind run at once in this process. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
};

export type JobWorkers = {
  boss: PgBoss;
  /** Stops fetching, waits for running jobs (up to `timeoutMs`), then releases the queue. */
  stop(timeoutMs?: number): Promise<void>;
};

export async function startWorkers(database: Database, options: WorkerOptions = {}): Promise<JobWorkers> {
  await import("./all");
  const boss = createBoss(database, { pollingIntervalSeconds: options.pollingIntervalSeconds });
  await boss.start();
  await ensureQueues(boss);
  await syncSchedules(boss);
  const definitions = listJobDefinitions();
  for (const { name } of definitions) {
    for (let i = 0; i < (options.concurrency ?? 1); i++) {
      await boss.work(name, { includeMetadata: true, batchSize: 1 }, async ([job]) => {
        // runJob completes or fails the job itself; pg-boss's own complete then finds it settled.
        if (job) await runJob(boss, database.db, job);
      });
    }
  }
  console.log(`[aftercare] job workers started: ${definitions.map((d) => d.name).join(", ")}`);
  return {
    boss,
    stop: (timeoutMs = 30_000) => boss.stop({ graceful: true, close: false, timeout: timeoutMs }),
  };
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
