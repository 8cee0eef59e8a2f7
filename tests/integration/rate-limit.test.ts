// The shared limiter on the real database: a sliding window that cannot be spent twice across a
// boundary, refused attempts that do not prolong the wait, and a purge that keeps what a window
// still needs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";
import { forgive, hit, hitAll, purgeRateLimits, type RateLimit } from "@/lib/rate-limit/limiter";
import { createTestDatabase } from "../fixtures/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const QUARTER: RateLimit = { limit: 10, windowMs: 15 * 60_000 };
const at = (time: string) => new Date(`2026-11-23T${time}Z`);

describe("sliding-window limits", () => {
  it("refuses the eleventh attempt just after a window boundary, where a fixed window would allow ten more", async () => {
    for (let i = 0; i < 10; i++)
      expect((await hit(database.db, "k:boundary", QUARTER, at("12:14:00"))).allowed).toBe(true);
    expect((await hit(database.db, "k:boundary", QUARTER, at("12:14:30"))).allowed).toBe(false);
    const refused = await hit(database.db, "k:boundary", QUARTER, at("12:15:30"));
    expect(refused.allowed).toBe(false);
    // The previous quarter's ten weigh 9 by 12:16:30, so there is room for one then.
    expect(refused.retryAfterMs).toBe(60_000);
    expect((await hit(database.db, "k:boundary", QUARTER, at("12:16:29"))).allowed).toBe(false);
    expect((await hit(database.db, "k:boundary", QUARTER, at("12:16:30"))).allowed).toBe(true);
  });

  it("does not count refused attempts, so hammering does not prolong the wait", async () => {
    for (let i = 0; i < 10; i++) await hit(database.db, "k:hammer", QUARTER, at("13:00:00"));
    for (let s = 1; s < 60; s += 6) {
      const d = await hit(database.db, "k:hammer", QUARTER, new Date(at("13:10:00").getTime() + s * 1000));
      expect(d.allowed).toBe(false);
    }
    const first = await hit(database.db, "k:hammer", QUARTER, at("13:11:00"));
    // This window is full: room comes once its ten weigh nine in the next, at 13:16:30.
    expect(first.retryAfterMs).toBe(5.5 * 60_000);
    expect((await hit(database.db, "k:hammer", QUARTER, at("13:16:30"))).allowed).toBe(true);
  });

  it("refuses a whole attempt when one of its limits does, and counts it nowhere", async () => {
    const tight: RateLimit = { limit: 1, windowMs: 60_000 };
    const slow: RateLimit = { limit: 1, windowMs: 60_000, over: "slow" };
    const pair = [
      { key: "k:pair-client", rule: tight },
      { key: "k:pair-order", rule: slow },
    ];
    expect((await hitAll(database.db, pair, at("14:00:00"))).map((d) => d.allowed)).toEqual([true, true]);
    const second = await hitAll(database.db, pair, at("14:00:01"));
    expect(second.map((d) => d.allowed)).toEqual([false, true]);
    // The "slow" counter counts past its limit on its own, never refuses.
    const alone = await hit(database.db, "k:pair-order", slow, at("14:00:02"));
    expect(alone).toMatchObject({ allowed: true, count: 2 });
  });

  it("takes a forgiven hit back from the window it was counted in", async () => {
    for (let i = 0; i < 10; i++) await hit(database.db, "k:forgive", QUARTER, at("15:14:59"));
    await forgive(database.db, "k:forgive", QUARTER, at("15:14:59"));
    expect((await hit(database.db, "k:forgive", QUARTER, at("15:14:59"))).allowed).toBe(true);
    expect((await hit(database.db, "k:forgive", QUARTER, at("15:15:00"))).allowed).toBe(false);
  });

  it("purges counters only once no window needs them", async () => {
    await database.db.delete(rateLimits);
    await hit(database.db, "k:old", QUARTER, at("10:00:00"));
    await hit(database.db, "k:previous", QUARTER, at("10:20:00"));
    await hit(database.db, "k:hour", { limit: 20, windowMs: 3_600_000 }, at("09:30:00"));
    expect(await purgeRateLimits(database.db, at("10:40:00"))).toBe(1);
    const left = (await database.db.select().from(rateLimits)).map((r) => r.key).sort();
    expect(left).toEqual(["k:hour", "k:previous"]);
  });
});
