// Opens the bench database the way the app does (same migrations, same job-queue tables):
// PGlite in a data dir, or PostgreSQL from DATABASE_URL.
import path from "node:path";
import { type Database, migrateDatabase, openDatabase } from "@/lib/db/client";
import { envSchema } from "@/lib/env";

export type BenchTarget = { driver: "pglite"; dataDir: string } | { driver: "postgres"; url: string };

export function targetFrom(dataDir: string | undefined, url = process.env.DATABASE_URL): BenchTarget {
  if (dataDir) return { driver: "pglite", dataDir: path.resolve(dataDir) };
  if (url) return { driver: "postgres", url };
  throw new Error("Give --data-dir DIR (PGlite) or DATABASE_URL=postgres://… (PostgreSQL)");
}

export async function openBenchDatabase(
  target: BenchTarget,
  options: { migrate?: boolean; poolSize?: number } = {},
) {
  const database =
    target.driver === "pglite"
      ? await openDatabase({ driver: "pglite", dataDir: target.dataDir })
      : await openDatabase({
          driver: "postgres",
          url: target.url,
          poolSize: options.poolSize ?? 4,
          // Read with the app's own rule (lib/env.ts): one variable switches both for a comparison.
          preparedStatements: envSchema.shape.DATABASE_PREPARED_STATEMENTS.parse(
            process.env.DATABASE_PREPARED_STATEMENTS || undefined,
          ),
        });
  if (options.migrate ?? true) await migrateDatabase(database);
  return database;
}

/** Runs statements in one transaction on one connection (temp tables stay visible). */
export async function runInTransaction(database: Database, statements: string[]) {
  if (database.pglite) {
    await database.pglite.transaction(async (tx) => {
      for (const statement of statements) await tx.exec(statement);
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query("begin");
    for (const statement of statements) await client.query(statement);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function scalar(database: Database, text: string): Promise<number> {
  const { rows } = await database.executeSql(text, []);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}
