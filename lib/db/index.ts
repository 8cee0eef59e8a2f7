// The app's one database handle, opened lazily (never at import time, or `next build` breaks)
// and cached on globalThis so dev reloads reuse it.
import { env } from "@/lib/env";
import { type Database, type Db, migrateDatabase, openDatabase } from "./client";

export type { Database, Db, DbOrTx, Tx } from "./client";

const holder = globalThis as typeof globalThis & { __aftercareDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__aftercareDatabase ??= openAppDatabase().catch((error: unknown) => {
    holder.__aftercareDatabase = undefined;
    throw error;
  });
  return holder.__aftercareDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

async function openAppDatabase(): Promise<Database> {
  const e = env();
  const database = e.DATABASE_URL
    ? await openDatabase({
        driver: "postgres",
        url: e.DATABASE_URL,
        preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
      })
    : await openDatabase({ driver: "pglite", dataDir: e.DATA_DIR });
  await migrateDatabase(database);
  return database;
}

/** Tests that drive route handlers point the app's handle at their own database. */
export function setDatabaseForTests(database: Database | undefined) {
  holder.__aftercareDatabase = database ? Promise.resolve(database) : undefined;
}
