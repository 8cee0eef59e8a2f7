// `npm run bench -- --db pglite|postgres|both --orders 10000,100000 [--only lookup,order,status,queue,pipeline]`
// One production build, `next start` on a seeded bench store, load from this process with
// autocannon, and the bare limit server on the same database in the same run. See bench/README.md.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { listFlag, intFlag, parseFlags, stringFlag } from "./lib/args";
import {
  BENCH_ROOT,
  FLOOR_PAGE,
  FLOOR_ROUTE,
  prepareBuild,
  startApp,
  waitForHealth,
  type AppDatabase,
} from "./lib/app";
import { openBenchDatabase, type BenchTarget } from "./lib/database";
import { runLoad, type LoadResult, type Request } from "./lib/load";
import { runPipeline, type PipelineResult } from "./lib/pipeline";
import { printTable, ratio, type Row, writeResult } from "./lib/report";
import { cycle, lookupOnce, lookupRequests, orderPageRequests, readLookupForm, signIn } from "./lib/shopper";
import {
  copyDataDir,
  dropPostgresStore,
  pgliteStore,
  postgresStore,
  sampleOrders,
  type SampleOrder,
  type SeedSummary,
  topUpPending,
} from "./lib/stores";
import { formatDuration, sleep } from "./lib/time";

type Driver = "pglite" | "postgres";
/** `limit`: the limit server's figure for the same reads; `floor`: the framework's, reading nothing. */
type Figure = { name: string; load: LoadResult; limit?: string; floor?: string; connections: number };
type ScaleResult = {
  driver: Driver;
  orders: number;
  seed?: SeedSummary;
  pending?: number;
  figures: Figure[];
  limits: Record<string, LoadResult>;
  pipeline: PipelineResult[];
  /** This machine is shared: the 1-minute load average when the scale started. */
  loadAverage: string;
};

const flags = parseFlags();
const FLOOR_PAGE_FIGURE = "floor: shop page, no reads";
const FLOOR_ROUTE_FIGURE = "floor: route handler, no reads";
const ALL = ["lookup", "order", "status", "queue", "pipeline"];
const only = new Set((stringFlag(flags, "only") ?? ALL.join(",")).split(","));
const connections = intFlag(flags, "connections", 32);
const durationS = intFlag(flags, "duration", 10);
const seed = intFlag(flags, "seed", 1);
const pending = intFlag(flags, "pending", 100_000);
// `--cpu-prof DIR`: the app server writes a V8 CPU profile there when it stops.
const cpuProfDir = stringFlag(flags, "cpu-prof");
const appNodeArgs = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];

async function withLimitServer<T>(target: BenchTarget, run: (url: string) => Promise<T>): Promise<T> {
  const port = 3401;
  const args = ["--import", "tsx", "bench/limit-server.ts", "--port", String(port)];
  if (target.driver === "pglite") args.push("--data-dir", target.dataDir);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: target.driver === "postgres" ? target.url : "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child, 120_000);
    return await run(`http://127.0.0.1:${port}`);
  } finally {
    child.kill("SIGTERM");
    await sleep(300);
  }
}

async function measureLimits(target: BenchTarget, sample: SampleOrder[]) {
  return withLimitServer(target, async (url) => {
    const load = (next: () => Request) => runLoad({ url, next, connections, durationS });
    const orders = cycle(sample);
    return {
      "limit: lookup": await load(() => {
        const o = orders();
        return { path: `/lookup?store=nordlys&number=${o.number}&email=${encodeURIComponent(o.email)}` };
      }),
      "limit: order reads": await load(() => ({ path: `/order/${orders().id}` })),
      "limit: one pk read": await load(() => ({ path: `/pk/${orders().id}` })),
    };
  });
}

async function checkOrderPage(url: string, next: () => Request, expect: string) {
  const r = next();
  const response = await fetch(`${url}${r.path}`, { headers: r.headers });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(expect)) {
    throw new Error(`${r.path} did not render the order (status ${response.status})`);
  }
}

async function measureApp(
  driver: Driver,
  target: BenchTarget,
  appDb: AppDatabase,
  appDir: string,
  sample: SampleOrder[],
  result: ScaleResult,
) {
  const workers = driver === "pglite" ? "inline" : "off";
  let app = await startApp(appDir, appDb, { workers, nodeArgs: appNodeArgs });
  try {
    const shop = async (
      name: string,
      limit: string | undefined,
      next: () => Request,
      okStatuses = [200],
      floor?: string,
    ) => {
      console.log(`${name} …`);
      const load = await runLoad({ url: app.url, next, connections, durationS, okStatuses });
      result.figures.push({ name, load, limit, floor, connections });
    };
    if (only.has("order") || only.has("status")) {
      await shop(FLOOR_PAGE_FIGURE, undefined, () => ({ path: FLOOR_PAGE }));
      await shop(FLOOR_ROUTE_FIGURE, undefined, () => ({ path: FLOOR_ROUTE }));
    }
    if (only.has("lookup")) {
      const form = await readLookupForm(app.url);
      await lookupOnce(app.url, form, sample[0]!.number, sample[0]!.email);
      await shop("lookup (form post → 303)", "limit: lookup", lookupRequests(app.url, form, sample), [303]);
    }
    if (only.has("order")) {
      await checkOrderPage(app.url, orderPageRequests(sample), sample[0]!.number);
      await shop("order page", "limit: order reads", orderPageRequests(sample), [200], FLOOR_PAGE_FIGURE);
    }
    if (only.has("status"))
      await shop(
        "status JSON",
        "limit: order reads",
        orderPageRequests(sample, "/status"),
        [200],
        FLOOR_ROUTE_FIGURE,
      );
    if (only.has("queue")) {
      if (driver === "pglite") await app.stop();
      result.pending = await topUpPending(target, pending, seed);
      if (driver === "pglite") app = await startApp(appDir, appDb, { workers, nodeArgs: appNodeArgs });
      const cookie = await signIn(app.url);
      const queue = async (name: string, pathname: string) => {
        console.log(`${name} …`);
        const load = await runLoad({
          url: app.url,
          next: () => ({ path: pathname, headers: { cookie } }),
          connections: 4,
          durationS,
        });
        result.figures.push({ name, load, connections: 4 });
      };
      await queue(`queue first page (${result.pending} pending)`, "/merchant/requests");
      await queue(
        "queue filtered (return, ≥ 1 000 NOK, largest first)",
        "/merchant/requests?view=decision&type=return&minAmount=1000&sort=amount_desc",
      );
      await queue(
        "queue filtered by e-mail",
        `/merchant/requests?view=all&q=${encodeURIComponent(sample[5]!.email)}`,
      );
    }
  } finally {
    await app.stop();
  }
}

async function runScale(driver: Driver, orders: number, appDir: string): Promise<ScaleResult> {
  console.log(`\n=== ${driver}, ${orders} generated orders ===`);
  let target: BenchTarget;
  let appDb: AppDatabase;
  let seedSummary: SeedSummary | undefined;
  if (driver === "pglite") {
    const store = await pgliteStore(orders, seed);
    seedSummary = store.seedSummary;
    const work = path.join(BENCH_ROOT, "run-pglite");
    copyDataDir(store.pristine, work);
    copyDataDir(store.pristine, path.join(BENCH_ROOT, "run-pglite-limit"));
    target = { driver, dataDir: work };
    appDb = { dataDir: work };
  } else {
    const store = await postgresStore(orders, seed, { reuse: Boolean(flags.reuse) });
    seedSummary = store.seedSummary;
    target = { driver, url: store.url };
    appDb = { databaseUrl: store.url };
  }
  if (seedSummary)
    console.log(
      `seeded ${seedSummary.rows} rows in ${formatDuration(seedSummary.seconds * 1000)} (${seedSummary.rowsPerSecond} rows/s)`,
    );

  const database = await openBenchDatabase(target, { migrate: false });
  const sample = await sampleOrders(database);
  await database.close();

  const loadAverage = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
  const result: ScaleResult = {
    driver,
    orders,
    seed: seedSummary,
    figures: [],
    limits: {},
    pipeline: [],
    loadAverage,
  };
  const limitTarget: BenchTarget =
    target.driver === "pglite"
      ? { driver: "pglite", dataDir: path.join(BENCH_ROOT, "run-pglite-limit") }
      : target;
  if (only.has("lookup") || only.has("order") || only.has("status")) {
    console.log("limit server …");
    result.limits = await measureLimits(limitTarget, sample);
  }

  if (["lookup", "order", "status", "queue"].some((b) => only.has(b))) {
    await measureApp(driver, target, appDb, appDir, sample, result);
  }

  if (driver === "postgres" && only.has("pipeline")) {
    const count = intFlag(flags, "pipeline", 1000);
    for (const workerCount of listFlag(flags, "workers", [4, 1])) {
      console.log(`pipeline: ${count} cancellations, ${workerCount} worker process(es) …`);
      result.pipeline.push(
        await runPipeline({
          appDir,
          url: (target as { url: string }).url,
          count,
          workers: workerCount,
          inFlight: intFlag(flags, "in-flight", 32),
          timeoutS: intFlag(flags, "pipeline-timeout", 180),
        }),
      );
    }
  }
  if (driver === "postgres" && !flags.keep && !flags.reuse) await dropPostgresStore();
  printScale(result);
  return result;
}

function printScale(r: ScaleResult) {
  const rows: Row[] = Object.entries(r.limits).map(([name, l]) => ({
    benchmark: name,
    conns: connections,
    "req/s": l.rps,
    "p50 ms": l.p50,
    "p99 ms": l.p99,
    "× limit": null,
    "× floor": null,
    failed: l.failed,
  }));
  for (const f of r.figures) {
    const limit = f.limit ? r.limits[f.limit] : undefined;
    const floor = f.floor ? r.figures.find((g) => g.name === f.floor) : undefined;
    rows.push({
      benchmark: f.name,
      conns: f.connections,
      "req/s": f.load.rps,
      "p50 ms": f.load.p50,
      "p99 ms": f.load.p99,
      "× limit": limit
        ? `${ratio(f.load.rps, limit.rps).toFixed(2)} of ${f.limit!.replace("limit: ", "")}`
        : null,
      "× floor": floor ? ratio(f.load.rps, floor.load.rps).toFixed(2) : null,
      failed: f.load.failed,
    });
  }
  printTable(
    `${r.driver}, ${r.orders} generated orders (+312 demo); load average before the run ${r.loadAverage}`,
    rows,
  );
  if (r.pipeline.length) {
    printTable(
      "auto-refund pipeline (PostgreSQL)",
      r.pipeline.map((p) => ({
        workers: p.workers,
        cancellations: p.cancellations,
        submitted: p.submitted,
        "held for review": p.heldForReview,
        "failed to submit": p.failedSubmissions,
        "submit s": p.submitSeconds,
        "all refunds submitted s": p.allSubmittedSeconds,
        "refunds/s": p.refundsPerSecond,
        "refund p50 ms": p.p50Ms,
        "refund p99 ms": p.p99Ms,
        "request→submitted p50 ms": p.e2eP50Ms,
        "request→submitted p99 ms": p.e2eP99Ms,
        "CPU s: PostgreSQL / web / workers": [p.cpu.postgres, p.cpu.web, p.cpu.workers]
          .map((s) => s.toFixed(1))
          .join(" / "),
      })),
    );
  }
}

function printGrowth(results: ScaleResult[]) {
  const byDriver = new Map<Driver, ScaleResult[]>();
  for (const r of results) byDriver.set(r.driver, [...(byDriver.get(r.driver) ?? []), r]);
  for (const [driver, unsorted] of byDriver) {
    const list = [...unsorted].sort((a, b) => a.orders - b.orders);
    if (list.length < 2) continue;
    const names = [
      ...new Set(
        list.flatMap((r) => [
          ...Object.keys(r.limits),
          ...r.figures.map((f) => f.name.replace(/ \(\d+ pending\)/, "")),
        ]),
      ),
    ];
    const rows: Row[] = names.map((name) => {
      const row: Row = { benchmark: name };
      for (const r of list) {
        const l =
          r.limits[name] ?? r.figures.find((f) => f.name.replace(/ \(\d+ pending\)/, "") === name)?.load;
        row[`${r.orders} req/s`] = l?.rps;
        row[`${r.orders} p99`] = l?.p99;
      }
      const first =
        list[0]!.limits[name] ??
        list[0]!.figures.find((f) => f.name.replace(/ \(\d+ pending\)/, "") === name)?.load;
      const last =
        list[list.length - 1]!.limits[name] ??
        list[list.length - 1]!.figures.find((f) => f.name.replace(/ \(\d+ pending\)/, "") === name)?.load;
      row["req/s last÷first"] = first && last ? (last.rps / first.rps).toFixed(2) : null;
      return row;
    });
    printTable(`growth on ${driver}`, rows);
  }
}

async function main() {
  const dbFlag = stringFlag(flags, "db") ?? "pglite";
  const drivers: Driver[] = dbFlag === "both" ? ["pglite", "postgres"] : [dbFlag as Driver];
  const scales = listFlag(flags, "orders", [10_000]);
  const appDir = await prepareBuild({ rebuild: Boolean(flags.rebuild) });
  const started = performance.now();
  const results: ScaleResult[] = [];
  for (const driver of drivers)
    for (const orders of scales) results.push(await runScale(driver, orders, appDir));
  printGrowth(results);
  const file = writeResult("bench", { connections, durationS, seed, results });
  const order = results.flatMap((r) =>
    r.figures
      .filter((f) => f.name === "order page")
      .map(
        (f) =>
          `${r.driver} ${r.orders}: ${Math.round(f.load.rps)} req/s p99 ${f.load.p99} ms (${ratio(f.load.rps, r.limits["limit: order reads"]?.rps ?? 0).toFixed(2)} of limit)`,
      ),
  );
  console.log(
    `\nsummary: order page ${order.join("; ") || "not run"} — ${formatDuration(performance.now() - started)}; results in ${path.relative(process.cwd(), file)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
