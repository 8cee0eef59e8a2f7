// The review queue on a real database: each filter, search by number or e-mail, keyset pages
// that list every request once in order for every sort, and a queue of 100 000 requests whose
// pages still come back fast.
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import type { Database } from "@/lib/db/client";
import { orders, requests } from "@/lib/db/schema";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { listRequestQueue, QUEUE_COUNT_CAP } from "@/lib/requests/queries";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";

const DAY = 86_400_000;
let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 20 });
  await addRequests();
});
afterAll(async () => {
  await database.close();
});

/** 60 pending requests spread over the generated orders, ages, amounts and reasons. */
async function addRequests() {
  const generated = await database.db
    .select({ id: orders.id })
    .from(orders)
    .where(sql`${orders.number}::int < 1000`);
  const reasons = ["damaged", "doesnt_fit", "wrong_item"];
  await database.db.insert(requests).values(
    Array.from({ length: 60 }, (_, i) => {
      // One open cancellation per order at most (a unique index), so only the first round has them.
      const cancellation = i % 4 === 0 && i < generated.length;
      return {
        orderId: generated[i % generated.length]!.id,
        type: cancellation ? ("cancellation" as const) : ("return" as const),
        status: "pending_review" as const,
        reasonCode: cancellation ? "changed_mind" : reasons[i % 3]!,
        idempotencyKey: `queue-${i}`,
        // Several share an amount and a creation time, so ties must be broken by id.
        previewAmount: 1_000 * (i % 7),
        currency: "NOK",
        createdAt: new Date(TEST_NOW.getTime() - (i % 10) * DAY),
        decision:
          i % 9 === 0
            ? { outcome: "review" as const, explanation: "Automatic refunds are paused: breaker" }
            : null,
      };
    }),
  );
}

const filters = (params: Record<string, string> = {}) => parseQueueFilters(params);

async function allPages(params: Record<string, string>, limit = 7) {
  const ids: string[] = [];
  const rows = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listRequestQueue(database.db, filters({ ...params, ...(cursor ? { cursor } : {}) }), {
      limit,
      now: TEST_NOW,
    });
    ids.push(...page.rows.map((r) => r.id));
    rows.push(...page.rows);
    if (!page.nextCursor) return { ids, rows };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("review queue", () => {
  it("lists every request needing a decision exactly once across pages, for every sort", async () => {
    const [{ n }] = rowsOf(
      await database.db.execute(
        sql`select count(*)::int as n from requests where status in ('pending_review', 'submitted')`,
      ),
    ) as [{ n: number }];
    for (const sort of ["oldest", "newest", "amount_desc", "amount_asc"]) {
      const { ids, rows } = await allPages({ sort });
      expect(ids).toHaveLength(Number(n));
      expect(new Set(ids).size).toBe(ids.length);
      const keys = rows.map((r) => (sort.startsWith("amount") ? r.amount : new Date(r.createdAt).getTime()));
      const sorted = [...keys].sort((a, b) => (sort === "oldest" || sort === "amount_asc" ? a - b : b - a));
      expect(keys).toEqual(sorted);
    }
  });

  it("filters by type, reason, age, amount, risk and automation hold", async () => {
    const check = async (
      params: Record<string, string>,
      predicate: (r: Awaited<ReturnType<typeof allPages>>["rows"][number]) => boolean,
    ) => {
      const { rows } = await allPages(params, 100);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every(predicate)).toBe(true);
      return rows;
    };
    await check({ type: "cancellation" }, (r) => r.type === "cancellation");
    await check({ reason: "damaged" }, (r) => r.reasonCode === "damaged");
    await check({ minAgeDays: "7" }, (r) => TEST_NOW.getTime() - new Date(r.createdAt).getTime() >= 7 * DAY);
    await check({ minAmount: "20", maxAmount: "40.00" }, (r) => r.amount >= 2_000 && r.amount <= 4_000);
    await check({ held: "1" }, (r) => r.held);
    const all = await allPages({}, 100);
    const held = await allPages({ held: "1" }, 100);
    expect(held.rows.length).toBeLessThan(all.rows.length);
  });

  it("filters by risk level of the order", async () => {
    const [order] = await database.db.select().from(orders).where(eq(orders.number, "1012"));
    await database.db.update(orders).set({ riskLevel: "medium" }).where(eq(orders.id, order!.id));
    const elevated = await allPages({ risk: "elevated" }, 100);
    expect(elevated.rows.map((r) => r.orderNumber)).toEqual(["1012"]);
    expect((await allPages({ risk: "high" }, 100)).rows).toHaveLength(0);
    await database.db.update(orders).set({ riskLevel: "low" }).where(eq(orders.id, order!.id));
  });

  it("finds requests by order number (with or without #) and by e-mail, whole or its start", async () => {
    for (const q of ["#1012", "1012", "frida@example.com", "FRIDA@", "frida"]) {
      const { rows } = await allPages({ q }, 100);
      expect(rows.map((r) => r.orderNumber)).toEqual(["1012"]);
    }
    expect((await allPages({ q: "%" }, 100)).rows).toHaveLength(0);
  });

  it("shows other views: closed requests are not in the decision view", async () => {
    const closed = await allPages({ view: "closed" }, 100);
    expect(closed.rows.map((r) => r.orderNumber).sort()).toEqual(["1007", "1008"]);
    expect(closed.rows.every((r) => r.status === "completed")).toBe(true);
  });

  it("ignores a forged or stale cursor instead of failing", async () => {
    const page = await listRequestQueue(database.db, filters({ cursor: "not-a-cursor" }), {
      limit: 5,
      now: TEST_NOW,
    });
    expect(page.rows).toHaveLength(5);
  });
});

describe("review queue at scale", () => {
  it("serves pages of a 100 000-request queue quickly and caps the count", async () => {
    const ids = (await database.db.select({ id: orders.id }).from(orders)).map((o) => o.id);
    // Bulk insert in SQL: 100 000 pending returns over the demo orders and the last 200 days.
    await database.db.execute(sql`
      insert into requests (order_id, type, status, reason_code, idempotency_key, preview_amount, currency, created_at)
      select (${sql.raw(`array[${ids.map((id) => `'${id}'::uuid`).join(",")}]`)})[1 + (g % ${ids.length})],
             'return', 'pending_review', 'doesnt_fit', 'bulk-' || g, (g * 7919) % 500000, 'NOK',
             ${TEST_NOW.toISOString()}::timestamptz - (g * interval '3 minutes')
      from generate_series(1, 100000) g`);
    await database.db.execute(sql`analyze requests`);

    const time = async (params: Record<string, string>) => {
      const started = performance.now();
      const page = await listRequestQueue(database.db, filters(params), { now: TEST_NOW });
      return { page, ms: performance.now() - started };
    };
    const first = await time({});
    expect(first.page.rows).toHaveLength(50);
    expect(first.page.total).toEqual({ count: QUEUE_COUNT_CAP, capped: true });
    // Deep pages cost what the first page costs: follow the cursor 20 pages in.
    let cursor = first.page.nextCursor!;
    for (let i = 0; i < 20; i++)
      cursor = (await listRequestQueue(database.db, filters({ cursor }), { now: TEST_NOW })).nextCursor!;
    const deep = await time({ cursor });
    const byAmount = await time({ sort: "amount_desc" });
    const search = await time({ q: "frida@example.com" });
    // Generous bounds for a slow CI machine; a full-table sort per page would blow them on PGlite.
    for (const t of [first, deep, byAmount, search]) expect(t.ms).toBeLessThan(3_000);
    expect(search.page.rows.every((r) => r.email === "frida@example.com")).toBe(true);
    await database.db.delete(requests).where(inArray(requests.status, ["pending_review"]));
  }, 180_000);
});
