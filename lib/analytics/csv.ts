// The analytics CSV, in long form (section, key, metric, value) — one row per number the
// charts draw, from the same report object, so the export and the charts always agree.
import { type CsvCell, toCsv } from "@/lib/console/csv";
import type { AnalyticsReport } from "./queries";

export const ANALYTICS_CSV_HEADER = ["section", "key", "metric", "value"];

export function analyticsCsvRows(report: AnalyticsReport): CsvCell[][] {
  const rows: CsvCell[][] = [
    ["period", "from", "date", report.period.from],
    ["period", "to", "date", report.period.to],
    ["period", "bucket", "size", report.period.bucket],
    ["period", "currency", "code", report.currency],
  ];
  for (const p of report.series) {
    rows.push(
      ["series", p.bucket, "requests", p.requests],
      ["series", p.bucket, "cancellations", p.cancellations],
      ["series", p.bucket, "returns", p.returns],
      ["series", p.bucket, "refunds", p.refunds],
      ["series", p.bucket, "refund_amount_minor", p.refundAmount],
    );
  }
  for (const r of report.reasons) rows.push(["reasons", `${r.type}:${r.reason}`, "requests", r.count]);
  rows.push(
    ["decided_by", "automatic", "requests", report.decidedBy.automatic],
    ["decided_by", "staff", "requests", report.decidedBy.staff],
    ["decided_by", "undecided", "requests", report.decidedBy.undecided],
    ["timing", "request_to_refund_sent", "count", report.timing.count],
    ["timing", "request_to_refund_sent", "median_hours", report.timing.medianHours],
    ["timing", "request_to_refund_sent", "p90_hours", report.timing.p90Hours],
    ["money", "refunded", "amount_minor", report.money.refundedAmount],
    ["money", "refunded", "count", report.money.refundCount],
    ["money", "in_flight", "amount_minor", report.money.inFlightAmount],
    ["money", "fees_not_returned", "amount_minor", report.money.feesNotReturned],
  );
  for (const p of report.returnRates) {
    rows.push(
      ["return_rate", p.sku, "sold", p.sold],
      ["return_rate", p.sku, "returned", p.returned],
      ["return_rate", p.sku, "rate", p.rate],
    );
  }
  return rows;
}

export const analyticsCsv = (report: AnalyticsReport) =>
  toCsv(ANALYTICS_CSV_HEADER, analyticsCsvRows(report));
