import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/commands";
import { API_RATE_LIMIT } from "@/lib/api/handler";
import { IDEMPOTENCY_KEY_TTL_HOURS, purgeIdempotencyKeys } from "@/lib/api/idempotency";
import { type Database, setDatabaseForTests } from "@/lib/db";
import { apiIdempotency, apiKeys, events, fulfillments, orders, rateLimits, requests } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { findOrderByNumberAndEmail } from "@/lib/lookup/queries";
import { submitRequest } from "@/lib/requests/commands";
import { createDemoDatabase } from "../fixtures/db";
import { formToken, orderByNumber, wholeOrder } from "../fixtures/engine";
import { ApiClient, apiClientFor, orderPayload } from "./api-harness";

let database: Database;
let api: Awaited<ReturnType<typeof apiClientFor>>;
const system = { type: "system" as const };

beforeAll(async () => {
  database = await createDemoDatabase();
  api = await apiClientFor(database);
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

const eventsOf = async (orderId: string) =>
  (await database.db.select().from(events).where(eq(events.orderId, orderId)).orderBy(events.id)).map(
    (e) => e.type,
  );

describe("API keys", () => {
  it("refuses a missing, unknown or revoked key with 401 and the error shape", async () => {
    const missing = await api.get("/orders/1001", { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await api.get("/orders/1001", { key: "ack_not-a-real-key" })).status).toBe(401);

    const { id, key } = await createApiKey(
      database.db,
      { name: "soon revoked", scopes: ["read"] },
      system,
      DEMO_STORE_ID,
    );
    expect((await api.get("/orders/1001", { key })).status).toBe(200);
    await revokeApiKey(database.db, { apiKeyId: id }, system, DEMO_STORE_ID);
    expect((await api.get("/orders/1001", { key })).body.error.code).toBe("unauthorized");
  });

  it("refuses a write with a read-only key (403) and records when a key was last used", async () => {
    const { id, key } = await createApiKey(
      database.db,
      { name: "reader", scopes: ["read"] },
      system,
      DEMO_STORE_ID,
    );
    const reader = new ApiClient(key);
    const refused = await reader.post("/orders", orderPayload("7001"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect(await database.db.select().from(orders).where(eq(orders.number, "7001"))).toHaveLength(0);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.hash).not.toContain(key);
  });

  it("answers 429 with Retry-After once a key used its minute", async () => {
    const { id, key } = await createApiKey(
      database.db,
      { name: "busy", scopes: ["read"] },
      system,
      DEMO_STORE_ID,
    );
    const busy = new ApiClient(key);
    expect((await busy.get("/orders/1001")).status).toBe(200);
    await database.db
      .update(rateLimits)
      .set({ count: API_RATE_LIMIT.limit })
      .where(eq(rateLimits.key, `api:${id}`));
    const limited = await busy.get("/orders/1001");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // The rest of the minute, plus the moment the full minute takes to weigh less in the next.
    expect(retryAfter).toBeLessThanOrEqual(61);
    expect((await api.get("/orders/1001")).status).toBe(200);
  });
});

describe("POST /orders", () => {
  it("imports an order the shopper can then look up on the portal", async () => {
    const created = await api.post("/orders", orderPayload("5001"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "order",
      number: "5001",
      externalId: "shop-5001",
      financialStatus: "paid",
      fulfillmentStatus: "unfulfilled",
      totals: { subtotal: 119_700, tax: 32_400, shipping: 9_900, total: 162_000, captured: 162_000 },
    });
    expect(created.body.lines).toHaveLength(2);
    const found = await findOrderByNumberAndEmail(
      database.db,
      DEMO_STORE_ID,
      "5001",
      "buyer5001@example.com",
    );
    expect(found).toEqual({ id: created.body.id, number: "5001" });
    const fetched = await api.get("/orders/%235001");
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it("importing the same external id again changes nothing, and then only what changed", async () => {
    const first = await api.post("/orders", orderPayload("5002"));
    const before = await eventsOf(first.body.id);
    const again = await api.post("/orders", orderPayload("5002"));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await eventsOf(first.body.id)).toEqual(before);

    const shippedAt = new Date(Date.now() - 86_400_000).toISOString();
    const updated = await api.post(
      "/orders",
      orderPayload("5002", {
        risk: { level: "medium", reasons: ["address mismatch"] },
        fulfillments: [
          {
            lines: [{ sku: "NS-SWEATER-M", quantity: 1 }],
            carrier: "Posten",
            trackingNumber: "PN1",
            shippedAt,
          },
        ],
      }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ risk: { level: "medium" }, fulfillmentStatus: "partial" });
    expect(updated.body.fulfillments).toHaveLength(1);
    expect(updated.body.lines).toEqual(
      first.body.lines.map((l: { sku: string }) =>
        l.sku === "NS-SWEATER-M" ? { ...l, quantityFulfilled: 1 } : l,
      ),
    );
    const [change] = await database.db
      .select()
      .from(events)
      .where(and(eq(events.orderId, first.body.id), eq(events.type, "order.updated")));
    expect(change!.data).toMatchObject({ changed: ["risk", "fulfillments.0"] });

    // The same fulfilment again, now delivered and with a tracking URL: the same row is updated.
    const deliveredAt = new Date().toISOString();
    const delivered = await api.post(
      "/orders",
      orderPayload("5002", {
        risk: { level: "medium", reasons: ["address mismatch"] },
        fulfillments: [
          {
            lines: [{ sku: "NS-SWEATER-M", quantity: 1 }],
            carrier: "Posten",
            trackingNumber: "PN1",
            trackingUrl: "https://posten.no/t/PN1",
            shippedAt,
            deliveredAt,
          },
        ],
      }),
    );
    expect(delivered.body.fulfillments).toEqual([
      expect.objectContaining({
        id: updated.body.fulfillments[0].id,
        status: "delivered",
        trackingUrl: "https://posten.no/t/PN1",
      }),
    ]);
    const types = await eventsOf(first.body.id);
    expect(types.filter((t) => t === "order.updated")).toHaveLength(2);
    expect(types).toContain("fulfillment.delivered");
  });

  it("refuses to change what the shopper bought (409) and writes nothing", async () => {
    const first = await api.post("/orders", orderPayload("5003"));
    const before = await eventsOf(first.body.id);
    const changed = orderPayload("5003", { email: "someone-else@example.com" });
    (changed.lines as { quantity: number }[])[0]!.quantity = 3;
    const refused = await api.post("/orders", changed);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "conflict",
      fields: { email: expect.any(Array), "lines.0": expect.any(Array) },
    });
    expect((await api.get("/orders/5003")).body).toEqual(first.body);
    expect(await eventsOf(first.body.id)).toEqual(before);
  });

  it("records a later capture and refuses a captured amount going down", async () => {
    const authorized = orderPayload("5004", {
      payment: { ...orderPayload("5004").payment, status: "authorized" },
    });
    const first = await api.post("/orders", authorized);
    expect(first.body).toMatchObject({ financialStatus: "authorized", totals: { captured: 0 } });
    const captured = await api.post("/orders", orderPayload("5004"));
    expect(captured.body).toMatchObject({
      financialStatus: "paid",
      totals: { captured: first.body.totals.total },
    });
    const lower = await api.post(
      "/orders",
      orderPayload("5004", { payment: { ...orderPayload("5004").payment, amount: 100 } }),
    );
    expect(lower.status).toBe(409);
    expect(lower.body.error.fields).toHaveProperty(["payment.amount"]);
  });

  it("refuses an external id whose number belongs to another order", async () => {
    const clash = await api.post("/orders", orderPayload("1001", { externalId: "other-platform-id" }));
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields).toHaveProperty("number");
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, refuses another body with 409", async () => {
    await api.post("/orders", orderPayload("5101"));
    const body = { lines: [{ sku: "NS-SOCKS-2", quantity: 1 }], carrier: "Bring", trackingNumber: "B-1" };
    const headers = { "Idempotency-Key": "fulfil-5101-a" };
    const first = await api.post("/orders/5101/fulfillments", body, { headers });
    expect(first.status).toBe(201);
    // Same body, other key order and spacing: still the same request.
    const replay = await api.request("POST", "/orders/5101/fulfillments", {
      rawBody: JSON.stringify(
        { trackingNumber: "B-1", carrier: "Bring", lines: [{ quantity: 1, sku: "NS-SOCKS-2" }] },
        null,
        2,
      ),
      headers,
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const order = await orderByNumber(database.db, "5101");
    expect(
      await database.db.select().from(fulfillments).where(eq(fulfillments.orderId, order.id)),
    ).toHaveLength(1);

    const other = await api.post(
      "/orders/5101/fulfillments",
      { ...body, trackingNumber: "B-2" },
      { headers },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    expect(
      await database.db.select().from(fulfillments).where(eq(fulfillments.orderId, order.id)),
    ).toHaveLength(1);
  });

  it("stores a refused command's answer too, so a retry gets the same refusal", async () => {
    await api.post("/orders", orderPayload("5102"));
    const headers = { "Idempotency-Key": "too-many-5102" };
    const body = { lines: [{ sku: "NS-SOCKS-2", quantity: 5 }] };
    const first = await api.post("/orders/5102/fulfillments", body, { headers });
    expect(first.status).toBe(422);
    const again = await api.post("/orders/5102/fulfillments", body, { headers });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
  });

  it("concurrent requests with one key make one change", async () => {
    await api.post("/orders", orderPayload("5103"));
    const headers = { "Idempotency-Key": "race-5103" };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post("/orders/5103/fulfillments", { carrier: "Posten" }, { headers }),
      ),
    );
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    const order = await orderByNumber(database.db, "5103");
    expect(
      await database.db.select().from(fulfillments).where(eq(fulfillments.orderId, order.id)),
    ).toHaveLength(1);
  });
  it("forgets keys after the TTL: old rows are purged and the key then makes a new change", async () => {
    await api.post("/orders", orderPayload("5104"));
    const headers = { "Idempotency-Key": "purge-5104" };
    const first = await api.post("/orders/5104/fulfillments", { carrier: "Posten" }, { headers });
    expect(first.status).toBe(201);
    const fresh = await api.post("/orders", orderPayload("5105"), {
      headers: { "Idempotency-Key": "fresh" },
    });
    expect(fresh.status).toBe(201);
    // Age only the first key past the TTL.
    await database.db
      .update(apiIdempotency)
      .set({ createdAt: new Date(Date.now() - (IDEMPOTENCY_KEY_TTL_HOURS + 1) * 3_600_000) })
      .where(eq(apiIdempotency.key, "purge-5104"));

    expect(await purgeIdempotencyKeys(database.db, new Date(), 1)).toBe(1);
    const left = await database.db.select({ key: apiIdempotency.key }).from(apiIdempotency);
    expect(left.map((r) => r.key)).toContain("fresh");
    expect(left.map((r) => r.key)).not.toContain("purge-5104");

    // The forgotten key is a new request now: a second shipment is made, not replayed.
    const again = await api.post("/orders/5104/fulfillments", { carrier: "Posten" }, { headers });
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
  });
});

describe("fulfilments, deliveries and cancels", () => {
  it("fulfils everything left, delivers, and the order becomes returnable", async () => {
    await api.post("/orders", orderPayload("5201"));
    const shipped = await api.post("/orders/5201/fulfillments", {
      carrier: "Posten",
      trackingNumber: "PN-5201",
      shippedAt: new Date().toISOString(),
    });
    expect(shipped.status).toBe(201);
    expect(shipped.body).toMatchObject({
      status: "in_transit",
      orderNumber: "5201",
      lines: [expect.objectContaining({ quantity: 1 }), expect.objectContaining({ quantity: 2 })],
    });
    const delivered = await api.post(`/fulfillments/${shipped.body.id}/delivered`);
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe("delivered");
    expect((await api.get("/orders/5201")).body.fulfillmentStatus).toBe("delivered");
    expect((await api.post("/fulfillments/00000000-0000-4000-8000-000000000000/delivered", {})).status).toBe(
      404,
    );
  });

  it("cancels an unshipped order with a refund, and refuses to cancel it twice", async () => {
    await api.post("/orders", orderPayload("5202"));
    const cancelled = await api.post("/orders/5202/cancel", { reason: "inventory" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "inventory" });
    const refunds = await api.get("/refunds?order=5202");
    expect(refunds.body.data).toEqual([
      expect.objectContaining({
        status: "pending",
        amount: cancelled.body.totals.total,
        orderNumber: "5202",
      }),
    ]);
    const again = await api.post("/orders/5202/cancel", { reason: "inventory" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });
});

describe("requests", () => {
  it("approves and declines requests held for review, through the same commands as the console", async () => {
    const risky = await orderByNumber(database.db, "1005");
    const { requestId } = await submitRequest(
      database.db,
      {
        orderId: risky.id,
        type: "cancellation",
        lines: wholeOrder(risky.lines),
        reasonCode: "changed_mind",
        idempotencyKey: formToken(),
      },
      { type: "shopper" },
    );
    const pending = await api.get(`/requests/${requestId}`);
    expect(pending.body).toMatchObject({
      status: "pending_review",
      orderNumber: "1005",
      type: "cancellation",
      refundId: null,
    });
    const approved = await api.post(`/requests/${requestId}/approve`, { note: "Checked by the fraud tool" });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("refunding");
    expect(approved.body.refundId).toEqual(expect.any(String));
    expect(approved.body.decision).toMatchObject({ outcome: "approve" });
    const refund = await api.get(`/refunds/${approved.body.refundId}`);
    expect(refund.body).toMatchObject({ object: "refund", requestId, status: "pending" });
    const [event] = await database.db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, requestId), eq(events.type, "request.approved")));
    expect(event).toMatchObject({ actorType: "api", actorId: api.keyId });

    const twice = await api.post(`/requests/${requestId}/decline`, { message: "Too late" });
    expect(twice.status).toBe(409);
  });

  it("lists requests newest first with an opaque cursor that pages through all of them", async () => {
    const [{ total }] = (await database.db.select({ total: count() }).from(requests)) as [{ total: number }];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await api.get(
        `/requests?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const filtered = await api.get("/requests?status=pending_review&type=return");
    for (const r of filtered.body.data) expect(r).toMatchObject({ status: "pending_review", type: "return" });
    expect((await api.get("/requests?cursor=bm9wZQ")).status).toBe(422);
    expect((await api.get("/requests?limit=1000")).body.error.fields).toHaveProperty("limit");
    expect((await api.get("/requests?colour=red")).status).toBe(422);
    expect((await api.get("/requests?order=99999")).status).toBe(404);
  });

  it("answers 404 for an unknown request and 422 for a malformed id", async () => {
    expect((await api.get("/requests/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const bad = await api.get("/requests/not-a-uuid");
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty("id");
  });
});

describe("bodies", () => {
  it("answers 400, 413 and 415 with the error shape", async () => {
    const malformed = await api.request("POST", "/orders", { rawBody: "{ not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_json");
    const big = await api.request("POST", "/orders", {
      rawBody: JSON.stringify({ pad: "x".repeat(300 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    const form = await api.request("POST", "/orders", {
      rawBody: "number=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const { rows } = await database.executeSql("select count(*)::int as n from orders where number = '1'");
    expect(rows[0]!.n).toBe(0);
  });
});
