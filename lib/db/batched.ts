// Batched writes inside one transaction. A command that changes several things (a cancellation:
// request, order, refund, stock) also writes timeline events, e-mails and jobs at each step; one
// insert per step costs a round trip each. Inside `withBatchedWrites(tx, …)` those follow-up rows
// are collected and written together right before the transaction commits — still in the same
// transaction, so they exist if and only if the change committed (DESIGN.md §4.3). Outside it,
// every writer writes at once, as before.
//
// Only writes nobody reads back inside the transaction are batched: append-only rows (events,
// outgoing e-mails, jobs) and increments of shared stock. Stages flush in a fixed order: a later
// stage may be fed by an earlier one (an e-mail enqueues its delivery job), and stock comes last
// because its rows are shared by every order of a product — their locks are then held only for the
// rest of the commit, not while the other rows are written.
import type { DbOrTx } from "./client";

export type BatchStage = "events" | "notifications" | "jobs" | "stock";
const STAGES: BatchStage[] = ["events", "notifications", "jobs", "stock"];

type Flush = () => Promise<void>;
type Scope = {
  stages: Map<BatchStage, { flush: Flush; state: unknown[] }>;
  memo: Map<string, Promise<unknown>>;
};

const scopes = new WeakMap<object, Scope>();

/**
 * Runs `fn` with batching on for `tx`, then flushes every batch on `tx`. Nesting is harmless: an
 * inner call on a transaction that already batches just runs `fn`.
 */
export async function withBatchedWrites<T>(tx: DbOrTx, fn: () => Promise<T>): Promise<T> {
  if (scopes.has(tx)) return fn();
  const scope: Scope = { stages: new Map(), memo: new Map() };
  scopes.set(tx, scope);
  try {
    const result = await fn();
    await flushAll(scope);
    return result;
  } finally {
    scopes.delete(tx);
  }
}

async function flushAll(scope: Scope) {
  for (const stage of STAGES) {
    const batch = scope.stages.get(stage);
    if (!batch) continue;
    scope.stages.delete(stage);
    await batch.flush();
  }
}

/**
 * Writes `rows` with `write` now, or — when `tx` batches — adds them to `stage`'s batch, which
 * `write` (the first caller's) writes in one go before the commit. Returns whether they wait.
 */
export async function writeOrBatch<R>(
  tx: DbOrTx,
  stage: BatchStage,
  rows: R[],
  write: (rows: R[]) => Promise<void>,
): Promise<boolean> {
  const scope = scopes.get(tx);
  if (!scope) {
    await write(rows);
    return false;
  }
  let batch = scope.stages.get(stage);
  if (!batch) {
    const pending: R[] = [];
    batch = { state: pending, flush: () => write(pending) };
    scope.stages.set(stage, batch);
  }
  (batch.state as R[]).push(...rows);
  return true;
}

/** Writes `stage`'s pending rows now (to keep them in order before a row that cannot wait). */
export async function flushStage(tx: DbOrTx, stage: BatchStage) {
  const scope = scopes.get(tx);
  const batch = scope?.stages.get(stage);
  if (!scope || !batch) return;
  scope.stages.delete(stage);
  await batch.flush();
}

/**
 * A read that stays valid for the rest of the transaction (an order's number, the enabled webhook
 * endpoints), done once per batched transaction; done every time otherwise.
 */
export function readOnce<T>(tx: DbOrTx, key: string, read: () => Promise<T>): Promise<T> {
  const scope = scopes.get(tx);
  if (!scope) return read();
  let hit = scope.memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    // Promise.resolve settles a query builder (a thenable that runs again on every `then`) once.
    hit = Promise.resolve(read());
    scope.memo.set(key, hit);
  }
  return hit;
}

/**
 * Gives `readOnce(tx, key, …)` its answer ahead of time, from a statement that read it along with
 * something else. A no-op outside a batched transaction or once the key was read.
 */
export function remember<T>(tx: DbOrTx, key: string, value: T) {
  const scope = scopes.get(tx);
  if (scope && !scope.memo.has(key)) scope.memo.set(key, Promise.resolve(value));
}
