// Named statements on PostgreSQL: a parameterized statement text that a process runs a second
// time gets a name, so each pooled connection parses it once (and, after a few runs, plans it
// once) instead of on every run — the server's share of a statement is mostly that work for the
// short reads and writes the app sends. One process-wide map from text to name keeps a name bound
// to one text on every connection (pg refuses a name reused for another text).
//
// Off with DATABASE_PREPARED_STATEMENTS=false, for a pooler that does not keep a connection's
// named statements (PgBouncer in transaction mode before 1.21).
import type pg from "pg";

/** Distinct texts one process names; texts first seen after that run unnamed, as before. */
export const MAX_NAMED_STATEMENTS = 500;
/** Texts counted while waiting for their second run; a one-off text never takes a name. */
const MAX_TRACKED_TEXTS = 5_000;

export type StatementNamer = (text: string) => string | undefined;

/**
 * Names a text on its second sighting (`aftercare_1`, …), at most `maxNamed` of them; distinct
 * from the explicit names of lib/db/prepared.ts, which keep theirs.
 */
export function statementNamer(maxNamed = MAX_NAMED_STATEMENTS): StatementNamer {
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  return (text) => {
    const name = names.get(text);
    if (name !== undefined || names.size >= maxNamed) return name;
    if (!seenOnce.has(text)) {
      if (seenOnce.size < MAX_TRACKED_TEXTS) seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    const named = `aftercare_${names.size + 1}`;
    names.set(text, named);
    return named;
  };
}

const processNamer = statementNamer();

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };
type Query = (config: unknown, ...rest: unknown[]) => unknown;

/** Every connection `pool` opens from now on names its repeated parameterized statements. */
export function nameRepeatedStatements(pool: pg.Pool, namer: StatementNamer = processNamer) {
  pool.on("connect", (client) => {
    // The prototype's method at call time, not at connect: a later patch of it (tests counting
    // statements) still sees every statement.
    const proto = Object.getPrototypeOf(client) as { query: Query };
    (client as unknown as { query: Query }).query = function (this: unknown, config, ...rest) {
      return proto.query.call(this, withName(config, rest[0], namer), ...rest);
    };
  });
}

/**
 * The query with a name, when it is a single parameterized statement (text and values; pg uses the
 * extended protocol for it either way) without one. Parameterless texts keep the simple protocol,
 * which runs several statements in one (pg-boss's maintenance, migrations).
 */
function withName(config: unknown, values: unknown, namer: StatementNamer): unknown {
  if (typeof config === "string") {
    const name = Array.isArray(values) && values.length > 0 ? namer(config) : undefined;
    return name ? { text: config, name } : config;
  }
  if (!config || typeof config !== "object") return config;
  const c = config as QueryConfig;
  // A Submittable (cursor, stream) runs its own protocol; a named config keeps its name.
  if (typeof c.submit === "function" || c.name || typeof c.text !== "string") return config;
  const params = Array.isArray(values) ? values : c.values;
  const name = Array.isArray(params) && params.length > 0 ? namer(c.text) : undefined;
  return name ? { ...c, name } : config;
}
