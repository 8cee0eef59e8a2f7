// notification.deliver: one e-mail per job. Retries with backoff (30 s, 1 min, 2 min, … capped at
// 30 min); after the sixth failed attempt the outbox row is `failed` with the last error.
import { defineJob } from "@/lib/jobs/registry";
import { deliverNotification } from "./commands";

export const deliverNotificationJob = defineJob(
  "notification.deliver",
  (db, data, job) => deliverNotification(db, data.notificationId, job),
  { retryLimit: 5, retryDelay: 30, retryBackoff: true, maxRetryDelay: 30 * 60, expireInSeconds: 5 * 60 },
);
