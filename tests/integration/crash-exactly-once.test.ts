import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, migrateDatabase, openDatabase } from "@/lib/db/client";
import { seedDemoStore } from "@/lib/demo/seed";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { SandboxGateway, totalRefunded } from "@/lib/gateways/sandbox";
import { installJobQueues } from "@/lib/jobs/boss";
import { CLAIM_TIMEOUT_MS, createManualRefund, submitRefund } from "@/lib/refunds/commands";
import { sweepRefunds } from "@/lib/refunds/jobs";
import { submitRequest } from "@/lib/requests/commands";
import { createTestDatabase, TEST_NOW } from "../fixtures/db";
import { refunds } from "@/lib/db/schema";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { formToken, orderByNumber, refundsOf, usePaymentReference, wholeOrder } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "crash-test-secret-0123456789abcdef";

// A worker is SIGKILLed after the gateway made the refund and before we saved that answer.
// When work resumes, the refund is submitted again under the same idempotency key, the
// gateway returns the refund it already made, and exactly one money movement exists.
const usePostgres = Boolean(process.env.TEST_DATABASE_URL);
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function sharedDatabase(): Promise<{
  database: Database;
  target: string;
  reopen: () => Promise<Database>;
}> {
  if (usePostgres) {
    const database = await createTestDatabase();
    return { database, target: database.url!, reopen: async () => database };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-crash-"));
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const database = await openDatabase({ driver: "pglite", dataDir: dir });
  await migrateDatabase(database);
  await installJobQueues(database);
  return { database, target: dir, reopen: () => openDatabase({ driver: "pglite", dataDir: dir }) };
}

async function waitForStaleLock<T>(open: () => Promise<T>): Promise<T> {
  // PGlite's directory lock of the killed process goes stale after 15 s (lib/db/lock.ts).
  for (let i = 0; ; i++) {
    try {
      return await open();
    } catch (error) {
      if (i > 40) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

describe("a worker killed between the gateway call and saving its answer", () => {
  it("leaves exactly one refund at the gateway and a succeeded refund row after restart", async () => {
    const shared = await sharedDatabase();
    let database = shared.database;
    await seedDemoStore(database.db, { now: TEST_NOW, generated: 0 });
    const order = await orderByNumber(database.db, "1001");
    await submitRequest(
      database.db,
      {
        orderId: order.id,
        type: "cancellation",
        lines: wholeOrder(order.lines),
        reasonCode: "changed_mind",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
      { now: TEST_NOW },
    );
    const [refund] = await refundsOf(database.db, order.id);
    if (!usePostgres) await database.close();

    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "tests/fixtures/kill-after-gateway.ts",
        usePostgres ? "postgres" : "pglite",
        shared.target,
        refund!.id,
      ],
      {
        cwd: process.cwd(),
        encoding: "utf8",
        timeout: 90_000,
      },
    );
    expect(child.signal, `${child.stdout}\n${child.stderr}`).toBe("SIGKILL");
    expect(child.stdout).toMatch(/gateway answered/);

    if (!usePostgres) database = await waitForStaleLock(shared.reopen);
    cleanup.push(() => database.close());
    const ledger = new DbSandboxLedger(database.db);
    expect(await totalRefunded(ledger, "pm_ok_1001")).toBe(refund!.amount);
    const [stuck] = await refundsOf(database.db, order.id);
    expect(stuck).toMatchObject({ status: "pending", attempts: 1 });
    expect(stuck!.claimedAt).not.toBeNull();

    // A restarted worker only takes over a claim once it is stale; here we say it already is.
    const gateway = new SandboxGateway({ ledger, webhookSecret: "kill-test-secret" });
    expect(await submitRefund(database.db, refund!.id, () => gateway, { claimTimeoutMs: 0 })).toBe(
      "succeeded",
    );
    const [done] = await refundsOf(database.db, order.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await ledger.listByPaymentReference("pm_ok_1001")).toHaveLength(1);
    expect(await totalRefunded(ledger, "pm_ok_1001")).toBe(refund!.amount);
  }, 120_000);
});

describe("a worker killed mid-burst with refunds claimed", () => {
  // More than one page of the sweep (100), so a sweep that stops at a page would leave some behind.
  const BURST = 120;

  it("has every refund taken over one claim timeout after the kill, each paid exactly once", async () => {
    const shared = await sharedDatabase();
    let database = shared.database;
    await seedDemoStore(database.db, { now: TEST_NOW, generated: 0 });
    const order = await orderByNumber(database.db, "1002");
    const reference = "pm_ok_burst_1002";
    await usePaymentReference(database.db, order.id, reference);
    for (let i = 0; i < BURST; i++) {
      await createManualRefund(
        database.db,
        { orderId: order.id, lines: [], includeShipping: false, customAmount: 100, reason: `goodwill ${i}` },
        { type: "system" },
        { allowAboveStoreMax: true },
      );
    }
    if (!usePostgres) await database.close();

    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "tests/fixtures/kill-mid-burst.ts",
        usePostgres ? "postgres" : "pglite",
        shared.target,
      ],
      { cwd: process.cwd(), encoding: "utf8", timeout: 120_000 },
    );
    expect(child.signal, `${child.stdout}\n${child.stderr}`).toBe("SIGKILL");
    expect(child.stdout).toMatch(new RegExp(`all ${BURST} refunds in flight`));

    if (!usePostgres) database = await waitForStaleLock(shared.reopen);
    cleanup.push(() => database.close());
    const db = database.db;
    const claimed = await db
      .select({ at: sql<string>`max(${refunds.claimedAt})::text` })
      .from(refunds)
      .where(eq(refunds.status, "pending"));
    const killedAt = new Date(claimed[0]!.at).getTime();
    const ledger = new DbSandboxLedger(db);
    expect((await ledger.listByPaymentReference(reference)).length).toBeGreaterThan(0);

    // A sweep soon after the kill finds nothing due yet, and has the next one start as the claims fall due.
    expect(await sweepRefunds(db, new Date(killedAt + 5_000))).toEqual([]);
    const followUp = rowsOf(
      await db.execute(
        sql`select extract(epoch from start_after) * 1000 as at from pgboss.job where name = 'refunds.sweep' and state = 'created'`,
      ),
    ) as { at: string }[];
    expect(followUp).toHaveLength(1);
    expect(Number(followUp[0]!.at)).toBeLessThanOrEqual(killedAt + CLAIM_TIMEOUT_MS + 1_000);

    // That sweep takes every claim over: recovery within the claim timeout and a sweep's run.
    expect(CLAIM_TIMEOUT_MS + 60_000).toBeLessThan(120_000);
    const outcomes = await sweepRefunds(db, new Date(killedAt + CLAIM_TIMEOUT_MS + 1_000));
    expect(outcomes.filter((o) => o === "succeeded")).toHaveLength(BURST);
    const rows = await refundsOf(db, order.id);
    expect(rows.filter((r) => r.status === "succeeded")).toHaveLength(BURST);
    const made = await ledger.listByPaymentReference(reference);
    expect(made).toHaveLength(BURST);
    expect(new Set(made.map((m) => m.metadata.refundId)).size).toBe(BURST);
    expect(await totalRefunded(ledger, reference)).toBe(BURST * 100);
  }, 240_000);
});
