// Analytics on the demo data (plus a few requests and refunds at chosen times): every number
// of the report is recomputed here independently — raw rows, bucketed and summed in
// JavaScript — and the CSV export is read back and must equal the report the charts draw.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYTICS_CSV_HEADER, analyticsCsv } from "@/lib/analytics/csv";
import { addDays, bucketFor, type Period, todayIn } from "@/lib/analytics/period";
import { type AnalyticsReport, getAnalyticsReport } from "@/lib/analytics/queries";
import { parseCsv } from "@/lib/console/csv";
import type { Database } from "@/lib/db/client";
import { lineItems, orders, paymentTransactions, refunds, requestItems, requests } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";

const TZ = "Europe/Oslo";
const STORE = { id: DEMO_STORE_ID, currency: "NOK", timeZone: TZ };
const HOUR = 3_600_000;

let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 5 });
  await addActivity();
});
afterAll(async () => {
  await database.close();
});

async function orderByNumber(number: string) {
  const [order] = await database.db.select().from(orders).where(eq(orders.number, number));
  const lines = await database.db.select().from(lineItems).where(eq(lineItems.orderId, order!.id));
  return { order: order!, lines };
}

/** A staff-decided return with a sent refund, a declined one, one just outside the period, and a fee. */
async function addActivity() {
  const { order, lines } = await orderByNumber("1002");
  const at = (ms: number) => new Date(TEST_NOW.getTime() - ms);
  const [staffDecided] = await database.db
    .insert(requests)
    .values({
      orderId: order.id,
      type: "return",
      status: "refunding",
      reasonCode: "damaged",
      idempotencyKey: "analytics-1",
      previewAmount: 10_000,
      currency: "NOK",
      decision: {
        outcome: "review",
        staffUserId: "6f1c1d2e-0000-4000-8000-000000000001",
        explanation: "Checked the photo",
      },
      decidedAt: at(30 * HOUR),
      createdAt: at(50 * HOUR),
    })
    .returning();
  await database.db
    .insert(requestItems)
    .values({ requestId: staffDecided!.id, lineItemId: lines[0]!.id, quantity: 1 });
  await database.db.insert(refunds).values({
    orderId: order.id,
    storeId: order.storeId,
    requestId: staffDecided!.id,
    amount: 10_000,
    currency: "NOK",
    status: "succeeded",
    gateway: "sandbox",
    paymentMethodType: "card",
    idempotencyKey: "analytics-refund-1",
    createdByType: "staff",
    submittedAt: at(29 * HOUR),
    settledAt: at(5 * HOUR),
    createdAt: at(29 * HOUR),
  });
  await database.db
    .update(paymentTransactions)
    .set({ fee: 4_321 })
    .where(eq(paymentTransactions.orderId, order.id));
  const [declined] = await database.db
    .insert(requests)
    .values({
      orderId: order.id,
      type: "return",
      status: "declined",
      reasonCode: "no_longer_needed",
      idempotencyKey: "analytics-2",
      currency: "NOK",
      decision: { outcome: "decline", explanation: "Outside policy" },
      decidedAt: at(3 * HOUR),
      createdAt: at(4 * HOUR),
    })
    .returning();
  await database.db
    .insert(requestItems)
    .values({ requestId: declined!.id, lineItemId: lines[1]!.id, quantity: 1 });
  // 23:30 in Oslo on the day before the period starts: outside it, though the same UTC date.
  const from = period().from;
  await database.db.insert(requests).values({
    orderId: order.id,
    type: "return",
    status: "withdrawn",
    reasonCode: "other",
    idempotencyKey: "analytics-3",
    currency: "NOK",
    createdAt: new Date(`${addDays(from, -1)}T22:30:00Z`),
  });
}

function period(days = 90): Period {
  const to = todayIn(TZ, TEST_NOW);
  const from = addDays(to, -(days - 1));
  return { from, to, bucket: bucketFor(from, to) };
}

const osloDay = (d: Date) => todayIn(TZ, d);
const inPeriod = (d: Date | null, p: Period) => d !== null && osloDay(d) >= p.from && osloDay(d) <= p.to;

/** The bucket a day falls in, computed by calendar arithmetic (not by SQL's date_trunc). */
function bucketOf(day: string, bucket: Period["bucket"]): string {
  if (bucket === "day") return day;
  if (bucket === "month") return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

async function expectedReport(p: Period) {
  const db = database.db;
  const [allRequests, allRefunds, allLines, allOrders, payments, items] = await Promise.all([
    db.select().from(requests),
    db.select().from(refunds),
    db.select().from(lineItems),
    db.select().from(orders),
    db.select().from(paymentTransactions),
    db.select().from(requestItems),
  ]);
  const reqs = allRequests.filter((r) => inPeriod(r.createdAt, p));
  const refs = allRefunds.filter((r) => r.status !== "canceled" && inPeriod(r.createdAt, p));

  const series = new Map<string, { requests: number; refunds: number; refundAmount: number }>();
  for (const r of reqs) {
    const b = bucketOf(osloDay(r.createdAt), p.bucket);
    const point = series.get(b) ?? { requests: 0, refunds: 0, refundAmount: 0 };
    point.requests += 1;
    series.set(b, point);
  }
  for (const r of refs) {
    const b = bucketOf(osloDay(r.createdAt), p.bucket);
    const point = series.get(b) ?? { requests: 0, refunds: 0, refundAmount: 0 };
    point.refunds += 1;
    point.refundAmount += r.amount;
    series.set(b, point);
  }

  const reasons = new Map<string, number>();
  for (const r of reqs)
    reasons.set(`${r.type}:${r.reasonCode}`, (reasons.get(`${r.type}:${r.reasonCode}`) ?? 0) + 1);

  const hours = allRefunds
    .filter((f) => f.requestId && f.submittedAt && inPeriod(f.submittedAt, p))
    .map(
      (f) =>
        (f.submittedAt!.getTime() - allRequests.find((q) => q.id === f.requestId)!.createdAt.getTime()) /
        HOUR,
    );
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

  const succeeded = refs.filter((r) => r.status === "succeeded");
  const refundedOrders = new Set(succeeded.map((r) => r.orderId));
  const fees = payments
    .filter(
      (t) => refundedOrders.has(t.orderId) && ["sale", "capture"].includes(t.kind) && t.status === "success",
    )
    .reduce((n, t) => n + t.fee, 0);

  const periodOrders = new Set(allOrders.filter((o) => inPeriod(o.placedAt, p)).map((o) => o.id));
  const returning = new Set(
    allRequests
      .filter((q) => q.type === "return" && !["declined", "withdrawn"].includes(q.status))
      .map((q) => q.id),
  );
  const rates = new Map<string, { sold: number; returned: number }>();
  for (const l of allLines.filter((l) => periodOrders.has(l.orderId))) {
    const entry = rates.get(l.sku) ?? { sold: 0, returned: 0 };
    entry.sold += l.quantity - l.quantityCancelled;
    entry.returned += items
      .filter((i) => i.lineItemId === l.id && returning.has(i.requestId))
      .reduce((n, i) => n + i.quantity, 0);
    rates.set(l.sku, entry);
  }

  return {
    requests: reqs.length,
    series,
    reasons,
    decidedBy: {
      automatic: reqs.filter((r) => r.decidedAt && !r.decision?.staffUserId).length,
      staff: reqs.filter((r) => r.decidedAt && r.decision?.staffUserId).length,
      undecided: reqs.filter((r) => !r.decidedAt).length,
    },
    timing: {
      count: hours.length,
      medianHours: round(percentileCont(hours, 0.5)),
      p90Hours: round(percentileCont(hours, 0.9)),
    },
    money: {
      refundedAmount: succeeded.reduce((n, r) => n + r.amount, 0),
      refundCount: succeeded.length,
      inFlightAmount: refs
        .filter((r) => r.status === "pending" || r.status === "submitted")
        .reduce((n, r) => n + r.amount, 0),
      feesNotReturned: fees,
    },
    rates: new Map([...rates].filter(([, v]) => v.sold > 0)),
  };
}

function expectMatches(report: AnalyticsReport, expected: Awaited<ReturnType<typeof expectedReport>>) {
  const nonEmpty = report.series.filter((s) => s.requests || s.refunds);
  expect(
    Object.fromEntries(
      nonEmpty.map((s) => [
        s.bucket,
        { requests: s.requests, refunds: s.refunds, refundAmount: s.refundAmount },
      ]),
    ),
  ).toEqual(Object.fromEntries(expected.series));
  expect(report.series.reduce((n, s) => n + s.requests, 0)).toBe(expected.requests);
  expect(report.series.every((s) => s.cancellations + s.returns === s.requests)).toBe(true);
  expect(Object.fromEntries(report.reasons.map((r) => [`${r.type}:${r.reason}`, r.count]))).toEqual(
    Object.fromEntries(expected.reasons),
  );
  expect(report.decidedBy).toEqual(expected.decidedBy);
  expect(report.timing).toEqual(expected.timing);
  expect(report.money).toEqual(expected.money);
  expect(
    Object.fromEntries(report.returnRates.map((r) => [r.sku, { sold: r.sold, returned: r.returned }])),
  ).toEqual(Object.fromEntries(expected.rates));
}

describe("analytics", () => {
  it("matches an independent computation over the last 90 days (weekly buckets)", async () => {
    const p = period(90);
    expect(p.bucket).toBe("week");
    const report = await getAnalyticsReport(database.db, STORE, p);
    const expected = await expectedReport(p);
    expectMatches(report, expected);
    // The demo data has something in every section, so the comparison is not vacuous.
    expect(expected.requests).toBeGreaterThanOrEqual(5);
    expect(report.decidedBy.staff).toBe(1);
    expect(report.timing.count).toBeGreaterThanOrEqual(3);
    expect(report.money.feesNotReturned).toBe(4_321);
    expect(report.returnRates.length).toBeGreaterThan(0);
    // Buckets are contiguous: one per week from the period's first Monday.
    expect(report.series[0]!.bucket).toBe(bucketOf(p.from, "week"));
  });

  it("matches with daily buckets and leaves out the request from just before the period", async () => {
    const p = period(30);
    expect(p.bucket).toBe("day");
    const report = await getAnalyticsReport(database.db, STORE, p);
    expectMatches(report, await expectedReport(p));
    expect(report.series).toHaveLength(30);
    expect(report.reasons.find((r) => r.reason === "other")).toBeUndefined();
  });

  it("exports a CSV whose numbers are exactly the chart data", async () => {
    const report = await getAnalyticsReport(database.db, STORE, period(90));
    const [header, ...rows] = parseCsv(analyticsCsv(report));
    expect(header).toEqual(ANALYTICS_CSV_HEADER);
    const value = (section: string, key: string, metric: string) => {
      const row = rows.find((r) => r[0] === section && r[1] === key && r[2] === metric);
      if (!row) throw new Error(`no CSV row ${section}/${key}/${metric}`);
      return row[3]!;
    };
    for (const p of report.series) {
      expect(Number(value("series", p.bucket, "requests"))).toBe(p.requests);
      expect(Number(value("series", p.bucket, "refunds"))).toBe(p.refunds);
      expect(Number(value("series", p.bucket, "refund_amount_minor"))).toBe(p.refundAmount);
    }
    expect(rows.filter((r) => r[0] === "series")).toHaveLength(report.series.length * 5);
    for (const r of report.reasons)
      expect(Number(value("reasons", `${r.type}:${r.reason}`, "requests"))).toBe(r.count);
    expect(Number(value("decided_by", "automatic", "requests"))).toBe(report.decidedBy.automatic);
    expect(Number(value("decided_by", "staff", "requests"))).toBe(report.decidedBy.staff);
    expect(Number(value("timing", "request_to_refund_sent", "median_hours"))).toBe(report.timing.medianHours);
    expect(Number(value("timing", "request_to_refund_sent", "p90_hours"))).toBe(report.timing.p90Hours);
    expect(Number(value("money", "refunded", "amount_minor"))).toBe(report.money.refundedAmount);
    expect(Number(value("money", "fees_not_returned", "amount_minor"))).toBe(report.money.feesNotReturned);
    for (const r of report.returnRates) {
      expect(Number(value("return_rate", r.sku, "sold"))).toBe(r.sold);
      expect(Number(value("return_rate", r.sku, "returned"))).toBe(r.returned);
      expect(Number(value("return_rate", r.sku, "rate"))).toBe(r.rate);
    }
  });
});
