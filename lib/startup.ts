// What the app does once at start: validate the environment, open and migrate the database,
// seed the demo store into an empty database, create the owner and provisioned API key, start jobs.
import { env } from "@/lib/env";
import { getDatabase } from "@/lib/db";
import { provisionApiKey } from "@/lib/api-keys/commands";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { startAppJobs } from "@/lib/jobs/app";
import { seedDemoStore } from "@/lib/demo/seed";
import { ensureOwner } from "@/lib/staff/commands";

export async function startApp() {
  const e = env();
  const database = await getDatabase();
  if (e.AFTERCARE_SEED_DEMO && (await seedDemoStore(database.db))) {
    console.log("[aftercare] seeded the demo store Nordlys Supply");
  }
  if (e.adminEmail && e.adminPassword) {
    if (await ensureOwner(database.db, DEMO_STORE_ID, e.adminEmail, e.adminPassword)) {
      console.log(`[aftercare] created the owner account ${e.adminEmail}`);
    }
  }
  if (e.AFTERCARE_API_KEY) await provisionApiKey(database.db, e.AFTERCARE_API_KEY);
  await startAppJobs(database);
  console.log(`[aftercare] ready on ${database.driver}`);
  return database;
}

export async function startAppOrExit() {
  try {
    await startApp();
  } catch (error) {
    console.error(`\n[aftercare] cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
