// A transaction that can leave work for right after its commit: a command schedules a follow-up
// (submitting the refund it created, say) that must not run before the rows it needs are visible
// to other connections, and must not run at all if the transaction rolls back.
import type { Db, DbOrTx, Tx } from "./client";

type AfterCommit = (db: Db) => void;
type Scope = { db: Db; tasks: AfterCommit[] };

const scopes = new WeakMap<object, Scope>();

/** `db.transaction(fn)`, then every task `fn` scheduled with `afterCommit`, once it committed. */
export async function runTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const scope: Scope = { db, tasks: [] };
  const result = await db.transaction(async (tx) => {
    scopes.set(tx, scope);
    try {
      return await fn(tx);
    } finally {
      scopes.delete(tx);
    }
  });
  for (const task of scope.tasks) task(db);
  return result;
}

/**
 * Runs `task` after `tx` commits, with the handle the transaction was opened on. Returns false
 * (and drops the task) when `tx` was not opened by runTransaction: the caller's fallback holds.
 */
export function afterCommit(tx: DbOrTx, task: AfterCommit): boolean {
  const scope = scopes.get(tx);
  if (!scope) return false;
  scope.tasks.push(task);
  return true;
}

/** The handle `tx` was opened on by runTransaction, or undefined for any other transaction. */
export function transactionDb(tx: DbOrTx): Db | undefined {
  return scopes.get(tx)?.db;
}
