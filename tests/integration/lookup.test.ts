// Order lookup against the database: one answer for every wrong pair, a limit per client and a
// slow-down per order number kept in the shared rate_limits table.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import {
  attemptLookup,
  CLIENT_LIMIT,
  MAX_SLOW_DOWN_MS,
  ORDER_LIMIT,
  SLOW_DOWN_STEP_MS,
  slowDownFor,
} from "@/lib/lookup/attempt";
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
    expect(await attempt("a", "1001", "someone@example.com")).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect(await attempt("a", "999999", "ada@example.com")).toMatchObject({ ok: false, reason: "not_found" });
    expect(await attempt("a", "1002", "bo@example.com")).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses the eleventh wrong attempt in a row from one client, even with the right e-mail", async () => {
    for (let i = 0; i < CLIENT_LIMIT.limit; i++) {
      expect(await attempt("203.0.113.9", "1001", `guess${i}@example.com`)).toMatchObject({
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

  it("slows wrong answers at one order number past its limit, never refusing the right e-mail", async () => {
    // 25 wrong answers for #1003 from five clients, none over its own limit.
    const delays: number[] = [];
    for (let i = 0; i < ORDER_LIMIT.limit + 5; i++) {
      const outcome = await attempt(`10.0.${i % 5}.1`, "1003", `x${i}@example.com`);
      expect(outcome).toMatchObject({ ok: false, reason: "not_found" });
      delays.push(outcome.ok === false && outcome.reason === "not_found" ? outcome.delayedMs : -1);
    }
    expect(delays.slice(0, ORDER_LIMIT.limit)).toEqual(Array(ORDER_LIMIT.limit).fill(0));
    expect(delays.slice(ORDER_LIMIT.limit)).toEqual([1, 2, 3, 4, 5].map((n) => n * SLOW_DOWN_STEP_MS));
    // The shopper gets in, from a new client or from one of the guessers' under its limit.
    expect(await attempt("10.0.1.99", "1003", "bo@example.com")).toMatchObject({ ok: true });
    expect(await attempt("10.0.0.1", "1003", "bo@example.com")).toMatchObject({ ok: true });
  });

  it("caps the slow-down at two seconds and really waits it", async () => {
    expect(slowDownFor(ORDER_LIMIT.limit)).toBe(0);
    expect(slowDownFor(ORDER_LIMIT.limit + 1)).toBe(SLOW_DOWN_STEP_MS);
    expect(slowDownFor(ORDER_LIMIT.limit * 100)).toBe(MAX_SLOW_DOWN_MS);
    for (let i = 0; i < ORDER_LIMIT.limit; i++) await attempt(`10.1.${i % 3}.1`, "1004", `z${i}@example.com`);
    const started = Date.now();
    await attempt("10.1.9.1", "1004", "wrong@example.com");
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_DOWN_STEP_MS - 5);
  });

  it("opens again as the window slides past the wrong answers", async () => {
    for (let i = 0; i < CLIENT_LIMIT.limit + 1; i++)
      await attempt("203.0.113.11", "1004", `y${i}@example.com`);
    const after = (ms: number) => new Date(TEST_NOW.getTime() + ms);
    // A quarter hour on, all ten still weigh in (the previous window has only just begun to slide).
    expect(
      await attempt("203.0.113.11", "1004", "bo@example.com", after(CLIENT_LIMIT.windowMs)),
    ).toMatchObject({
      reason: "rate_limited",
    });
    expect(
      await attempt("203.0.113.11", "1004", "bo@example.com", after(CLIENT_LIMIT.windowMs * 1.1)),
    ).toMatchObject({ ok: true });
  });
});
