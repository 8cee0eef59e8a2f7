// The sandbox gateway's ledger on the app database (tables sandbox_refunds, sandbox_calls), so the
// "bank" survives restarts and every worker process sees the same one. Atomic on the idempotency
// key by the unique index, not by a read-then-write, so concurrent callers cannot both insert.
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { sandboxCalls, sandboxRefunds } from "@/lib/db/schema";
import type { SandboxLedger, SandboxRecord } from "@/lib/gateways/sandbox-ledger";
import type { GatewayRefundStatus } from "@/lib/gateways/types";

type Row = typeof sandboxRefunds.$inferSelect;

export class DbSandboxLedger implements SandboxLedger {
  constructor(private readonly db: DbOrTx) {}

  async findByKey(idempotencyKey: string): Promise<SandboxRecord | null> {
    const [row] = await this.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.idempotencyKey, idempotencyKey));
    return row ? toRecord(row) : null;
  }

  async insert(rec: SandboxRecord): Promise<SandboxRecord> {
    const inserted = await this.db
      .insert(sandboxRefunds)
      .values({
        id: rec.id,
        idempotencyKey: rec.idempotencyKey,
        paymentReference: rec.paymentReference,
        amount: rec.amount,
        currency: rec.currency,
        metadata: rec.metadata,
        status: rec.status,
        failureCode: rec.failureCode,
        failureReason: rec.failureReason,
        pendingReason: rec.pendingReason,
        settleAt: rec.settleAt,
        createdAt: rec.createdAt,
      })
      .onConflictDoNothing({ target: sandboxRefunds.idempotencyKey })
      .returning();
    // One statement when the key is new; the existing record is read only when it was not.
    const stored = inserted[0] ? toRecord(inserted[0]) : await this.findByKey(rec.idempotencyKey);
    if (!stored) throw new Error(`Sandbox ledger lost the refund for key ${rec.idempotencyKey}`);
    return stored;
  }

  async get(id: string): Promise<SandboxRecord | null> {
    const [row] = await this.db.select().from(sandboxRefunds).where(eq(sandboxRefunds.id, id));
    return row ? toRecord(row) : null;
  }

  async update(id: string, patch: Partial<SandboxRecord>): Promise<void> {
    const columns = toColumns(patch);
    if (patch.idempotencyKey !== undefined) Object.assign(columns, { idempotencyKey: patch.idempotencyKey });
    if (patch.createdAt !== undefined) Object.assign(columns, { createdAt: patch.createdAt });
    const updated = Object.keys(columns).length
      ? await this.db
          .update(sandboxRefunds)
          .set(columns)
          .where(eq(sandboxRefunds.id, id))
          .returning({ id: sandboxRefunds.id })
      : await this.db.select({ id: sandboxRefunds.id }).from(sandboxRefunds).where(eq(sandboxRefunds.id, id));
    if (updated.length === 0) throw new Error(`Sandbox ledger has no refund ${id} to update`);
  }

  async countCalls(idempotencyKey: string): Promise<number> {
    const [row] = await this.db
      .select({ calls: sandboxCalls.calls })
      .from(sandboxCalls)
      .where(eq(sandboxCalls.idempotencyKey, idempotencyKey));
    return row?.calls ?? 0;
  }

  async recordCall(idempotencyKey: string): Promise<number> {
    const [row] = await this.db
      .insert(sandboxCalls)
      .values({ idempotencyKey, calls: 1 })
      .onConflictDoUpdate({
        target: sandboxCalls.idempotencyKey,
        set: { calls: sql`${sandboxCalls.calls} + 1` },
      })
      .returning({ calls: sandboxCalls.calls });
    return row!.calls;
  }

  async listByPaymentReference(paymentReference: string): Promise<SandboxRecord[]> {
    const rows = await this.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.paymentReference, paymentReference))
      .orderBy(asc(sandboxRefunds.createdAt), asc(sandboxRefunds.id));
    return rows.map(toRecord);
  }
}

/** The mutable fields of a record, as columns; undefined fields are left out. */
function toColumns(rec: Partial<SandboxRecord>) {
  const columns: Partial<typeof sandboxRefunds.$inferInsert> = {
    paymentReference: rec.paymentReference,
    amount: rec.amount,
    currency: rec.currency,
    metadata: rec.metadata,
    status: rec.status,
    failureCode: rec.failureCode,
    failureReason: rec.failureReason,
    pendingReason: rec.pendingReason,
    settleAt: rec.settleAt,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as typeof columns;
}

function toRecord(row: Row): SandboxRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    paymentReference: row.paymentReference,
    amount: row.amount,
    currency: row.currency,
    metadata: row.metadata,
    status: row.status as GatewayRefundStatus,
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    pendingReason: row.pendingReason,
    createdAt: row.createdAt,
    settleAt: row.settleAt,
  };
}
