import { defineJob } from "@/lib/jobs/registry";
import { scanShipBySla } from "./sla";

defineJob(
  "orders.sla_scan",
  async (db) => {
    await scanShipBySla(db);
  },
  { retryLimit: 2, retryDelay: 60 },
);
