// The hourly reconciliation (JOB_SCHEDULES), against the app's gateways.
import { defineJob } from "@/lib/jobs/registry";
import { appGateways } from "@/lib/refunds/gateways";
import { purgeWebhookEvents } from "@/lib/refunds/webhooks";
import { reconcileRefunds } from "./commands";

defineJob(
  "refunds.reconcile",
  async (db) => {
    await purgeWebhookEvents(db);
    const report = await reconcileRefunds(db, appGateways(db));
    if (report.flagged || report.errors) console.warn("[aftercare] refund reconciliation", report);
  },
  { retryLimit: 1, expireInSeconds: 30 * 60 },
);
