"use client";
// Charts for the analytics report (recharts). Each chart has a data table behind a
// disclosure, so the numbers are readable without the picture.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import { humanize, money, reasonLabel } from "@/lib/console/format";
import type { AnalyticsReport } from "@/lib/analytics/queries";
import { currencyMinorDigits } from "@/lib/money";

const BRAND = "#1f5f57";
const AMBER = "#d97706";
const SKY = "#0284c7";
const STONE = "#a8a29e";
const VIOLET = "#7c3aed";

function ChartCard({ title, children, table }: { title: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-4" aria-label={title}>
      <figcaption className="mb-3 text-sm font-semibold text-stone-900">{title}</figcaption>
      {/* recharts' accessibility layer makes each chart keyboard-navigable, with its title. */}
      <div className="h-64">{children}</div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-stone-600">Show the numbers</summary>
        <div className="mt-2 max-h-64 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

function DataTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-xs">
      <thead className="text-left text-stone-600">
        <tr>
          {head.map((h, i) => (
            <th key={h} className={i ? "py-1 text-right font-medium" : "py-1 font-medium"}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} className={j ? "py-1 text-right tabular-nums" : "py-1"}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Legend labels in body text colour: the series colours are too light for small text.
const legendText = (value: string) => <span className="text-stone-700">{value}</span>;

const shortDate = (bucket: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${bucket}T00:00:00Z`),
  );

export function AnalyticsCharts({ report }: { report: AnalyticsReport }) {
  const { currency } = report;
  const scale = 10 ** currencyMinorDigits(currency);
  const major = (minor: number) => minor / scale;
  const series = report.series.map((p) => ({
    ...p,
    label: shortDate(p.bucket),
    refundMajor: major(p.refundAmount),
  }));
  const decided = [
    { name: "By rules", value: report.decidedBy.automatic, color: BRAND },
    { name: "By staff", value: report.decidedBy.staff, color: AMBER },
    { name: "Not decided yet", value: report.decidedBy.undecided, color: STONE },
  ];
  const reasons = report.reasons.map((r) => ({
    ...r,
    label: `${reasonLabel(r.reason)} (${r.type === "return" ? "return" : "cancel"})`,
  }));
  const rates = report.returnRates
    .slice(0, 12)
    .map((r) => ({ ...r, percent: Math.round(r.rate * 1000) / 10 }));

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        title={`Requests and refunds per ${report.period.bucket}`}
        table={
          <DataTable
            head={[humanize(report.period.bucket), "Requests", "Cancellations", "Returns", "Refunds"]}
            rows={report.series.map((p) => [p.bucket, p.requests, p.cancellations, p.returns, p.refunds])}
          />
        }
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            title="Requests and refunds"
            data={series}
            margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
          >
            <CartesianGrid stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Line
              type="monotone"
              dataKey="requests"
              name="Requests"
              stroke={AMBER}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="refunds"
              name="Refunds"
              stroke={BRAND}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title={`Refund amount per ${report.period.bucket} (${currency})`}
        table={
          <DataTable
            head={[humanize(report.period.bucket), "Refunds", "Amount"]}
            rows={report.series.map((p) => [p.bucket, p.refunds, money(p.refundAmount, currency)])}
          />
        }
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart title="Refund amount" data={series} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => money(Math.round(Number(v) * scale), currency)} />
            <Bar dataKey="refundMajor" name="Refunded" fill={BRAND} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title="Reasons"
        table={<DataTable head={["Reason", "Requests"]} rows={reasons.map((r) => [r.label, r.count])} />}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            title="Reasons"
            data={reasons}
            layout="vertical"
            margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke="#e7e5e4" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="count" name="Requests" isAnimationActive={false}>
              {reasons.map((r) => (
                <Cell key={r.label} fill={r.type === "return" ? SKY : VIOLET} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title="Who decided"
        table={<DataTable head={["Decided", "Requests"]} rows={decided.map((d) => [d.name, d.value])} />}
      >
        <ResponsiveContainer width="100%" height="100%">
          <PieChart title="Who decided">
            <Pie
              data={decided}
              dataKey="value"
              nameKey="name"
              innerRadius="55%"
              outerRadius="85%"
              isAnimationActive={false}
            >
              {decided.map((d) => (
                <Cell key={d.name} fill={d.color} />
              ))}
            </Pie>
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          </PieChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title="Return rate by product"
        table={
          <DataTable
            head={["Product", "Sold", "Returned", "Rate"]}
            rows={report.returnRates.map((r) => [
              `${r.title} (${r.sku})`,
              r.sold,
              r.returned,
              `${(r.rate * 100).toFixed(1)} %`,
            ])}
          />
        }
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            title="Return rate by product"
            data={rates}
            layout="vertical"
            margin={{ top: 4, right: 12, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke="#e7e5e4" horizontal={false} />
            <XAxis type="number" unit=" %" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="title" width={150} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => `${v} %`} />
            <Bar dataKey="percent" name="Return rate" fill={SKY} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
