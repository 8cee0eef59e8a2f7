// The hourly purge: rate-limit counters whose window ended and sign-in links past their expiry
// go; counters still counting and links still valid stay. Run as the scheduled job would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database } from "@/lib/db";
import { rateLimits, verificationTokens } from "@/lib/db/schema";
import { runJobsNow } from "@/lib/jobs/drain";
import { enqueue } from "@/lib/jobs/enqueue";
import { JOB_SCHEDULES } from "@/lib/jobs/names";
import { CLIENT_LIMIT, ORDER_LIMIT } from "@/lib/lookup/attempt";
import { SIGN_IN_LIMIT } from "@/lib/auth/credentials";
import { API_RATE_LIMIT } from "@/lib/api/handler";
import { hit, LONGEST_WINDOW_MS } from "@/lib/rate-limit/limiter";
import { createTestDatabase } from "../fixtures/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HOUR = 3_600_000;

describe("expired rate limits and sign-in links", () => {
  it("every limit's window fits the purge's horizon, and the purge is scheduled", () => {
    for (const rule of [CLIENT_LIMIT, ORDER_LIMIT, SIGN_IN_LIMIT, API_RATE_LIMIT]) {
      expect(rule.windowMs).toBeLessThanOrEqual(LONGEST_WINDOW_MS);
    }
    expect(JOB_SCHEDULES["auth.expired_purge"]).toBeDefined();
  });

  it("drops counters and links that expired, keeps the ones still in force", async () => {
    const now = Date.now();
    await hit(database.db, "lookup:client:old", CLIENT_LIMIT, new Date(now - 2 * HOUR));
    await hit(database.db, "lookup:client:live", CLIENT_LIMIT, new Date(now - 60_000));
    await database.db.insert(verificationTokens).values([
      { identifier: "a@example.com", token: "expired", expires: new Date(now - 60_000) },
      { identifier: "a@example.com", token: "valid", expires: new Date(now + 10 * 60_000) },
    ]);

    await enqueue(database.db, "auth.expired_purge", {});
    const result = await runJobsNow(database, { names: ["auth.expired_purge"] });
    expect(result.runs).toHaveLength(1);

    expect((await database.db.select().from(rateLimits)).map((r) => r.key)).toEqual(["lookup:client:live"]);
    expect((await database.db.select().from(verificationTokens)).map((r) => r.token)).toEqual(["valid"]);
  });
});
