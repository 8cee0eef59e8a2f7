// The auto-refund pipeline on PostgreSQL: N shoppers cancel unfulfilled orders at once, through
// the same command the portal's cancel form calls (submitRequest: rules → auto-approve → cancel →
// pending refund + durable job, one transaction); `npm run worker` processes submit the refunds
// to the sandbox gateway. Measured: time until every refund is submitted, and per refund the
// latency from refunds.created_at (and from the shopper's request) to submitted_at.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/client";
import { APP_POOL_SIZE } from "@/lib/db/client";
import { disableEagerJobs, enableEagerJobs } from "@/lib/jobs/eager";
import { submitRequest } from "@/lib/requests/commands";
import { AUTH_SECRET, BENCH_ROOT } from "./app";
import { cpuSince, isPostgresBackend, readCpu } from "./cpu";
import { openBenchDatabase, runInTransaction } from "./database";
import { loadCatalog } from "../seed";
import { batchStatements, customersStatement } from "./store-sql";
import { sleep } from "./time";

export type PipelineResult = {
  workers: number;
  cancellations: number;
  submitted: number;
  failedSubmissions: number;
  heldForReview: number;
  submitSeconds: number;
  allSubmittedSeconds: number;
  refundsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  e2eP50Ms: number;
  e2eP99Ms: number;
  /** CPU seconds from the first cancellation to the last submission, by process group. */
  cpu: { postgres: number; web: number; workers: number };
};

const PIPELINE_BASE = 500_000_000;

/**
 * Automation limits off the bench's way: the breaker and store maximum would rightly send a burst
 * to review. Its thresholds are far above any round's (rounds one after another fall in one window).
 */
async function openTheGates(database: Database) {
  await database.executeSql(
    `update stores set automation_paused_at = null, automation_paused_reason = null, auto_refund_enabled = true,
      max_refund_per_order = 1000000000,
      circuit_breaker = '{"windowMinutes":1,"maxCount":10000000,"maxAmount":900000000000000}'::jsonb`,
    [],
  );
}

/** Inserts `count` paid, unfulfilled orders in the next free block of numbers (500 000 001 and up). */
async function freshOrders(database: Database, count: number) {
  const { rows: last } = await database.executeSql(
    `select coalesce(max(number::bigint), ${PIPELINE_BASE - 1_000_000}) as n from orders
     where external_id like 'bench-%' and length(number) = 9`,
    [],
  );
  const slot = Math.floor((Number(last[0]?.n) - PIPELINE_BASE) / 1_000_000) + 1;
  const seed = 9_000 + slot;
  const base = PIPELINE_BASE + slot * 1_000_000;
  const catalog = await loadCatalog(database);
  await runInTransaction(database, [
    customersStatement({ seed, storeId: "nordlys", total: count, from: 0, to: Math.ceil(count * 0.6) - 1 }),
    ...batchStatements({
      seed,
      storeId: "nordlys",
      total: count,
      from: 1,
      to: count,
      numberBase: base,
      spanDays: 1,
      now: new Date(),
      catalog,
      requestPercent: 0,
      refundedPercentOfRequests: 0,
    }),
    `update orders set risk_level = 'low', risk_reasons = '[]'::jsonb
      where external_id like 'bench-%' and length(number) = 9 and number::bigint between ${base + 1} and ${base + count}`,
  ]);
  const { rows } = await database.executeSql(
    `select o.id::text as order_id, l.id::text as line_id, l.quantity
     from orders o join line_items l on l.order_id = o.id
     where o.external_id like 'bench-%' and length(o.number) = 9 and o.number::bigint between ${base + 1} and ${base + count}
     order by o.number, l.position`,
    [],
  );
  const byOrder = new Map<string, { lineItemId: string; quantity: number }[]>();
  for (const r of rows) {
    const list = byOrder.get(String(r.order_id)) ?? [];
    list.push({ lineItemId: String(r.line_id), quantity: Number(r.quantity) });
    byOrder.set(String(r.order_id), list);
  }
  return { byOrder, base };
}

function startWorker(appDir: string, url: string, index: number): Promise<ChildProcess> {
  const log = fs.openSync(path.join(BENCH_ROOT, `worker-${index}.log`), "a");
  const prof = process.env.BENCH_WORKER_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`]
    : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", "scripts/worker.ts"], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AFTERCARE_DEMO: "true",
      DATABASE_URL: url,
      AUTH_SECRET,
      DATA_DIR: path.join(BENCH_ROOT, "pg-side-data"),
    },
    stdio: ["ignore", "pipe", log],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("worker did not start within 60 s")), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      fs.writeSync(log, chunk);
      if (chunk.toString().includes("job workers started")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

/**
 * Waits (up to 2 minutes) until no job is due: a round starts on an idle queue, not behind the
 * previous round's e-mails or the workers' start-up jobs (the reconciliation sweep).
 */
async function queueDrained(database: Database) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const { rows } = await database.executeSql(
      `select count(*)::int as n from pgboss.job where state in ('created', 'retry') and start_after <= now()`,
      [],
    );
    if (Number(rows[0]?.n ?? 0) === 0) return;
    await sleep(250);
  }
  console.warn("  the job queue did not drain within 2 minutes; measuring anyway");
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  for (let i = 0; i < 100 && child.exitCode === null; i++) await sleep(100);
  if (child.exitCode === null) child.kill("SIGKILL");
}

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

/**
 * Cancellations (and their submissions) run first, side by side like the round, and left out of
 * it: a running portal's code is warm — optimised by V8, its statements prepared on the pool's
 * connections. With 5 run one by one, a run's first round was ≈ 1 s slower than its second.
 */
const WARM_UP = 100;

/** A shopper cancels the whole order through the portal's command. */
function cancel(database: Database, orderId: string, lines: { lineItemId: string; quantity: number }[]) {
  return submitRequest(
    database.db,
    {
      orderId,
      type: "cancellation",
      lines,
      reasonCode: "changed_mind",
      idempotencyKey: `bench-cancel-${orderId}`,
      photos: [],
    },
    { type: "shopper" },
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Waits until `expected` refunds of the orders in `scope` are submitted (or the deadline); how many are. */
async function allSubmitted(database: Database, scope: string, expected: number, deadline: number) {
  let submitted = 0;
  while (Date.now() < deadline) {
    const { rows } = await database.executeSql(
      `select count(*) filter (where f.submitted_at is not null)::int as done
       from refunds f join orders o on o.id = f.order_id where ${scope}`,
      [],
    );
    submitted = Number(rows[0]?.done ?? 0);
    if (submitted >= expected) break;
    await sleep(200);
  }
  return submitted;
}

/**
 * The next round starts with an empty breaker window, as a burst after a quiet spell would (its
 * thresholds are lifted for the bench anyway; this keeps each round's breaker work the same).
 */
async function ageOutOfBreakerWindow(database: Database, scope: string) {
  await database.executeSql(
    `update refunds f set created_at = f.created_at - interval '1 hour'
     from orders o where o.id = f.order_id and ${scope}`,
    [],
  );
}

export async function runPipeline(o: {
  appDir: string;
  url: string;
  count: number;
  workers: number;
  /** Cancellations submitted side by side (32: a burst; 1: one shopper at a time). */
  inFlight?: number;
  timeoutS?: number;
}): Promise<PipelineResult> {
  // This process stands in for the web process: its pool size, and refunds submitted eagerly.
  const database = await openBenchDatabase(
    { driver: "postgres", url: o.url },
    { migrate: false, poolSize: APP_POOL_SIZE },
  );
  await enableEagerJobs(database);
  const workers: ChildProcess[] = [];
  try {
    await openTheGates(database);
    // The last WARM_UP orders (numbered after the measured ones) warm this process up first.
    const { byOrder, base } = await freshOrders(database, o.count + WARM_UP);
    const all = [...byOrder];
    const orders = all.slice(0, o.count);
    for (let i = 0; i < o.workers; i++) workers.push(await startWorker(o.appDir, o.url, i));
    await pool(all.slice(o.count), o.inFlight ?? 32, ([orderId, lines]) =>
      cancel(database, orderId, lines).then(() => undefined),
    );
    const warmUp = `o.external_id like 'bench-%' and length(o.number) = 9 and o.number::bigint between ${base + o.count + 1} and ${base + o.count + WARM_UP}`;
    await allSubmitted(database, warmUp, WARM_UP, Date.now() + 60_000);
    await ageOutOfBreakerWindow(database, warmUp);
    if (o.workers > 0) await queueDrained(database);

    const cpuBefore = {
      postgres: readCpu(isPostgresBackend),
      web: readCpu((_, pid) => pid === process.pid),
      workers: readCpu((_, pid) => workers.some((w) => w.pid === pid)),
    };
    const t0 = performance.now();
    let failed = 0;
    await pool(orders, o.inFlight ?? 32, async ([orderId, lines]) => {
      await cancel(database, orderId, lines).catch((error: unknown) => {
        failed++;
        if (failed <= 3) console.error(`  cancellation failed: ${(error as Error).message}`);
      });
    });
    const submitSeconds = (performance.now() - t0) / 1000;

    const scope = `o.external_id like 'bench-%' and length(o.number) = 9 and o.number::bigint between ${base + 1} and ${base + o.count}`;
    const submitted = await allSubmitted(
      database,
      scope,
      o.count - failed,
      Date.now() + (o.timeoutS ?? 180) * 1000,
    );
    const cpu = {
      postgres: cpuSince(cpuBefore.postgres, isPostgresBackend),
      web: cpuSince(cpuBefore.web),
      workers: cpuSince(cpuBefore.workers),
    };
    const { rows } = await database.executeSql(
      `select extract(epoch from (f.submitted_at - f.created_at)) * 1000 as refund_ms,
              extract(epoch from (f.submitted_at - r.created_at)) * 1000 as e2e_ms,
              extract(epoch from (max(f.submitted_at) over () - min(r.created_at) over ())) as span_s
       from refunds f join orders o on o.id = f.order_id join requests r on r.id = f.request_id
       where ${scope} and f.submitted_at is not null`,
      [],
    );
    const { rows: held } = await database.executeSql(
      `select count(*)::int as n from requests r join orders o on o.id = r.order_id
       where ${scope} and r.status = 'pending_review'`,
      [],
    );
    await ageOutOfBreakerWindow(database, scope);
    const refundMs = rows.map((r) => Number(r.refund_ms)).sort((a, b) => a - b);
    const e2eMs = rows.map((r) => Number(r.e2e_ms)).sort((a, b) => a - b);
    const span = Number(rows[0]?.span_s ?? 0);
    return {
      workers: o.workers,
      cancellations: o.count,
      submitted,
      failedSubmissions: failed,
      heldForReview: Number(held[0]?.n ?? 0),
      submitSeconds,
      allSubmittedSeconds: span,
      refundsPerSecond: span > 0 ? submitted / span : 0,
      p50Ms: percentile(refundMs, 0.5),
      p99Ms: percentile(refundMs, 0.99),
      e2eP50Ms: percentile(e2eMs, 0.5),
      e2eP99Ms: percentile(e2eMs, 0.99),
      cpu,
    };
  } finally {
    for (const w of workers) await stopProcess(w);
    await disableEagerJobs(database);
    await database.close();
  }
}
