// pg-boss on the app's database: its tables live in the `pgboss` schema next to ours, so jobs
// commit and roll back with the rows that asked for them, on PGlite and PostgreSQL alike.
import PgBoss from "pg-boss";
import type { Database } from "@/lib/db";
import { JOB_NAMES, type JobName } from "./names";
import { jobPolicy } from "./registry";
import { databaseAdapter } from "./sql-adapter";

export const BOSS_SCHEMA = "pgboss";

/** Failed jobs stay in the job table (where staff see and retry them) this long before archiving. */
const KEEP_FAILED_SECONDS = 30 * 24 * 60 * 60;

export type BossOptions = {
  /** Run maintenance (expire stuck jobs, archive old ones) and the cron clock. */
  supervise?: boolean;
  pollingIntervalSeconds?: number;
};

export function createBoss(database: Database, options: BossOptions = {}): PgBoss {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    db: databaseAdapter(database) as PgBoss.Db,
    schema: BOSS_SCHEMA,
    supervise,
    schedule: supervise,
    migrate: true,
    archiveFailedAfterSeconds: KEEP_FAILED_SECONDS,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  });
  boss.on("error", (error: unknown) => console.error("[aftercare] job queue error", error));
  return boss;
}

/** pg-boss 10 needs a queue per job name before a job can be sent to it. */
export async function ensureQueues(boss: PgBoss, names: readonly JobName[] = JOB_NAMES) {
  for (const name of names) {
    const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = jobPolicy(name);
    const options = { name, retryLimit, retryDelay, retryBackoff, expireInSeconds };
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue alone; the registered policy wins on every start.
    await boss.updateQueue(name, options);
  }
}

/**
 * Installs (or migrates) pg-boss's tables and creates every queue, without starting workers.
 * Run at start and by the test fixtures, so commands can enqueue before any worker runs.
 */
export async function installJobQueues(database: Database): Promise<void> {
  await import("./all");
  const boss = createBoss(database, { supervise: false });
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
