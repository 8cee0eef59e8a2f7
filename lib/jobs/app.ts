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
  // Let running jobs finish on shutdown; a job cut short is expired and retried by pg-boss anyway.
  process.once("SIGTERM", () => void workers.stop(10_000));
}
