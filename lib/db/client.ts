// One Drizzle schema on two drivers: embedded PGlite (on disk or in memory) or PostgreSQL.
// Everything above this file sees the same `Db` type and the same SQL.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./lock";
import * as schema from "./schema";
import { nameRepeatedStatements } from "./statement-names";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Commands accept either; a caller that already holds a transaction passes it down. */
export type DbOrTx = Db | Tx;

export type SqlResult = { rows: Record<string, unknown>[] };

export type Database = {
  driver: "pglite" | "postgres";
  db: Db;
  /** Raw SQL for libraries that bring their own (pg-boss) and for health checks. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (snapshots in tests). */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** PostgreSQL connection string, so another process can reach the same database. */
  url?: string;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
const MIGRATION_LOCK = 7_411_006; // any constant; serialises migrations across instances

/** Connections per process on PostgreSQL (web process and worker alike). */
export const APP_POOL_SIZE = 10;

export type OpenOptions =
  | {
      driver: "postgres";
      url: string;
      poolSize?: number;
      /** Repeated statements run as named prepared statements (lib/db/statement-names.ts); default on. */
      preparedStatements?: boolean;
    }
  | { driver: "pglite"; dataDir: string }
  | { driver: "pglite-memory"; loadDataDir?: Blob | File };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.driver === "postgres") {
    const { url, poolSize = APP_POOL_SIZE, preparedStatements = true } = options;
    return openPostgres(url, poolSize, preparedStatements);
  }
  if (options.driver === "pglite-memory") {
    return wrapPglite(await PGlite.create({ loadDataDir: options.loadDataDir }), async () => {});
  }
  const dataDir = path.resolve(options.dataDir);
  const release = await lockDataDir(dataDir);
  try {
    return wrapPglite(await PGlite.create(path.join(dataDir, "pgdata")), release);
  } catch (error) {
    await release();
    throw error;
  }
}

function wrapPglite(client: PGlite, release: () => Promise<void>): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    driver: "pglite",
    db,
    pglite: client,
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      // exec() runs several statements; callers get every statement's rows.
      const results = await client.exec(text);
      return { rows: results.flatMap((r) => r.rows as Record<string, unknown>[]) };
    },
    async close() {
      await client.close();
      await release();
    },
  };
}

function openPostgres(url: string, max: number, preparedStatements: boolean): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // The error alone: the client object that pg passes along is hundreds of lines of state.
  pool.on("error", (error) => console.error(`[aftercare] idle PostgreSQL client error: ${error.message}`));
  if (preparedStatements) nameRepeatedStatements(pool);
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    driver: "postgres",
    db,
    pool,
    url,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      const results = Array.isArray(result) ? result : [result];
      return { rows: results.flatMap((r: pg.QueryResult) => r.rows) };
    },
    close: () => pool.end(),
  };
}

export async function migrateDatabase(database: Database, folder = MIGRATIONS_FOLDER) {
  if (database.driver === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: folder });
    return;
  }
  // Several instances may start at once: one migrates, the others wait for it.
  const client = await database.pool!.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: folder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function latestMigration(db: Db): Promise<{ hash: string; createdAt: number } | null> {
  const result = await db.execute<{ hash: string; created_at: string }>(
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const row = (result as unknown as SqlResult).rows[0] ?? (Array.isArray(result) ? result[0] : undefined);
  if (!row) return null;
  return { hash: String(row.hash), createdAt: Number(row.created_at) };
}
