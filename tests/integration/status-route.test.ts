// The status route handler (app/(shop)/orders/[number]/status/route.ts) on a real database: it
// answers only for the order the access cookie grants, the same JSON as a fresh build, and on
// PostgreSQL an unchanged order costs one statement (access check and fingerprint together).
// Only Next's request cookies are stood in for (there is no request outside a server).
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/(shop)/orders/[number]/status/route";
import { createOrderAccessToken, ORDER_ACCESS_COOKIE } from "@/lib/access/order-access";
import { setDatabaseForTests } from "@/lib/db";
import type { Database } from "@/lib/db/client";
import type { OrderStatusPayload } from "@/lib/timeline/model";
import { getOrderStatus } from "@/lib/timeline/queries";
import { countQueries } from "../fixtures/count-queries";
import { createDemoDatabase } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber } from "../fixtures/engine";

const SECRET = "status-route-secret-0123456789abcdef0123";
process.env.AUTH_SECRET = SECRET;

let accessToken: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      accessToken && name === ORDER_ACCESS_COOKIE ? { name, value: accessToken } : undefined,
  }),
  headers: async () => new Headers(),
}));

let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase();
  setDatabaseForTests(database);
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

async function poll(number: string) {
  const request = new NextRequest(`http://localhost/orders/${number}/status`, {
    headers: { "accept-language": "nb-NO,nb;q=0.9" },
  });
  const response = await GET(request, { params: Promise.resolve({ number }) });
  return { status: response.status, body: (await response.json()) as OrderStatusPayload };
}

/** The route's answer against a fresh build, the poll's own clock aside. */
async function expectFreshAnswer(number: string) {
  const order = await orderByNumber(database.db, number);
  const { status, body } = await poll(number);
  expect(status).toBe(200);
  const fresh = await getOrderStatus(database.db, order, "nb", new Date(body.timeline.now));
  expect(body).toEqual(JSON.parse(JSON.stringify(fresh)));
}

describe("status route", () => {
  it("answers 404 without a grant, and for another order's number under this order's cookie", async () => {
    accessToken = undefined;
    expect((await poll("1001")).status).toBe(404);
    const order = await orderByNumber(database.db, "1001");
    accessToken = createOrderAccessToken(order.id, SECRET);
    const other = await poll("1002");
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers the granted order in the shopper's language, and sees a change on the next poll", async () => {
    const order = await orderByNumber(database.db, "1001");
    accessToken = createOrderAccessToken(order.id, SECRET);
    await expectFreshAnswer("1001");
    await expectFreshAnswer("1001");
    await cancelWholeOrder(database.db, order);
    await expectFreshAnswer("1001");
  });

  it("costs one statement for an unchanged order on PostgreSQL", async () => {
    const order = await orderByNumber(database.db, "1002");
    accessToken = createOrderAccessToken(order.id, SECRET);
    await poll("1002");
    const counter = countQueries(database);
    const before = counter.n;
    expect((await poll("1002")).status).toBe(200);
    // PGlite reads what the answer needs (the cache does not pay in-process).
    if (database.driver === "postgres") expect(counter.n - before).toBe(1);
    else expect(counter.n - before).toBeGreaterThan(1);
  });
});
