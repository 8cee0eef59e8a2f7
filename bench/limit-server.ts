// The limit: a bare node:http server doing the same indexed reads as the app's pages straight
// through node-postgres (or PGlite in-process, on a copy of the data dir), no framework, no ORM.
// Each app figure is printed as a ratio to this server's figure for the same reads.
//   tsx bench/limit-server.ts --port 3401 (--data-dir DIR | DATABASE_URL=…)
import http from "node:http";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { nameRepeatedStatements } from "@/lib/db/statement-names";
import { intFlag, parseFlags, stringFlag } from "./lib/args";

type Query = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

async function connect(dataDir: string | undefined): Promise<Query> {
  if (dataDir) {
    const client = await PGlite.create(path.join(dataDir, "pgdata"));
    return async (text, values) => (await client.query<Record<string, unknown>>(text, values)).rows;
  }
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  // Prepared once per connection, as the app's statements are: the limit stays the limit.
  nameRepeatedStatements(pool);
  return async (text, values) => (await pool.query(text, values)).rows;
}

/** The order page's reads: the order by primary key, then its children by order_id at once. */
async function orderReads(query: Query, id: string) {
  const [order] = await query("select * from orders where id = $1", [id]);
  if (!order) return null;
  const [lines, fulfillments, payments, requests, refunds, events] = await Promise.all([
    query("select * from line_items where order_id = $1 order by position", [id]),
    query("select * from fulfillments where order_id = $1", [id]),
    query("select * from payment_transactions where order_id = $1", [id]),
    query("select * from requests where order_id = $1", [id]),
    query("select * from refunds where order_id = $1", [id]),
    query(
      "select subject_id, type, actor_type, data, created_at from events where order_id = $1 order by id",
      [id],
    ),
  ]);
  return { order, lines, fulfillments, payments, requests, refunds, events };
}

async function main() {
  const flags = parseFlags();
  const port = intFlag(flags, "port", 3401);
  const query = await connect(stringFlag(flags, "data-dir"));
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, kind, arg] = url.pathname.split("/");
    const handle = async () => {
      if (url.pathname === "/api/health") return send(res, 200, { ok: true });
      if (kind === "pk") {
        const [row] = await query("select * from orders where id = $1", [arg]);
        return row ? send(res, 200, row) : send(res, 404, {});
      }
      if (kind === "order") {
        const data = await orderReads(query, arg ?? "");
        return data ? send(res, 200, data) : send(res, 404, {});
      }
      if (kind === "lookup") {
        const rows = await query(
          "select id, number from orders where store_id = $1 and number = $2 and email = $3 limit 1",
          [url.searchParams.get("store"), url.searchParams.get("number"), url.searchParams.get("email")],
        );
        return rows[0] ? send(res, 200, rows[0]) : send(res, 404, {});
      }
      send(res, 404, {});
    };
    handle().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  server.listen(port, "127.0.0.1", () => console.log(`limit server on 127.0.0.1:${port}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
