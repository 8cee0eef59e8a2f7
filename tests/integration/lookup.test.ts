// Order lookup against the database: one answer for every wrong pair, limits per client and
// per order number kept in the shared rate_limits table.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { attemptLookup, CLIENT_LIMIT, clientAddress, ORDER_LIMIT } from "@/lib/lookup/attempt";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  await database.close();
});

const attempt = (client: string, number: string, email: string, now = TEST_NOW) =>
  attemptLookup(database.db, { storeId: DEMO_STORE_ID, client, number, email, now });

describe("order lookup", () => {
  it("finds the order only when number and e-mail both match, and answers alike for every wrong pair", async () => {
    expect(await attempt("a", "1001", "ada@example.com")).toMatchObject({
      ok: true,
      order: { number: "1001" },
    });
    expect(await attempt("a", "1001", "someone@example.com")).toEqual({ ok: false, reason: "not_found" });
    expect(await attempt("a", "999999", "ada@example.com")).toEqual({ ok: false, reason: "not_found" });
    expect(await attempt("a", "1002", "bo@example.com")).toEqual({ ok: false, reason: "not_found" });
  });

  it("refuses the eleventh wrong attempt in a row from one client, even with the right e-mail", async () => {
    for (let i = 0; i < CLIENT_LIMIT.limit; i++) {
      expect(await attempt("203.0.113.9", "1001", `guess${i}@example.com`)).toEqual({
        ok: false,
        reason: "not_found",
      });
    }
    const limited = await attempt("203.0.113.9", "1001", "ada@example.com");
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && limited.reason === "rate_limited" && limited.retryAfterMs).toBeGreaterThan(
      0,
    );
    // Another client is not affected by this one's guesses.
    expect(await attempt("198.51.100.4", "1001", "ada@example.com")).toMatchObject({ ok: true });
  });

  it("does not count successful lookups, so a shopper can open their orders as often as they like", async () => {
    for (let i = 0; i < CLIENT_LIMIT.limit * 2; i++) {
      expect(await attempt("203.0.113.10", "1002", "ada@example.com")).toMatchObject({ ok: true });
    }
  });

  it("limits guesses at one order number across many clients", async () => {
    for (let i = 0; i < ORDER_LIMIT.limit; i++) await attempt(`10.0.0.${i}`, "1003", `x${i}@example.com`);
    expect(await attempt("10.0.1.1", "1003", "bo@example.com")).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("opens again when the window has passed", async () => {
    for (let i = 0; i < CLIENT_LIMIT.limit + 1; i++)
      await attempt("203.0.113.11", "1004", `y${i}@example.com`);
    const later = new Date(TEST_NOW.getTime() + CLIENT_LIMIT.windowMs);
    expect(await attempt("203.0.113.11", "1004", "bo@example.com", later)).toMatchObject({ ok: true });
  });

  it("takes the client from the nearest proxy's header", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientAddress(new Headers())).toBe("local");
  });
});
