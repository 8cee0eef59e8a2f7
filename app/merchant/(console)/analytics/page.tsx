import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsCharts } from "@/components/console/analytics-charts";
import { PageHeader } from "@/components/console/page-header";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { PRESETS, parsePeriod } from "@/lib/analytics/period";
import { getAnalyticsReport } from "@/lib/analytics/queries";
import { requireStaff } from "@/lib/auth/session";
import { dateOnly, money } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Analytics" };
export const dynamic = "force-dynamic";

function hours(h: number | null) {
  if (h === null) return "—";
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
}

export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<{ preset?: string; from?: string; to?: string }>;
}) {
  await requireStaff("viewer");
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const period = parsePeriod(await searchParams, store.timeZone);
  const report = await getAnalyticsReport(db, store, period);
  const query = `from=${period.from}&to=${period.to}`;
  const totalRequests = report.series.reduce((n, p) => n + p.requests, 0);
  const tiles = [
    { label: "Requests", value: String(totalRequests) },
    {
      label: "Refunded",
      value: money(report.money.refundedAmount, report.currency),
      hint: `${report.money.refundCount} refunds succeeded`,
    },
    {
      label: "Fees not returned",
      value: money(report.money.feesNotReturned, report.currency),
      hint: "Payment fees the gateway kept on refunded orders",
    },
    {
      label: "Request → refund sent, median",
      value: hours(report.timing.medianHours),
      hint: `${report.timing.count} refunds`,
    },
    { label: "Request → refund sent, p90", value: hours(report.timing.p90Hours) },
  ];
  return (
    <>
      <PageHeader
        title="Analytics"
        description={`${dateOnly(period.from, store.timeZone)} – ${dateOnly(period.to, store.timeZone)} (${store.timeZone})`}
        actions={
          <a href={`/merchant/analytics/export?${query}`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="mb-5 flex flex-wrap items-end gap-3">
        <nav aria-label="Period" className="flex gap-1">
          {Object.keys(PRESETS).map((p) => (
            <Link
              key={p}
              href={`/merchant/analytics?preset=${p}`}
              aria-current={period.preset === p ? "page" : undefined}
              className={cn(buttonClass(period.preset === p ? "primary" : "secondary", "sm"))}
            >
              Last {p.replace("d", " days")}
            </Link>
          ))}
        </nav>
        <form
          method="get"
          action="/merchant/analytics"
          className="flex items-end gap-2"
          aria-label="Custom period"
        >
          <div>
            <label htmlFor="an-from" className="block text-xs font-medium text-stone-600">
              From
            </label>
            <Input id="an-from" type="date" name="from" defaultValue={period.from} className="mt-0.5" />
          </div>
          <div>
            <label htmlFor="an-to" className="block text-xs font-medium text-stone-600">
              To
            </label>
            <Input id="an-to" type="date" name="to" defaultValue={period.to} className="mt-0.5" />
          </div>
          <Button type="submit" size="sm">
            Show
          </Button>
        </form>
      </div>
      <dl className="mb-5 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-lg border border-stone-200 bg-white p-3">
            <dt className="text-xs text-stone-600">{t.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{t.value}</dd>
            {t.hint && <dd className="text-xs text-stone-600">{t.hint}</dd>}
          </div>
        ))}
      </dl>
      <AnalyticsCharts report={report} />
    </>
  );
}
