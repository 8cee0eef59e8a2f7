// The hourly reconciliation (JOB_SCHEDULES), against the app's gateways.
import { defineJob } from "@/lib/jobs/registry";
import { appGateways } from "@/lib/refunds/gateways";
import { reconcileRefunds } from "./commands";

defineJob(
  "refunds.reconcile",
  async (db) => {
    const report = await reconcileRefunds(db, appGateways(db));
    if (report.flagged || report.errors) console.warn("[aftercare] refund reconciliation", report);
  },
  { retryLimit: 1, expireInSeconds: 30 * 60 },
);
