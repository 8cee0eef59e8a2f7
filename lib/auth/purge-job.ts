// Hourly (JOB_SCHEDULES): rate-limit counters whose window ended and sign-in links that expired.
import { lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { verificationTokens } from "@/lib/db/schema";
import { defineJob } from "@/lib/jobs/registry";
import { purgeRateLimits } from "@/lib/rate-limit/limiter";

export async function purgeExpiredSignInTokens(db: DbOrTx, now = new Date()): Promise<number> {
  const gone = await db
    .delete(verificationTokens)
    .where(lt(verificationTokens.expires, now))
    .returning({ token: verificationTokens.token });
  return gone.length;
}

defineJob(
  "auth.expired_purge",
  async (db) => {
    await purgeRateLimits(db);
    await purgeExpiredSignInTokens(db);
  },
  { retryLimit: 1, expireInSeconds: 10 * 60 },
);
