// Runs one fetched job through its registered handler and records the outcome in pg-boss.
// Workers and the test drain share it, so tests exercise the same retry path as production.
import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db";
import { BOSS_SCHEMA } from "./boss";
import type { JobName } from "./names";
import { type JobContext, getJobDefinition, jobPolicy } from "./registry";

export type JobOutcome = "completed" | "retry" | "failed";
export type FetchedJob = PgBoss.JobWithMetadata<unknown>;

/**
 * With `complete: false` a successful job is left active for the caller to complete together with
 * others (one statement per batch); a failure is always recorded here.
 */
export async function runJob(
  boss: PgBoss,
  db: Db,
  job: FetchedJob,
  options: { complete?: boolean } = {},
): Promise<JobOutcome> {
  const name = job.name as JobName;
  const context: JobContext = {
    id: job.id,
    name,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    isLastAttempt: job.retryCount >= job.retryLimit,
  };
  try {
    const definition = getJobDefinition(name);
    if (!definition) throw new Error(`no handler is registered for job "${name}"`);
    await definition.handler(db, job.data as never, context);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const attempt = `attempt ${context.retryCount + 1} of ${context.retryLimit + 1}`;
    // A retry is routine (one line); the last failure needs staff attention (with the stack).
    if (context.isLastAttempt)
      console.error(`[aftercare] job ${name} ${job.id} failed for good (${attempt})`, failure);
    else
      console.warn(`[aftercare] job ${name} ${job.id} failed (${attempt}), will retry: ${failure.message}`);
    await boss.fail(name, job.id, failure);
    await capRetryDelay(boss, name, job.id);
    return context.isLastAttempt ? "failed" : "retry";
  }
  if (options.complete ?? true) await boss.complete(name, job.id);
  return "completed";
}

// pg-boss 10's backoff doubles without a ceiling; pull the next attempt in to the policy's cap.
async function capRetryDelay(boss: PgBoss, name: JobName, id: string) {
  const cap = jobPolicy(name).maxRetryDelay;
  await boss.getDb().executeSql(
    `update ${BOSS_SCHEMA}.job set start_after = least(start_after, now() + $3 * interval '1 second')
     where name = $1 and id = $2 and state = 'retry'`,
    [name, id, cap],
  );
}
