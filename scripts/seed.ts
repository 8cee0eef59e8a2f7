// `npm run seed` seeds the demo store into an empty database; `-- --reset` empties it first.
// Takes the data-dir lock like the server, so it refuses to run beside a live PGlite server.
import { getDatabase } from "@/lib/db";
import { seedDemoStore, resetDatabase } from "@/lib/demo/seed";
import { installJobQueues } from "@/lib/jobs/boss";

const args = new Set(process.argv.slice(2));
const generatedArg = process.argv.find((a) => a.startsWith("--generated="));

async function main() {
  const database = await getDatabase();
  try {
    await installJobQueues(database);
    if (args.has("--reset")) {
      await resetDatabase(database.db);
      console.log("emptied every table");
    }
    const seeded = await seedDemoStore(database.db, {
      generated: generatedArg ? Number(generatedArg.split("=")[1]) : undefined,
    });
    console.log(
      seeded ? "seeded the demo store Nordlys Supply" : "a store exists already; use --reset to start over",
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
});
