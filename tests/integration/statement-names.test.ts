// Repeated statements run as named prepared statements on PostgreSQL (lib/db/statement-names.ts):
// parsed once per connection, then reused. Checked from the server's side, pg_prepared_statements
// of the one connection a pool of size 1 holds. PostgreSQL only (PGlite has no pool).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/client";
import { stores } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { createTestDatabase } from "../fixtures/db";

let database: Database;
const opened: Database[] = [];
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  await database.close();
});

/** A second handle on the test database with one connection, so every statement shares it. */
async function oneConnection(preparedStatements?: boolean) {
  const handle = await openDatabase({
    driver: "postgres",
    url: database.url!,
    poolSize: 1,
    preparedStatements,
  });
  opened.push(handle);
  return handle;
}

/** The connection's prepared statements with this text, and how often each was planned. */
async function preparedWithText(handle: Database, text: string) {
  // Parameterless: runs unnamed, so it does not show up itself.
  const { rows } = await handle.executeSql(
    `select name, generic_plans + custom_plans as runs from pg_prepared_statements
     where statement = '${text.replaceAll("'", "''")}'`,
  );
  return rows.map((r) => ({ name: String(r.name), runs: Number(r.runs) }));
}

const storeName = (handle: Database) =>
  handle.db.select({ name: stores.name }).from(stores).where(eq(stores.id, DEMO_STORE_ID));

describe.skipIf(!process.env.TEST_DATABASE_URL)("named statements (PostgreSQL)", () => {
  it("runs a statement unnamed once, then prepares it once and reuses it on the connection", async () => {
    const handle = await oneConnection();
    const text = storeName(handle).toSQL().sql;
    await storeName(handle);
    expect(await preparedWithText(handle, text)).toEqual([]);
    for (let i = 0; i < 3; i++) await storeName(handle);
    const prepared = await preparedWithText(handle, text);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^aftercare_\d+$/);
    // Runs 2–4 went through the one prepared statement.
    expect(prepared[0]!.runs).toBe(3);
  });

  it("answers the same as unnamed statements, raw SQL with values included", async () => {
    const named = await oneConnection();
    const unnamed = await oneConnection(false);
    for (let i = 0; i < 3; i++) {
      expect(await storeName(named)).toEqual(await storeName(unnamed));
      const raw = await named.executeSql("select $1::int + 1 as n", [i]);
      expect(raw.rows).toEqual([{ n: i + 1 }]);
    }
    expect(await preparedWithText(named, "select $1::int + 1 as n")).toHaveLength(1);
    expect(await preparedWithText(unnamed, storeName(unnamed).toSQL().sql)).toEqual([]);
  });

  it("leaves parameterless SQL on the simple protocol, where several statements run as one", async () => {
    const handle = await oneConnection();
    for (let i = 0; i < 3; i++) {
      const { rows } = await handle.executeSql("select 1 as a; select 2 as a");
      expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
    }
  });
});
