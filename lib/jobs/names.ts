// Every job the app runs, by name, with the payload each one carries. One union so a typo in
// `enqueue(tx, "refund.submitt", …)` is a type error, and so queues can be created up front.
export const JOB_NAMES = [
  "refund.submit",
  "refund.refresh",
  "refunds.sweep",
  "orders.sla_scan",
  "notification.deliver",
  "webhook.deliver",
  "rules.breaker_check",
  "refunds.reconcile",
  "api.idempotency_purge",
  "rules.breaker_purge",
  "auth.expired_purge",
] as const;

export type JobName = (typeof JOB_NAMES)[number];

type NoData = Record<string, never>;

/** The payload of each job. Keep payloads to ids: the handler reloads the rows it needs. */
export type JobPayloads = {
  "refund.submit": { refundId: string };
  "refund.refresh": { refundId: string };
  "refunds.sweep": NoData;
  "orders.sla_scan": NoData;
  "notification.deliver": { notificationId: string };
  "webhook.deliver": { deliveryId: string };
  "rules.breaker_check": { storeId: string };
  "refunds.reconcile": NoData;
  "api.idempotency_purge": NoData;
  "rules.breaker_purge": NoData;
  "auth.expired_purge": NoData;
};

/** Recurring jobs (cron, UTC). Scheduled only once a handler for the job is registered. */
export const JOB_SCHEDULES: Partial<Record<JobName, string>> = {
  "refunds.sweep": "* * * * *",
  "orders.sla_scan": "*/5 * * * *",
  "refunds.reconcile": "17 * * * *",
  "api.idempotency_purge": "41 * * * *",
  "rules.breaker_purge": "53 * * * *",
  "auth.expired_purge": "29 * * * *",
};

export const isJobName = (v: unknown): v is JobName => JOB_NAMES.includes(v as JobName);
