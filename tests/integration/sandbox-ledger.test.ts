// The sandbox gateway's ledger on the app database: exactly one record per idempotency key even
// under concurrent inserts (real parallelism on PostgreSQL), atomic call counting, and the
// sandbox gateway's idempotency working the same on it as on the in-memory ledger.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { sandboxRefunds } from "@/lib/db/schema";
import { DbSandboxLedger } from "@/lib/gateways/db-ledger";
import { SandboxGateway, type SandboxRecord, totalRefunded } from "@/lib/gateways/sandbox";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "../fixtures/db";

let database: Database;
let ledger: DbSandboxLedger;
beforeAll(async () => {
  database = await createTestDatabase();
  ledger = new DbSandboxLedger(database.db);
});
afterAll(async () => {
  await database.close();
});

function record(overrides: Partial<SandboxRecord> = {}): SandboxRecord {
  return {
    id: `sre_${randomUUID()}`,
    idempotencyKey: `key-${randomUUID()}`,
    paymentReference: "pm_ok_visa",
    amount: 12_500,
    currency: "NOK",
    metadata: { refundId: "r-1", orderNumber: "1001" },
    status: "succeeded",
    failureCode: null,
    failureReason: null,
    pendingReason: null,
    createdAt: new Date("2026-11-23T12:00:00.000Z"),
    settleAt: null,
    ...overrides,
  };
}

describe("DbSandboxLedger", () => {
  it("stores a record and reads it back by key and by id", async () => {
    const rec = record({
      status: "pending",
      pendingReason: "processing",
      settleAt: new Date("2026-11-23T12:00:20.000Z"),
    });
    expect(await ledger.insert(rec)).toEqual(rec);
    expect(await ledger.findByKey(rec.idempotencyKey)).toEqual(rec);
    expect(await ledger.get(rec.id)).toEqual(rec);
    expect(await ledger.findByKey("no-such-key")).toBeNull();
    expect(await ledger.get("no-such-id")).toBeNull();
  });

  it("returns the first record for a repeated key and inserts nothing", async () => {
    const first = record();
    await ledger.insert(first);
    const again = await ledger.insert(record({ idempotencyKey: first.idempotencyKey, amount: 99 }));
    expect(again).toEqual(first);
    const rows = await database.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.idempotencyKey, first.idempotencyKey));
    expect(rows).toHaveLength(1);
  });

  it("keeps one row when 20 inserts with one key race", async () => {
    const key = `race-${randomUUID()}`;
    // Separate ledgers on the pool: on PostgreSQL each insert may run on its own connection.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new DbSandboxLedger(database.db).insert(record({ idempotencyKey: key, amount: 100 + i })),
      ),
    );
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(1);
    const rows = await database.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe([...ids][0]);
  });

  it("counts 20 concurrent calls for one key exactly", async () => {
    const key = `calls-${randomUUID()}`;
    expect(await ledger.countCalls(key)).toBe(0);
    await Promise.all(Array.from({ length: 20 }, () => ledger.recordCall(key)));
    expect(await ledger.countCalls(key)).toBe(20);
  });

  it("updates a record's status and refuses an unknown id", async () => {
    const rec = record({ status: "pending", pendingReason: "insufficient_funds", settleAt: new Date() });
    await ledger.insert(rec);
    await ledger.update(rec.id, { status: "succeeded", pendingReason: null, settleAt: null });
    expect(await ledger.get(rec.id)).toEqual({
      ...rec,
      status: "succeeded",
      pendingReason: null,
      settleAt: null,
    });
    await expect(ledger.update("sre_missing", { status: "failed" })).rejects.toThrow(/no refund sre_missing/);
  });

  it("lists a payment's refunds oldest first", async () => {
    const reference = `pm_ok_${randomUUID()}`;
    const later = record({
      paymentReference: reference,
      createdAt: new Date("2026-11-23T13:00:00Z"),
      amount: 200,
    });
    const earlier = record({
      paymentReference: reference,
      createdAt: new Date("2026-11-23T12:00:00Z"),
      amount: 300,
    });
    const failed = record({
      paymentReference: reference,
      status: "failed",
      amount: 5000,
      createdAt: new Date("2026-11-23T12:30:00Z"),
    });
    await ledger.insert(later);
    await ledger.insert(earlier);
    await ledger.insert(failed);
    expect((await ledger.listByPaymentReference(reference)).map((r) => r.amount)).toEqual([300, 5000, 200]);
    expect(await totalRefunded(ledger, reference)).toBe(500);
  });
});

describe("the sandbox gateway on the database ledger", () => {
  const gateway = () =>
    new SandboxGateway({ ledger: new DbSandboxLedger(database.db), webhookSecret: "test-secret-0123456789" });

  it("moves money once for concurrent calls with one idempotency key", async () => {
    const input = {
      paymentReference: `pm_ok_${randomUUID()}`,
      amount: 4_990,
      currency: "NOK",
      idempotencyKey: `refund-${randomUUID()}`,
      metadata: { refundId: "r-2" },
    };
    const refunds = await Promise.all(Array.from({ length: 10 }, () => gateway().createRefund(input)));
    expect(new Set(refunds.map((r) => r.id)).size).toBe(1);
    expect(await totalRefunded(ledger, input.paymentReference)).toBe(4_990);
    expect(await ledger.countCalls(input.idempotencyKey)).toBe(10);
    expect(await gateway().getRefund(refunds[0]!.id)).toMatchObject({
      id: refunds[0]!.id,
      status: "succeeded",
      amount: 4_990,
    });
  });
});
