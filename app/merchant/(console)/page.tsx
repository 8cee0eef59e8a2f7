import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, Panel } from "@/components/console/page-header";
import { actorLabel, eventDetail, eventTitle } from "@/components/console/timeline";
import { cn } from "@/components/ui/cn";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/audit/queries";
import { ATTENTION_COUNT_CAP, formatCount } from "@/lib/console/counts";
import { age } from "@/lib/console/format";
import { getAttentionCounts } from "@/lib/console/queries";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const staff = await requireStaff("viewer");
  const db = await getDb();
  const [counts, store, recent, names] = await Promise.all([
    getAttentionCounts(db),
    getStoreOrThrow(db),
    listAuditEvents(db, { limit: 12 }, { seesStaff: hasRole(staff.role, "owner") }),
    staffNames(db),
  ]);
  const cards = [
    {
      label: "Requests needing a decision",
      value: counts.needsDecision,
      href: "/merchant/requests",
      tone: "amber",
    },
    {
      label: "Returns awaiting the item",
      value: counts.awaitingItem,
      href: "/merchant/requests?view=awaiting",
      tone: "neutral",
    },
    {
      label: "Failed refunds",
      value: counts.failedRefunds,
      href: "/merchant/refunds?status=failed",
      tone: "red",
    },
    {
      label: "Overdue refunds",
      value: counts.overdueRefunds,
      href: "/merchant/refunds?status=overdue",
      tone: "red",
    },
    { label: "Risky open orders", value: counts.riskyOrders, href: "/merchant/risk", tone: "red" },
  ] as const;
  const now = new Date();
  return (
    <>
      <PageHeader
        title={`Good to see you, ${staff.name ?? staff.email}`}
        description={`${store.name} · returns desk`}
      />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {cards.map((c) => (
          <li key={c.label}>
            <Link
              href={c.href}
              className="block rounded-lg border border-stone-200 bg-white p-4 hover:border-brand-600 focus-visible:border-brand-600"
            >
              <span
                className={cn(
                  "block text-2xl font-semibold tabular-nums",
                  c.value > 0 && c.tone === "red" && "text-red-700",
                  c.value > 0 && c.tone === "amber" && "text-amber-700",
                )}
              >
                {formatCount(c.value, ATTENTION_COUNT_CAP)}
              </span>
              <span className="mt-1 block text-sm text-stone-600">{c.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Panel
        title="Recent activity"
        className="mt-6"
        id="recent"
        actions={
          <Link href="/merchant/audit" className="text-sm text-brand-700 hover:underline">
            Audit log
          </Link>
        }
      >
        <ul className="divide-y divide-stone-100 text-sm">
          {recent.rows.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <span>
                <span className="font-medium">{eventTitle(e.type)}</span>
                {e.orderNumber && <span className="text-stone-600"> · #{e.orderNumber}</span>}
                {eventDetail(e) && <span className="text-stone-600"> · {eventDetail(e)}</span>}
              </span>
              <span className="text-xs text-stone-600">
                {actorLabel(e, names)} · {age(e.createdAt, now)} ago
              </span>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}
