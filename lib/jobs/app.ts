// The app's job layer, once per process: install the queues (so commands can enqueue), then run
// workers inline unless AFTERCARE_WORKERS=off leaves them to `npm run worker` processes.
import type { Database } from "@/lib/db";
import { env } from "@/lib/env";
import { installJobQueues } from "./boss";
import { enableEagerJobs } from "./eager";
import { type JobWorkers, startWorkers } from "./workers";

const holder = globalThis as typeof globalThis & { __aftercareWorkers?: Promise<JobWorkers> };

export async function startAppJobs(database: Database): Promise<void> {
  // Refunds this process creates are submitted right after their commit; workers are the fallback.
  await enableEagerJobs(database);
  if (env().AFTERCARE_WORKERS === "off") {
    await installJobQueues(database);
    return;
  }
  if (holder.__aftercareWorkers) return;
  holder.__aftercareWorkers = startWorkers(database, { pollingIntervalSeconds: 1 }).catch(
    (error: unknown) => {
      holder.__aftercareWorkers = undefined;
      throw error;
    },
  );
  const workers = await holder.__aftercareWorkers;
  // Stop fetching on shutdown. Next.js's own SIGTERM handler exits once its HTTP server has closed,
  // which can cut running jobs short: pg-boss retries such a job when it expires, and a refund left
  // claimed mid-submission is taken over by the minute's sweep after CLAIM_TIMEOUT_MS, under the
  // same idempotency key (lib/refunds/jobs.ts) — late, never twice.
  process.once("SIGTERM", () => void workers.stop(10_000));
}
