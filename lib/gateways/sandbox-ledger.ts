// The sandbox's own record of money it "moved". It lives behind an interface because the
// exactly-once tests kill workers mid-refund: the real ledger is on the app database, so it
// survives restarts and is shared by every process; the memory one is for unit tests.
import type { GatewayRefundStatus } from "@/lib/gateways/types";

export type SandboxRecord = {
  id: string;
  idempotencyKey: string;
  paymentReference: string;
  /** Minor units. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  metadata: Record<string, string>;
  status: GatewayRefundStatus;
  failureCode: string | null;
  failureReason: string | null;
  pendingReason: string | null;
  createdAt: Date;
  /** When a pending refund turns succeeded; checked lazily on read. */
  settleAt: Date | null;
};

export interface SandboxLedger {
  findByKey(idempotencyKey: string): Promise<SandboxRecord | null>;
  /** Atomic on idempotencyKey: if a record with that key exists, returns it and inserts nothing. */
  insert(rec: SandboxRecord): Promise<SandboxRecord>;
  get(id: string): Promise<SandboxRecord | null>;
  update(id: string, patch: Partial<SandboxRecord>): Promise<void>;
  /** Number of createRefund calls seen for that key. */
  countCalls(idempotencyKey: string): Promise<number>;
  /** Counts one more call for that key; returns the count including this one. */
  recordCall(idempotencyKey: string): Promise<number>;
  listByPaymentReference(paymentReference: string): Promise<SandboxRecord[]>;
}

export class MemorySandboxLedger implements SandboxLedger {
  private readonly records = new Map<string, SandboxRecord>();
  private readonly idByKey = new Map<string, string>();
  private readonly calls = new Map<string, number>();

  async findByKey(idempotencyKey: string): Promise<SandboxRecord | null> {
    const id = this.idByKey.get(idempotencyKey);
    return id === undefined ? null : this.get(id);
  }

  async insert(rec: SandboxRecord): Promise<SandboxRecord> {
    // Check and write with no await in between, so concurrent inserts for one key cannot both win.
    const existingId = this.idByKey.get(rec.idempotencyKey);
    const existing = existingId === undefined ? undefined : this.records.get(existingId);
    if (existing) return structuredClone(existing);
    this.records.set(rec.id, structuredClone(rec));
    this.idByKey.set(rec.idempotencyKey, rec.id);
    return structuredClone(rec);
  }

  async get(id: string): Promise<SandboxRecord | null> {
    const rec = this.records.get(id);
    return rec ? structuredClone(rec) : null;
  }

  async update(id: string, patch: Partial<SandboxRecord>): Promise<void> {
    const rec = this.records.get(id);
    if (!rec) throw new Error(`Sandbox ledger has no refund ${id} to update`);
    this.records.set(id, { ...rec, ...structuredClone(patch), id });
  }

  async countCalls(idempotencyKey: string): Promise<number> {
    return this.calls.get(idempotencyKey) ?? 0;
  }

  async recordCall(idempotencyKey: string): Promise<number> {
    const calls = (this.calls.get(idempotencyKey) ?? 0) + 1;
    this.calls.set(idempotencyKey, calls);
    return calls;
  }

  async listByPaymentReference(paymentReference: string): Promise<SandboxRecord[]> {
    return [...this.records.values()]
      .filter((r) => r.paymentReference === paymentReference)
      .map((r) => structuredClone(r));
  }
}

/** Money the sandbox has sent back for a payment: every refund that is not failed or canceled. */
export async function totalRefunded(ledger: SandboxLedger, paymentReference: string): Promise<number> {
  const records = await ledger.listByPaymentReference(paymentReference);
  return records
    .filter((r) => r.status !== "failed" && r.status !== "canceled")
    .reduce((sum, r) => sum + r.amount, 0);
}
