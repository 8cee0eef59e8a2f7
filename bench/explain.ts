// EXPLAIN ANALYZE of every statement the measured paths send, captured at the driver while the
// real loaders run against a seeded bench store (so the plans are the app's, not hand-copied SQL):
//   DATABASE_URL=postgres://…/aftercare_bench node --conditions=react-server --import tsx bench/explain.ts
// (`react-server` lets `server-only` modules load outside Next.js.)
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { stores } from "@/lib/db/schema";
import { getAttentionCounts } from "@/lib/console/queries";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import { findOrderByNumberAndEmail } from "@/lib/lookup/queries";
import { getShopperOrderView } from "@/lib/orders/queries";
import { listRequestQueue } from "@/lib/requests/queries";
import { checkBreaker } from "@/lib/rules/breaker";
import { getOrderStatus } from "@/lib/timeline/queries";
import { parseFlags, stringFlag } from "./lib/args";
import { openBenchDatabase, targetFrom } from "./lib/database";
import { RESULTS_DIR } from "./lib/report";

type Captured = { text: string; values: unknown[] };

function capture(database: Database) {
  const seen: Captured[] = [];
  const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query.bind(pool);
  pool.query = (...args: unknown[]) => {
    const [first, second] = args as [unknown, unknown];
    // Drizzle calls query(config, params); plain callers query(text, params) or query(config).
    const config =
      typeof first === "string" ? { text: first } : (first as { text: string; values?: unknown[] });
    seen.push({ text: config.text, values: ((second ?? config.values) as unknown[]) ?? [] });
    return original(...args);
  };
  return seen;
}

async function main() {
  const flags = parseFlags();
  const target = targetFrom(stringFlag(flags, "data-dir"));
  if (target.driver !== "postgres")
    throw new Error("bench/explain.ts reads plans from PostgreSQL (DATABASE_URL)");
  // Migrates first, so the plans use this checkout's indexes.
  const database = await openBenchDatabase(target);
  const out: string[] = [];
  try {
    const { rows } = await database.executeSql(
      `select o.id::text, o.number, o.email from orders o join requests r on r.order_id = o.id
       where o.external_id like 'bench-%' and r.status = 'completed' order by o.number limit 1`,
      [],
    );
    const order = rows[0] as { id: string; number: string; email: string };
    const [store] = await database.db.select().from(stores).where(eq(stores.id, "nordlys"));
    // Thresholds no window reaches, so the count runs and nothing is paused.
    const unreachable = { ...store!, circuitBreaker: { windowMinutes: 60, maxCount: 1e9, maxAmount: 1e15 } };
    const paths: [string, () => Promise<unknown>][] = [
      ["lookup", () => findOrderByNumberAndEmail(database.db, "nordlys", order.number, order.email)],
      ["order page (getShopperOrderView)", () => getShopperOrderView(database.db, order.id)],
      ["order page + status JSON (getOrderStatus)", () => getOrderStatus(database.db, order.id, "en")],
      ["console navigation counts (getAttentionCounts)", () => getAttentionCounts(database.db)],
      ["queue first page", () => listRequestQueue(database.db, parseQueueFilters({}))],
      [
        "queue filtered",
        () =>
          listRequestQueue(
            database.db,
            parseQueueFilters({ type: "return", minAmount: "1000", sort: "amount_desc" }),
          ),
      ],
      [
        "queue search by e-mail",
        () => listRequestQueue(database.db, parseQueueFilters({ view: "all", q: order.email })),
      ],
      ["circuit breaker's count (checkBreaker)", () => checkBreaker(database.db, unreachable, 1, new Date())],
    ];
    for (const [name, run] of paths) {
      const seen = capture(database);
      await run();
      const statements = [...seen];
      (database.pool as unknown as { query: unknown }).query = Object.getPrototypeOf(database.pool).query;
      out.push(`\n## ${name}\n`);
      for (const s of statements) {
        const plan = await database.pool!.query(
          `explain (analyze, costs off, summary on) ${s.text}`,
          s.values,
        );
        out.push(`${s.text.replace(/\s+/g, " ").slice(0, 400)}`);
        out.push(plan.rows.map((r: Record<string, string>) => `    ${r["QUERY PLAN"]}`).join("\n"));
        out.push("");
      }
    }
  } finally {
    await database.close();
  }
  const text = out.join("\n");
  console.log(text);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `explain-${new Date().toISOString().replace(/[:.]/g, "-")}.md`);
  fs.writeFileSync(file, text);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(`explain failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
