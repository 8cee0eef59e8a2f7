// Bench databases: a seeded PGlite data dir (kept pristine under BENCH_ROOT and copied per run)
// or the throw-away PostgreSQL database `aftercare_bench`, created and dropped by the runner.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Database } from "@/lib/db/client";
import { seedBenchStore } from "../seed";
import { BENCH_ROOT } from "./app";
import { openBenchDatabase, runInTransaction, scalar, type BenchTarget } from "./database";
import { pendingTopUpStatements } from "./store-sql";
import { formatDuration } from "./time";

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const PG_BENCH_DB = process.env.BENCH_PG_DB ?? "aftercare_bench";

export type SeedSummary = { orders: number; rows: number; seconds: number; rowsPerSecond: number };

export type SampleOrder = { id: string; number: string; email: string };

const seedOptions = (orders: number, seed: number) => ({
  orders,
  seed,
  pending: 0,
  batch: 50_000,
  spanDays: 730,
  now: new Date(),
  quiet: false,
});

/** A PGlite data dir with the store; seeded once per (orders, seed) and then copied. */
export async function pgliteStore(
  orders: number,
  seed: number,
): Promise<{ pristine: string; seedSummary?: SeedSummary }> {
  const pristine = path.join(BENCH_ROOT, `pglite-${orders}-s${seed}`);
  if (fs.existsSync(path.join(pristine, "seeded"))) return { pristine };
  fs.rmSync(pristine, { recursive: true, force: true });
  const database = await openBenchDatabase({ driver: "pglite", dataDir: pristine });
  try {
    const result = await seedBenchStore(database, { ...seedOptions(orders, seed), batch: 20_000 });
    fs.writeFileSync(path.join(pristine, "seeded"), new Date().toISOString());
    return { pristine, seedSummary: summary(orders, result) };
  } finally {
    await database.close();
  }
}

export function copyDataDir(from: string, to: string) {
  fs.rmSync(to, { recursive: true, force: true });
  execFileSync("cp", ["-r", from, to]);
  fs.rmSync(path.join(to, "aftercare.lock"), { recursive: true, force: true });
}

/** Creates `aftercare_bench` afresh and seeds it; the caller drops it with dropPostgresStore. */
export async function postgresStore(
  orders: number,
  seed: number,
  options: { reuse?: boolean } = {},
): Promise<{ url: string; seedSummary?: SeedSummary }> {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_BENCH_DB}`;
  if (options.reuse && (await generatedOrders(url.toString())) === orders) {
    // Same store as last time (--reuse): bring its schema up to date and keep it.
    const database = await openBenchDatabase({ driver: "postgres", url: url.toString() });
    await database.close();
    console.log(`reusing ${PG_BENCH_DB} with ${orders} generated orders`);
    return { url: url.toString() };
  }
  await adminQuery(`drop database if exists ${PG_BENCH_DB} with (force)`);
  await adminQuery(`create database ${PG_BENCH_DB}`);
  const database = await openBenchDatabase({ driver: "postgres", url: url.toString() });
  try {
    const result = await seedBenchStore(database, seedOptions(orders, seed));
    return { url: url.toString(), seedSummary: summary(orders, result) };
  } finally {
    await database.close();
  }
}

export async function dropPostgresStore() {
  await adminQuery(`drop database if exists ${PG_BENCH_DB} with (force)`);
}

/** Generated store orders in the bench database (pipeline orders excluded), or -1 without one. */
async function generatedOrders(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(
      "select count(*)::int as n from orders where external_id like 'bench-%' and length(number) < 9",
    );
    return Number(rows[0]?.n ?? -1);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function summary(orders: number, r: Awaited<ReturnType<typeof seedBenchStore>>): SeedSummary {
  return {
    orders,
    rows: r.total,
    seconds: r.writeMs / 1000,
    rowsPerSecond: Math.round((r.total / r.writeMs) * 1000),
  };
}

/** A fixed sample of generated orders (plus demo #1001/#1002) that the load cycles through. */
export async function sampleOrders(database: Database, count = 2000): Promise<SampleOrder[]> {
  const { rows } = await database.executeSql(
    `(select id::text, number, email from orders where number in ('1001', '1002'))
     union all
     (select id::text, number, email from orders where external_id like 'bench-%' and length(number) < 9 order by md5(id::text) limit ${count})`,
    [],
  );
  return rows.map((r) => ({ id: String(r.id), number: String(r.number), email: String(r.email) }));
}

/** Brings the review queue to `pending` requests waiting for a person (where orders allow). */
export async function topUpPending(target: BenchTarget, pending: number, seed: number) {
  const database = await openBenchDatabase(target, { migrate: false });
  try {
    const before = await scalar(
      database,
      "select count(*) from requests where status in ('pending_review', 'submitted')",
    );
    if (before < pending) {
      const t0 = performance.now();
      await runInTransaction(
        database,
        pendingTopUpStatements({ seed, storeId: "nordlys", missing: pending - before, now: new Date() }),
      );
      for (const table of ["requests", "request_items", "events"])
        await database.executeSql(`vacuum analyze ${table}`);
      console.log(`  review queue topped up from ${before} in ${formatDuration(performance.now() - t0)}`);
    }
    return await scalar(
      database,
      "select count(*) from requests where status in ('pending_review', 'submitted')",
    );
  } finally {
    await database.close();
  }
}
