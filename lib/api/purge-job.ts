// Hourly (JOB_SCHEDULES): Idempotency-Key rows older than the TTL are forgotten.
import { defineJob } from "@/lib/jobs/registry";
import { purgeIdempotencyKeys } from "./idempotency";

defineJob(
  "api.idempotency_purge",
  async (db) => {
    await purgeIdempotencyKeys(db);
  },
  { retryLimit: 1, expireInSeconds: 10 * 60 },
);
