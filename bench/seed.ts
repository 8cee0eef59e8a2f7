// `npm run bench:seed -- --orders 1000000 [--seed 1] [--pending 100000] [--data-dir DIR | DATABASE_URL=…]`
// Fills a database with the demo store (its 12 demo orders and 300 older ones, through the app's
// own seed) plus `--orders` generated orders: ≈2.5 lines, ≈2.2 events per order, 10 % of the
// delivered ones with a return request and 6 % with a refund. Deterministic from --seed and --now.
import { type Database } from "@/lib/db/client";
import { orders, products, variants } from "@/lib/db/schema";
import { seedDemoStore } from "@/lib/demo/seed";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { installJobQueues } from "@/lib/jobs/boss";
import { eq, like, sql } from "drizzle-orm";
import { intFlag, parseFlags, stringFlag } from "./lib/args";
import { openBenchDatabase, runInTransaction, scalar, targetFrom } from "./lib/database";
import { printTable } from "./lib/report";
import {
  batchStatements,
  type CatalogVariant,
  customerCount,
  customersStatement,
  pendingTopUpStatements,
} from "./lib/store-sql";
import { formatDuration } from "./lib/time";

export const BENCH_NUMBER_BASE = 100_000;
const TABLES = [
  "orders",
  "line_items",
  "payment_transactions",
  "fulfillments",
  "fulfillment_items",
  "customers",
  "requests",
  "request_items",
  "refunds",
  "refund_lines",
  "events",
] as const;

export type SeedOptions = {
  orders: number;
  seed: number;
  pending: number;
  batch: number;
  now: Date;
  spanDays: number;
  quiet?: boolean;
};

export async function loadCatalog(database: Database): Promise<CatalogVariant[]> {
  const rows = await database.db
    .select({
      id: variants.id,
      sku: variants.sku,
      title: products.title,
      variantTitle: variants.title,
      price: variants.price,
      finalSale: products.finalSale,
      restockable: products.restockable,
      tags: products.tags,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.storeId, DEMO_STORE_ID))
    .orderBy(variants.sku);
  // Gift cards are final sale and never shipped; keep the generated orders returnable.
  return rows.filter((r) => !r.finalSale);
}

export async function countRows(database: Database) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await scalar(database, `select count(*) from ${table}`);
  return counts;
}

/** Seeds the demo store (when empty) and the generated orders; returns rows written per table. */
export async function seedBenchStore(database: Database, o: SeedOptions) {
  const log = (message: string) => {
    if (!o.quiet) console.log(message);
  };
  await installJobQueues(database);
  const seededDemo = await seedDemoStore(database.db, { now: o.now });
  log(seededDemo ? "demo store seeded (12 demo orders + 300 older ones)" : "demo store already there");
  const existing = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(like(orders.externalId, "bench-%"));
  if (Number(existing[0]?.n ?? 0) > 0) {
    throw new Error("This database already holds generated bench orders; seed a fresh one.");
  }
  const catalog = await loadCatalog(database);
  const before = await countRows(database);
  const started = performance.now();

  const customers = customerCount(o.orders);
  for (let from = 0; from < customers; from += o.batch * 2) {
    const to = Math.min(customers, from + o.batch * 2) - 1;
    await runInTransaction(database, [
      customersStatement({ seed: o.seed, storeId: DEMO_STORE_ID, total: o.orders, from, to }),
    ]);
  }
  for (let from = 1; from <= o.orders; from += o.batch) {
    const to = Math.min(o.orders, from + o.batch - 1);
    const t0 = performance.now();
    await runInTransaction(
      database,
      batchStatements({
        seed: o.seed,
        storeId: DEMO_STORE_ID,
        total: o.orders,
        from,
        to,
        numberBase: BENCH_NUMBER_BASE,
        spanDays: o.spanDays,
        now: o.now,
        catalog,
        requestPercent: 10,
        refundedPercentOfRequests: 60,
      }),
    );
    const ms = performance.now() - t0;
    log(
      `  orders ${from}–${to}: ${formatDuration(ms)} (${Math.round(((to - from + 1) / ms) * 1000)} orders/s)`,
    );
  }
  if (o.pending > 0) {
    const pendingNow = await scalar(
      database,
      "select count(*) from requests where status in ('pending_review', 'submitted')",
    );
    const missing = o.pending - pendingNow;
    if (missing > 0) {
      await runInTransaction(
        database,
        pendingTopUpStatements({ seed: o.seed, storeId: DEMO_STORE_ID, missing, now: o.now }),
      );
      log(`  review queue topped up with ${missing} pending requests`);
    }
  }
  const writeMs = performance.now() - started;
  // Vacuum too: sets the visibility map, so index-only scans stay index-only as in a settled store.
  await database.executeSql("vacuum analyze");
  const after = await countRows(database);
  const written = Object.fromEntries(TABLES.map((t) => [t, after[t]! - before[t]!]));
  const total = Object.values(written).reduce((a, b) => a + b, 0);
  return { written, after, total, writeMs, totalMs: performance.now() - started };
}

async function main() {
  const flags = parseFlags();
  const target = targetFrom(stringFlag(flags, "data-dir"));
  const options: SeedOptions = {
    orders: intFlag(flags, "orders", 10_000),
    seed: intFlag(flags, "seed", 1),
    pending: intFlag(flags, "pending", 0),
    batch: intFlag(flags, "batch", target.driver === "pglite" ? 20_000 : 50_000),
    spanDays: intFlag(flags, "span-days", 730),
    now: stringFlag(flags, "now") ? new Date(stringFlag(flags, "now")!) : new Date(),
  };
  console.log(
    `bench:seed ${options.orders} orders, seed ${options.seed}, on ${target.driver === "pglite" ? `PGlite ${target.dataDir}` : "PostgreSQL"}`,
  );
  const database = await openBenchDatabase(target);
  try {
    const result = await seedBenchStore(database, options);
    printTable(
      "rows written",
      Object.entries(result.written).map(([table, rows]) => ({
        table,
        rows,
        "total now": result.after[table],
      })),
    );
    const rate = Math.round((result.total / result.writeMs) * 1000);
    console.log(
      `\nseeded ${options.orders} orders (${result.total} rows) in ${formatDuration(result.writeMs)} + analyze ${formatDuration(result.totalMs - result.writeMs)}: ${rate} rows/s`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith("seed.ts")) {
  main().catch((error: unknown) => {
    console.error(`bench:seed failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
}
