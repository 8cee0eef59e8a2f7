import "server-only";
// The analytics report, computed once per request: the charts and the CSV export both read
// this object, so their numbers cannot disagree.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import type { Period } from "./period";

export type SeriesPoint = {
  bucket: string;
  requests: number;
  cancellations: number;
  returns: number;
  refunds: number;
  refundAmount: number;
};

export type AnalyticsReport = {
  period: Period & { timeZone: string };
  currency: string;
  series: SeriesPoint[];
  reasons: { type: string; reason: string; count: number }[];
  decidedBy: { automatic: number; staff: number; undecided: number };
  timing: { count: number; medianHours: number | null; p90Hours: number | null };
  money: { refundedAmount: number; refundCount: number; inFlightAmount: number; feesNotReturned: number };
  returnRates: { sku: string; title: string; sold: number; returned: number; rate: number }[];
};

type Range = { from: string; to: string; tz: string };

// Instants bounding the period: the store's midnight at the start of `from` and after `to`.
const start = (r: Range) => sql`((${r.from}::date)::timestamp at time zone ${r.tz})`;
const end = (r: Range) => sql`((${r.to}::date + 1)::timestamp at time zone ${r.tz})`;
const within = (column: ReturnType<typeof sql.raw>, r: Range) =>
  sql`${column} >= ${start(r)} and ${column} < ${end(r)}`;

export async function getAnalyticsReport(
  db: DbOrTx,
  store: { id: string; currency: string; timeZone: string },
  period: Period,
): Promise<AnalyticsReport> {
  const r: Range = { from: period.from, to: period.to, tz: store.timeZone };
  const [series, reasons, decidedBy, timing, money, returnRates] = await Promise.all([
    seriesOf(db, r, period.bucket),
    reasonsOf(db, r),
    decidedByOf(db, r),
    timingOf(db, r),
    moneyOf(db, r),
    returnRatesOf(db, r),
  ]);
  return {
    period: { ...period, timeZone: store.timeZone },
    currency: store.currency,
    series,
    reasons,
    decidedBy,
    timing,
    money,
    returnRates,
  };
}

async function seriesOf(db: DbOrTx, r: Range, bucket: Period["bucket"]): Promise<SeriesPoint[]> {
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`'1 ${bucket}'`);
  const rows = rowsOf(
    await db.execute(sql`
      with buckets as (
        select generate_series(date_trunc(${unit}, ${r.from}::date), ${r.to}::date, ${step}::interval)::date as bucket
      ),
      req as (
        select date_trunc(${unit}, (created_at at time zone ${r.tz}))::date as bucket,
               count(*)::int as requests,
               count(*) filter (where type = 'cancellation')::int as cancellations,
               count(*) filter (where type = 'return')::int as returns
        from requests where ${within(sql.raw("created_at"), r)} group by 1
      ),
      ref as (
        select date_trunc(${unit}, (created_at at time zone ${r.tz}))::date as bucket,
               count(*)::int as refunds, coalesce(sum(amount), 0)::bigint as amount
        from refunds where status <> 'canceled' and ${within(sql.raw("created_at"), r)} group by 1
      )
      select to_char(b.bucket, 'YYYY-MM-DD') as bucket,
             coalesce(req.requests, 0) as requests, coalesce(req.cancellations, 0) as cancellations,
             coalesce(req.returns, 0) as returns, coalesce(ref.refunds, 0) as refunds,
             coalesce(ref.amount, 0) as amount
      from buckets b left join req using (bucket) left join ref using (bucket)
      order by b.bucket`),
  );
  return rows.map((row) => ({
    bucket: String(row.bucket),
    requests: Number(row.requests),
    cancellations: Number(row.cancellations),
    returns: Number(row.returns),
    refunds: Number(row.refunds),
    refundAmount: Number(row.amount),
  }));
}

async function reasonsOf(db: DbOrTx, r: Range) {
  const rows = rowsOf(
    await db.execute(sql`
      select type, reason_code, count(*)::int as n from requests
      where ${within(sql.raw("created_at"), r)}
      group by type, reason_code order by n desc, type, reason_code`),
  );
  return rows.map((row) => ({
    type: String(row.type),
    reason: String(row.reason_code),
    count: Number(row.n),
  }));
}

/** Who decided the requests made in the period: a rule, a staff member, or nobody yet. */
async function decidedByOf(db: DbOrTx, r: Range) {
  const [row] = rowsOf(
    await db.execute(sql`
      select
        count(*) filter (where decided_at is not null and decision->>'staffUserId' is null)::int as automatic,
        count(*) filter (where decided_at is not null and decision->>'staffUserId' is not null)::int as staff,
        count(*) filter (where decided_at is null)::int as undecided
      from requests where ${within(sql.raw("created_at"), r)}`),
  );
  return {
    automatic: Number(row?.automatic ?? 0),
    staff: Number(row?.staff ?? 0),
    undecided: Number(row?.undecided ?? 0),
  };
}

/** Hours from a request to its refund being sent to the gateway, for refunds sent in the period. */
async function timingOf(db: DbOrTx, r: Range) {
  const [row] = rowsOf(
    await db.execute(sql`
      select count(*)::int as n,
        percentile_cont(0.5) within group (order by hours) as median,
        percentile_cont(0.9) within group (order by hours) as p90
      from (
        select extract(epoch from (f.submitted_at - q.created_at)) / 3600.0 as hours
        from refunds f join requests q on q.id = f.request_id
        where f.submitted_at is not null and ${within(sql.raw("f.submitted_at"), r)}
      ) t`),
  );
  const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return { count: Number(row?.n ?? 0), medianHours: round(row?.median), p90Hours: round(row?.p90) };
}

async function moneyOf(db: DbOrTx, r: Range) {
  const [row] = rowsOf(
    await db.execute(sql`
      with period_refunds as (
        select * from refunds where status <> 'canceled' and ${within(sql.raw("created_at"), r)}
      )
      select
        coalesce(sum(amount) filter (where status = 'succeeded'), 0)::bigint as refunded,
        (count(*) filter (where status = 'succeeded'))::int as refund_count,
        coalesce(sum(amount) filter (where status in ('pending', 'submitted')), 0)::bigint as in_flight,
        (select coalesce(sum(t.fee), 0)::bigint from payment_transactions t
          where t.kind in ('sale', 'capture') and t.status = 'success'
            and t.order_id in (select order_id from period_refunds where status = 'succeeded')) as fees
      from period_refunds`),
  );
  return {
    refundedAmount: Number(row?.refunded ?? 0),
    refundCount: Number(row?.refund_count ?? 0),
    inFlightAmount: Number(row?.in_flight ?? 0),
    feesNotReturned: Number(row?.fees ?? 0),
  };
}

/** Units asked back (returns not declined or withdrawn) per unit sold, for orders placed in the period. */
async function returnRatesOf(db: DbOrTx, r: Range) {
  const rows = rowsOf(
    await db.execute(sql`
      select l.sku, min(l.title) as title,
        sum(l.quantity - l.quantity_cancelled)::int as sold,
        coalesce(sum(ret.qty), 0)::int as returned
      from line_items l
      join orders o on o.id = l.order_id
      left join (
        select i.line_item_id, sum(i.quantity) as qty from request_items i
        join requests q on q.id = i.request_id
        where q.type = 'return' and q.status not in ('declined', 'withdrawn')
        group by i.line_item_id
      ) ret on ret.line_item_id = l.id
      where ${within(sql.raw("o.placed_at"), r)}
      group by l.sku
      having sum(l.quantity - l.quantity_cancelled) > 0
      order by coalesce(sum(ret.qty), 0)::float / sum(l.quantity - l.quantity_cancelled) desc, l.sku`),
  );
  return rows.map((row) => {
    const sold = Number(row.sold);
    const returned = Number(row.returned);
    return {
      sku: String(row.sku),
      title: String(row.title),
      sold,
      returned,
      rate: sold ? Math.round((returned / sold) * 1000) / 1000 : 0,
    };
  });
}
