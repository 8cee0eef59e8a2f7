// `npm run worker [-- --concurrency=1 --batch-size=10 --poll=0.5]`: a job worker process for
// PostgreSQL deployments (run any number beside web instances started with AFTERCARE_WORKERS=off).
// Per job kind it runs `concurrency` fetch loops of up to `batch-size` jobs each, polling every
// `poll` seconds when idle. One loop by default: a loop whose batch came back full fetches again at
// once, a batch already runs its jobs side by side, and each idle loop is a query every `poll`
// seconds. SIGTERM lets running jobs finish.
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { checkWorkerOptions, startWorkers, WORKER_DEFAULTS, type WorkerOptions } from "@/lib/jobs/workers";

function flag(name: string): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const value = arg.slice(name.length + 3);
  const n = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got "${value}")`);
  return n;
}

function parseOptions(): Required<WorkerOptions> {
  const options = {
    concurrency: flag("concurrency") ?? WORKER_DEFAULTS.concurrency,
    batchSize: flag("batch-size") ?? WORKER_DEFAULTS.batchSize,
    pollingIntervalSeconds: flag("poll") ?? WORKER_DEFAULTS.pollingIntervalSeconds,
  };
  return checkWorkerOptions(options, {
    concurrency: "--concurrency",
    batchSize: "--batch-size",
    pollingIntervalSeconds: "--poll",
  });
}

async function main() {
  const options = parseOptions();
  env();
  const database = await getDatabase();
  if (database.driver === "pglite") {
    console.warn("[aftercare] on PGlite the web process runs jobs inline; this worker holds the data dir");
  }
  const workers = await startWorkers(database, options);
  const shutdown = async (signal: string) => {
    console.log(`[aftercare] ${signal}: finishing running jobs`);
    await workers.stop(30_000);
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`[aftercare] worker cannot start: ${(error as Error).message}`);
  process.exit(1);
});
