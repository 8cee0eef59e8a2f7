import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, migrateDatabase, openDatabase } from "@/lib/db/client";
import { seedDemoStore } from "@/lib/demo/seed";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { SandboxGateway, totalRefunded } from "@/lib/gateways/sandbox";
import { installJobQueues } from "@/lib/jobs/boss";
import { submitRefund } from "@/lib/refunds/commands";
import { submitRequest } from "@/lib/requests/commands";
import { createTestDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber, refundsOf, wholeOrder } from "../fixtures/engine";

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
