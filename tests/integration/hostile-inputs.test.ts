// Input that used to reach the database and fail there (a 500): NUL characters and unpaired
// surrogates, and the same order imported by many writers at once without an Idempotency-Key.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Database, setDatabaseForTests } from "@/lib/db";
import { events, fulfillments, orders } from "@/lib/db/schema";
import { DomainError, parseOrThrow } from "@/lib/errors";
import { createDemoDatabase } from "../fixtures/db";
import { orderByNumber } from "../fixtures/engine";
import { apiClientFor, orderPayload } from "./api-harness";

let database: Database;
let api: Awaited<ReturnType<typeof apiClientFor>>;

beforeAll(async () => {
  database = await createDemoDatabase();
  api = await apiClientFor(database);
});
afterAll(async () => {
  setDatabaseForTests(undefined);
  await database.close();
});

const eventCount = async (orderId: string) =>
  (await database.db.select({ id: events.id }).from(events).where(eq(events.orderId, orderId))).length;

describe("text PostgreSQL cannot store", () => {
  it("refuses a NUL in a tracking number with 422 naming the field, and records nothing", async () => {
    expect((await api.post("/orders", orderPayload("7101"))).status).toBe(201);
    const order = await orderByNumber(database.db, "7101");
    const before = await eventCount(order.id);
    const res = await api.post("/orders/7101/fulfillments", {
      carrier: "Posten",
      trackingNumber: "PN\u00001",
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.fields)).toEqual(["trackingNumber"]);
    expect(await database.db.select().from(fulfillments).where(eq(fulfillments.orderId, order.id))).toEqual(
      [],
    );
    expect(await eventCount(order.id)).toBe(before);
  });

  it("refuses an unpaired surrogate in a cancellation note and in an imported title", async () => {
    expect((await api.post("/orders", orderPayload("7102"))).status).toBe(201);
    const note = await api.post("/orders/7102/cancel", {
      reason: "inventory",
      restock: true,
      refund: true,
      notifyShopper: false,
      note: "out of stock \uD83D",
    });
    expect(note.status).toBe(422);
    expect(Object.keys(note.body.error.fields)).toEqual(["note"]);
    const [order] = await database.db.select().from(orders).where(eq(orders.number, "7102"));
    expect(order!.status).toBe("open");

    const payload = orderPayload("7103");
    payload.lines[0]!.title = "Wool \uDC00 sweater";
    const imported = await api.post("/orders", payload);
    expect(imported.status).toBe(422);
    expect(Object.keys(imported.body.error.fields)).toEqual(["lines.0.title"]);
    expect(await database.db.select().from(orders).where(eq(orders.number, "7103"))).toEqual([]);
  });

  it("keeps paired surrogates (emoji) and other Unicode", async () => {
    const payload = orderPayload("7104");
    payload.lines[0]!.title = "Ullgenser 🧶 毛衣";
    expect((await api.post("/orders", payload)).status).toBe(201);
  });

  it("commands parsing their own input refuse it as a field error", () => {
    const cancellationReasonSchema = z.object({ comment: z.string().max(1000) });
    expect(() => parseOrThrow(cancellationReasonSchema, { comment: "a\u0000b" })).toThrow(DomainError);
    try {
      parseOrThrow(cancellationReasonSchema, { comment: "a\u0000b" });
    } catch (error) {
      expect((error as DomainError).fieldErrors).toEqual({ comment: [expect.stringContaining("NUL")] });
    }
  });
});

describe("the same order imported by many writers at once", () => {
  it("answers every writer with the order: one 201, the rest 200 as a re-import, never a 500", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => api.post("/orders", orderPayload("7201"))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await database.db.select().from(orders).where(eq(orders.number, "7201"))).toHaveLength(1);
  });
});
