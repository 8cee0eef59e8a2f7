// `npm run worker [-- --concurrency=4]`: a job worker process for PostgreSQL deployments (run any
// number beside web instances started with AFTERCARE_WORKERS=off). SIGTERM lets running jobs finish.
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { startWorkers } from "@/lib/jobs/workers";

const concurrencyArg = process.argv.find((a) => a.startsWith("--concurrency="));
const concurrency = concurrencyArg ? Number(concurrencyArg.split("=")[1]) : 4;

async function main() {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error("--concurrency must be a positive integer");
  env();
  const database = await getDatabase();
  if (database.driver === "pglite") {
    console.warn("[aftercare] on PGlite the web process runs jobs inline; this worker holds the data dir");
  }
  const workers = await startWorkers(database, { concurrency });
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
