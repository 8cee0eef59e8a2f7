// pg-boss runs its SQL through a `{ executeSql(text, values) }` adapter. Two of them: one on the
// app's database (its own queries) and one on a caller's Drizzle transaction, so a job is inserted
// atomically with the state change that asked for it. On PGlite (one connection behind a mutex) any
// query made outside an open transaction waits for it to end, so inside one only `tx` may be used.
import { type SQL, type SQLChunk, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/lib/db";

export type SqlAdapter = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
};

export function databaseAdapter(database: Database): SqlAdapter {
  return { executeSql: (text, values) => database.executeSql(text, values) };
}

export function transactionAdapter(tx: DbOrTx): SqlAdapter {
  return {
    async executeSql(text, values) {
      const result = await (tx as { execute(query: SQL): Promise<unknown> }).execute(
        toDrizzleSql(text, values),
      );
      return { rows: rowsOf(result) };
    },
  };
}

/** Rewrites `$1 … $n` placeholders into Drizzle params, which renumbers them in order of use. */
export function toDrizzleSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQLChunk[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = Number(match[1]) - 1;
    if (index < 0 || index >= values.length) {
      throw new Error(`SQL refers to $${match[1]} but only ${values.length} values were given`);
    }
    chunks.push(sql.raw(text.slice(last, match.index)));
    // sql.param keeps arrays as one value; a bare array in `sql` would expand into a list.
    chunks.push(sql.param(values[index] ?? null));
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** node-postgres and PGlite both answer raw queries with `{ rows }`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
