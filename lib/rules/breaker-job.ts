// Hourly (JOB_SCHEDULES): the circuit breaker's per-minute counters older than the store's window
// (and an hour to spare) are dropped; nothing reads them again.
import { defineJob } from "@/lib/jobs/registry";
import { purgeBreakerMinutes } from "./breaker";

defineJob(
  "rules.breaker_purge",
  async (db) => {
    await purgeBreakerMinutes(db);
  },
  { retryLimit: 1, expireInSeconds: 10 * 60 },
);
