// Property-based: bodies that are malformed, carry unknown fields, wrong types, negative amounts
// or are too large get a 4xx with the one error shape, and change nothing in the database.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { type Database, setDatabaseForTests } from "@/lib/db";
import { submitRequest } from "@/lib/requests/commands";
import { createDemoDatabase } from "../fixtures/db";
import { formToken, orderByNumber, wholeOrder } from "../fixtures/engine";
import { apiClientFor, orderPayload } from "./api-harness";

let database: Database;
let api: Awaited<ReturnType<typeof apiClientFor>>;
let pendingRequestId: string;

beforeAll(async () => {
  database = await createDemoDatabase();
  api = await apiClientFor(database);
  expect((await api.post("/orders", orderPayload("6002"))).status).toBe(201);
  const risky = await orderByNumber(database.db, "1005");
  ({ requestId: pendingRequestId } = await submitRequest(
    database.db,
    {
      orderId: risky.id,
      type: "cancellation",
      lines: wholeOrder(risky.lines),
      reasonCode: "changed_mind",
      idempotencyKey: formToken(),
    },
    { type: "shopper" },
  ));
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Valid bodies of each write route; the properties break them. */
const targets = (): { url: string; body: Json }[] => [
  { url: "/orders", body: orderPayload("6001") as unknown as Json },
  {
    url: "/orders/1001/fulfillments",
    body: {
      lines: [{ sku: "NS-SWEATER-M", quantity: 1 }],
      carrier: "Posten",
      trackingNumber: "PN-1",
      shippedAt: "2026-11-20T10:00:00Z",
    },
  },
  {
    url: "/orders/6002/cancel",
    body: { reason: "inventory", restock: true, refund: true, notifyShopper: false, note: "out of stock" },
  },
  {
    url: `/requests/${pendingRequestId}/approve`,
    body: { refund: { customAmount: 1000, reason: "partial goodwill" }, note: "ok" },
  },
  { url: `/requests/${pendingRequestId}/decline`, body: { message: "Sorry, this order has shipped." } },
];

async function fingerprint() {
  const { rows } = await database.executeSql(`
    select (select count(*) from orders)::int as orders, (select count(*) from line_items)::int as lines,
           (select count(*) from fulfillments)::int as fulfillments, (select count(*) from requests where status <> 'pending_review')::int as decided,
           (select count(*) from refunds)::int as refunds, (select coalesce(max(id), 0) from events)::int as last_event,
           (select count(*) from api_idempotency)::int as idempotency`);
  return rows[0];
}

function leafPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >;
  copy[head!] = setAt(copy[head!]!, rest, replacement);
  return copy as Json;
}

const kindOf = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

const anyJson = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
) as fc.Arbitrary<Json>;

const target = fc.integer({ min: 0, max: 4 }).map((i) => targets()[i]!);

async function expectRefused(url: string, call: Parameters<typeof api.request>[2], statuses: number[]) {
  await database.executeSql("delete from rate_limits"); // hundreds of runs, one key: stay under its minute
  const before = await fingerprint();
  const response = await api.request("POST", url, {
    ...call,
    headers: { "Idempotency-Key": formToken(), ...call?.headers },
  });
  expect(statuses).toContain(response.status);
  expect(response.body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
  expect(Object.keys(response.body.error).every((k) => ["code", "message", "fields"].includes(k))).toBe(true);
  expect(await fingerprint()).toEqual(before);
  return response;
}

describe("bad bodies get 4xx and change nothing", () => {
  it("malformed JSON → 400", async () => {
    const notJson = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => {
      if (!s.trim()) return false;
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(target, notJson, async (t, raw) => {
        const response = await expectRefused(t.url, { rawBody: raw }, [400]);
        expect(response.body.error.code).toBe("malformed_json");
      }),
      { numRuns: 40 },
    );
  });

  it("unknown fields anywhere → 422", async () => {
    const key = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !["__proto__", "constructor"].includes(k));
    await fc.assert(
      fc.asyncProperty(target, key, anyJson, fc.nat(), async (t, name, value, pick) => {
        const objects = [[] as (string | number)[], ...leafPaths(t.body).map((p) => p.slice(0, -1))].filter(
          (p) => {
            const v = p.reduce<Json>((acc, k) => (acc as Record<string, Json>)[k]!, t.body);
            return v !== null && typeof v === "object" && !Array.isArray(v) && !Object.hasOwn(v, name);
          },
        );
        fc.pre(objects.length > 0);
        const at = objects[pick % objects.length]!;
        const host = at.reduce<Json>((acc, k) => (acc as Record<string, Json>)[k]!, t.body) as Record<
          string,
          Json
        >;
        await expectRefused(t.url, { body: setAt(t.body, at, { ...host, [name]: value }) }, [422]);
      }),
      { numRuns: 60 },
    );
  });

  it("a value of the wrong type in any field → 422", async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.nat(), anyJson, async (t, pick, value) => {
        const paths = leafPaths(t.body);
        const path = paths[pick % paths.length]!;
        const original = path.reduce<Json>((acc, k) => (acc as Record<string, Json>)[k]!, t.body);
        fc.pre(kindOf(value) !== kindOf(original));
        const response = await expectRefused(t.url, { body: setAt(t.body, path, value) }, [422]);
        expect(response.body.error.fields).toBeDefined();
      }),
      { numRuns: 80 },
    );
  });

  it("a negative amount or quantity → 422", async () => {
    const amounts: [string, (string | number)[]][] = [
      ["/orders", ["lines", 0, "unitPrice"]],
      ["/orders", ["lines", 1, "tax"]],
      ["/orders", ["lines", 0, "quantity"]],
      ["/orders", ["shipping"]],
      ["/orders", ["shippingTax"]],
      ["/orders", ["payment", "amount"]],
      ["/orders/1001/fulfillments", ["lines", 0, "quantity"]],
      [`/requests/${pendingRequestId}/approve`, ["refund", "customAmount"]],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...amounts),
        fc.integer({ min: -1_000_000_000, max: -1 }),
        async ([url, path], amount) => {
          const t = targets().find((x) => x.url === url)!;
          const response = await expectRefused(url, { body: setAt(t.body, path, amount) }, [422]);
          expect(Object.keys(response.body.error.fields)).toContain(path.join("."));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a body over the size limit → 413, whatever it holds", async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.integer({ min: 1, max: 64 * 1024 }),
        fc.boolean(),
        async (t, extra, declare) => {
          const raw = JSON.stringify({ ...(t.body as object), padding: "x".repeat(MAX_BODY_BYTES + extra) });
          const headers: Record<string, string> = declare ? {} : { "content-length": "10" };
          const response = await expectRefused(
            t.url,
            { rawBody: declare ? raw : new TextEncoder().encode(raw), headers },
            [413],
          );
          expect(response.body.error.code).toBe("payload_too_large");
        },
      ),
      { numRuns: 10 },
    );
  });

  it("a body that is not JSON → 415", async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data",
          "application/xml",
        ),
        async (t, type) => {
          await expectRefused(
            t.url,
            { rawBody: JSON.stringify(t.body), headers: { "content-type": type } },
            [415],
          );
        },
      ),
      { numRuns: 10 },
    );
  });

  it("the valid bodies themselves are accepted (so the refusals above are about the breakage)", async () => {
    const accepted = [];
    for (const t of targets().filter((x) => !x.url.endsWith("/decline"))) {
      const response = await api.post(t.url, t.body);
      accepted.push(response.status === 409 ? response.body.error.message : response.status);
    }
    expect(accepted).toEqual([201, 201, 200, 200]);
    const { rows } = await database.executeSql("select count(*)::int as n from orders where number = '6001'");
    expect(rows[0]!.n).toBe(1);
  });
});
