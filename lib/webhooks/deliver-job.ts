// webhook.deliver: one delivery per job. Retries with exponential backoff (10 s, 20 s, 40 s, …
// capped at an hour, 9 attempts in about 45 minutes); then the delivery is `failed` in the log,
// where an owner can send it again.
import { defineJob } from "@/lib/jobs/registry";
import { deliverWebhook } from "./deliver";

export const deliverWebhookJob = defineJob(
  "webhook.deliver",
  async (db, data, job) => {
    await deliverWebhook(db, data.deliveryId, job);
  },
  { retryLimit: 8, retryDelay: 10, retryBackoff: true, maxRetryDelay: 60 * 60, expireInSeconds: 120 },
);
