import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { QueueFiltersForm } from "@/components/console/queue-filters-form";
import { QueueTable } from "@/components/console/queue-table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { formatCount, QUEUE_COUNT_CAP } from "@/lib/console/counts";
import { parseQueueFilters, queueHref } from "@/lib/console/queue-filters";
import { getDb } from "@/lib/db";
import { listRequestQueue } from "@/lib/requests/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Requests" };
export const dynamic = "force-dynamic";

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("viewer");
  const raw = await searchParams;
  const filters = parseQueueFilters(raw);
  const now = new Date();
  const db = await getDb();
  const [{ rows, nextCursor, total }, store] = await Promise.all([
    listRequestQueue(db, filters, { now }),
    getStoreOrThrow(db),
  ]);
  const params = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  ) as Record<string, string | undefined>;
  return (
    <>
      <PageHeader
        title="Requests"
        description="Cancellations and returns. The queue shows the oldest first so nobody waits longest."
      />
      <QueueFiltersForm filters={filters} />
      <QueueTable rows={rows} canDecide={hasRole(staff.role, "agent")} now={now} timeZone={store.timeZone} />
      <Pagination
        summary={`${formatCount(total, QUEUE_COUNT_CAP)} request${total === 1 ? "" : "s"}${filters.cursor ? " · continued" : ""}`}
        prevHref={filters.cursor ? queueHref({ ...params, cursor: undefined }) : null}
        nextHref={nextCursor ? queueHref({ ...params, cursor: nextCursor }) : null}
      />
    </>
  );
}
