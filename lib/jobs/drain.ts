// Runs the queue's due jobs now, one by one, through the same runner as the workers. For tests
// and scripts that need the follow-up work done deterministically instead of on a poll.
import type { Database } from "@/lib/db";
import { createBoss } from "./boss";
import type { JobName } from "./names";
import { listJobDefinitions } from "./registry";
import { type JobOutcome, runJob } from "./runner";

export type DrainOptions = {
  /** Only these jobs (default: every registered job). */
  names?: JobName[];
  /** Also run retries whose backoff delay has not passed yet. */
  ignoreStartAfter?: boolean;
  /** Stop after this many runs, so a job that enqueues itself cannot loop forever. */
  maxJobs?: number;
};

export type DrainResult = { runs: { name: JobName; id: string; outcome: JobOutcome }[] } & Record<
  JobOutcome,
  number
>;

export async function runJobsNow(database: Database, options: DrainOptions = {}): Promise<DrainResult> {
  await import("./all");
  // Never started: fetch/complete/fail need no supervisor, only the installed tables.
  const boss = createBoss(database, { supervise: false });
  const names = options.names ?? listJobDefinitions().map((d) => d.name);
  const maxJobs = options.maxJobs ?? 200;
  const result: DrainResult = { runs: [], completed: 0, retry: 0, failed: 0 };
  let ranSome = true;
  while (ranSome && result.runs.length < maxJobs) {
    ranSome = false;
    for (const name of names) {
      const [job] = await boss.fetch(name, {
        includeMetadata: true,
        ignoreStartAfter: options.ignoreStartAfter ?? false,
      });
      if (!job) continue;
      const outcome = await runJob(boss, database.db, job);
      result.runs.push({ name, id: job.id, outcome });
      result[outcome] += 1;
      ranSome = true;
    }
  }
  return result;
}
