// The review queue on a real database: each filter, search by number or e-mail, keyset pages
// that list every request once in order for every sort, counts that are exact below their cap
// and say "10,000+" / "999+" past it, and a queue of 100 000 requests whose pages still come
// back fast.
import { and, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTENTION_COUNT_CAP, formatCount, QUEUE_COUNT_CAP } from "@/lib/console/counts";
import { getAttentionCounts } from "@/lib/console/queries";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import type { Database } from "@/lib/db/client";
import { orders, requests } from "@/lib/db/schema";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { listRequestQueue } from "@/lib/requests/queries";
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
    // #1013 is high risk, held by the ship-by check.
    const elevated = await allPages({ risk: "elevated" }, 100);
    expect(elevated.rows.map((r) => r.orderNumber).sort()).toEqual(["1012", "1013"]);
    expect((await allPages({ risk: "high" }, 100)).rows.map((r) => r.orderNumber)).toEqual(["1013"]);
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

/** An uncapped count(*), to check the capped ones against. */
async function exactCount(query: SQL): Promise<number> {
  const [row] = rowsOf(await database.db.execute(query));
  return Number(row?.n);
}

const needingDecision = () =>
  exactCount(sql`select count(*)::int as n from requests where status in ('pending_review', 'submitted')`);

/** `n` more returns waiting for a decision, over the generated orders. */
async function addPending(n: number, key: string) {
  const ids = (await database.db.select({ id: orders.id }).from(orders)).map((o) => o.id);
  await database.db.insert(requests).values(
    Array.from({ length: n }, (_, i) => ({
      orderId: ids[i % ids.length]!,
      type: "return" as const,
      status: "pending_review" as const,
      reasonCode: "doesnt_fit",
      idempotencyKey: `${key}-${i}`,
      previewAmount: 1_000,
      currency: "NOK",
      createdAt: TEST_NOW,
    })),
  );
}

describe("queue and attention counts", () => {
  it("counts the queue exactly below the cap: one page, later pages, and filters on the order", async () => {
    const n = await needingDecision();
    expect((await listRequestQueue(database.db, filters(), { limit: 100, now: TEST_NOW })).total).toBe(n);
    const first = await listRequestQueue(database.db, filters(), { limit: 7, now: TEST_NOW });
    expect(first.total).toBe(n);
    const second = await listRequestQueue(database.db, filters({ cursor: first.nextCursor! }), {
      limit: 7,
      now: TEST_NOW,
    });
    expect(second.total).toBe(n);
    expect(formatCount(second.total, QUEUE_COUNT_CAP)).toBe(String(n));

    // A filter on the order joins orders in the count too.
    const generated = await database.db
      .update(orders)
      .set({ riskLevel: "high" })
      .where(and(sql`${orders.number}::int < 1000`, eq(orders.riskLevel, "low"), like(orders.number, "%1")))
      .returning({ id: orders.id });
    const risky = await exactCount(sql`
      select count(*)::int as n from requests r join orders o on o.id = r.order_id
      where r.status in ('pending_review', 'submitted') and o.risk_level = 'high'`);
    expect(risky).toBeGreaterThan(2);
    const page = await listRequestQueue(database.db, filters({ risk: "high" }), { limit: 2, now: TEST_NOW });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBe(risky);
    await database.db
      .update(orders)
      .set({ riskLevel: "low" })
      .where(
        inArray(
          orders.id,
          generated.map((o) => o.id),
        ),
      );
  });

  it("counts what needs attention exactly below the cap", async () => {
    const awaiting = eq(requests.idempotencyKey, "queue-1");
    await database.db.update(requests).set({ status: "awaiting_item" }).where(awaiting);
    const counts = await getAttentionCounts(database.db);
    expect(counts).toEqual({
      needsDecision: await needingDecision(),
      failedRefunds: await exactCount(sql`select count(*)::int as n from refunds where status = 'failed'`),
      overdueRefunds: await exactCount(
        sql`select count(*)::int as n from refunds where status in ('pending', 'submitted') and expected_to < current_date`,
      ),
      riskyOrders: await exactCount(
        sql`select count(*)::int as n from orders where risk_level <> 'low' and status = 'open'`,
      ),
      awaitingItem: await exactCount(
        sql`select count(*)::int as n from requests where status = 'awaiting_item'`,
      ),
    });
    expect(counts.needsDecision).toBeGreaterThan(50);
    expect(counts.awaitingItem).toBeGreaterThan(0);
    expect(counts.failedRefunds).toBeGreaterThan(0);
    expect(counts.riskyOrders).toBeGreaterThan(0);
    await database.db.update(requests).set({ status: "pending_review" }).where(awaiting);
  });

  it("shows 999 requests needing a decision as 999 and one more as 999+", async () => {
    await addPending(ATTENTION_COUNT_CAP - (await needingDecision()), "edge");
    const at = await getAttentionCounts(database.db);
    expect(at.needsDecision).toBe(ATTENTION_COUNT_CAP);
    expect(formatCount(at.needsDecision, ATTENTION_COUNT_CAP)).toBe("999");

    await addPending(1, "edge-over");
    const over = await getAttentionCounts(database.db);
    expect(over.needsDecision).toBe(ATTENTION_COUNT_CAP + 1);
    expect(formatCount(over.needsDecision, ATTENTION_COUNT_CAP)).toBe("999+");

    await database.db.delete(requests).where(like(requests.idempotencyKey, "edge-%"));
    expect(await needingDecision()).toBeLessThan(ATTENTION_COUNT_CAP);
  });
});

describe("review queue at scale", () => {
  it("serves pages of a 100 000-request queue quickly and caps the count", async () => {
    const ids = (await database.db.select({ id: orders.id }).from(orders)).map((o) => o.id);
    // Bulk insert in SQL: 100 000 pending returns over the demo orders and the last 200 days;
    // exactly 10 000 of them with one reason and 10 001 with another, to meet the count's cap.
    await database.db.execute(sql`
      insert into requests (order_id, type, status, reason_code, idempotency_key, preview_amount, currency, created_at)
      select (${sql.raw(`array[${ids.map((id) => `'${id}'::uuid`).join(",")}]`)})[1 + (g % ${ids.length})],
             'return', 'pending_review',
             case when g <= 10000 then 'at_cap' when g <= 20001 then 'over_cap' else 'doesnt_fit' end,
             'bulk-' || g, (g * 7919) % 500000, 'NOK',
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
    expect(first.page.total).toBe(QUEUE_COUNT_CAP + 1);
    expect(formatCount(first.page.total, QUEUE_COUNT_CAP)).toBe("10,000+");
    const atCap = await time({ reason: "at_cap" });
    expect(atCap.page.total).toBe(QUEUE_COUNT_CAP);
    expect(formatCount(atCap.page.total, QUEUE_COUNT_CAP)).toBe("10,000");
    expect((await time({ reason: "over_cap" })).page.total).toBe(QUEUE_COUNT_CAP + 1);
    const attention = await getAttentionCounts(database.db);
    expect(attention.needsDecision).toBe(ATTENTION_COUNT_CAP + 1);
    expect(formatCount(attention.needsDecision, ATTENTION_COUNT_CAP)).toBe("999+");
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
