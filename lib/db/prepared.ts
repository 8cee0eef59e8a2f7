// Prepared statements for the hottest reads (the order page and the status poll behind its live
// timeline): built once per database handle instead of once per request, so a request skips
// building the SQL and PostgreSQL reuses the parsed statement on each pooled connection.
import type { DbOrTx } from "./client";

/**
 * `build` runs once per handle (the app has one; tests open one per file). Its statement name
 * must be unique across the app: PostgreSQL keeps one text per name on each connection.
 */
export function preparedFor<Query>(build: (db: DbOrTx) => Query): (db: DbOrTx) => Query {
  const built = new WeakMap<DbOrTx, Query>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
