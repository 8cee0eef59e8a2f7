import type { Metadata } from "next";
import Link from "next/link";
import { fallbackSummary, REFUND_STATUS, statusOf } from "@/components/console/labels";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { DateTime } from "@/components/console/date-time";
import {
  OfflineRefundDialog,
  ReleaseRefundDialog,
  RetryJobButton,
  RetryRefundButton,
} from "@/components/console/refund-actions";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { dateOnly, dateTime, humanize, money } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { moneyStateForRefunds } from "@/lib/fallbacks/queries";
import { CLAIM_TIMEOUT_MS } from "@/lib/refunds/commands";
import {
  countRefundsByView,
  listDeadJobs,
  listRefunds,
  REFUND_VIEWS,
  type RefundView,
  refundFiltersSchema,
  refundOrders,
} from "@/lib/refunds/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Refunds" };
export const dynamic = "force-dynamic";

const VIEW_LABELS: Record<RefundView, string> = {
  attention: "Needs attention",
  overdue: "Overdue",
  pending: "Pending",
  submitted: "Sent to bank",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
  all: "All",
};

/** A live claim: a worker is sending the refund right now (a stale one may be taken over). */
const claimedNow = (claimedAt: Date | null) =>
  claimedAt !== null && Date.now() - claimedAt.getTime() < CLAIM_TIMEOUT_MS;

const href = (status: string, cursor?: string) =>
  `/merchant/refunds?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;

export default async function RefundsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; cursor?: string }>;
}) {
  const staff = await requireStaff("viewer");
  const filters = refundFiltersSchema.parse(await searchParams);
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const tz = store.timeZone;
  const [{ rows, nextCursor }, counts, names, deadJobs] = await Promise.all([
    listRefunds(db, filters),
    countRefundsByView(db),
    staffNames(db),
    listDeadJobs(db),
  ]);
  const canAct = hasRole(staff.role, "agent");
  const canRelease = hasRole(staff.role, "owner");
  const moneyStates = await moneyStateForRefunds(
    db,
    rows.filter((r) => r.status !== "succeeded" || r.offline).map((r) => r.id),
  );
  const jobRefunds = await refundOrders(
    db,
    deadJobs
      .map((j) => (j.data as { refundId?: string } | null)?.refundId)
      .filter((id): id is string => typeof id === "string"),
  );

  return (
    <>
      <PageHeader
        title="Refund monitor"
        description="Every refund by status. Failed refunds show the reason (the bank's, or why no gateway can send it); overdue ones are still unconfirmed one business day after they were sent (longer where the gateway documents a longer window)."
      />
      <nav aria-label="Refund views" className="mb-4 flex flex-wrap gap-1 border-b border-stone-200">
        {REFUND_VIEWS.map((view) => (
          <Link
            key={view}
            href={href(view)}
            aria-current={filters.status === view ? "page" : undefined}
            className={cn(
              "-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm",
              filters.status === view
                ? "border-brand-700 font-medium text-brand-900"
                : "border-transparent text-stone-600 hover:text-stone-900",
            )}
          >
            {VIEW_LABELS[view]}
            <span
              className={cn(
                "rounded-full px-1.5 text-xs tabular-nums",
                (view === "failed" || view === "overdue" || view === "attention") && counts[view] > 0
                  ? "bg-red-100 text-red-800"
                  : "bg-stone-100 text-stone-600",
              )}
            >
              {counts[view]}
            </span>
          </Link>
        ))}
      </nav>
      <Table label={`Refunds: ${VIEW_LABELS[filters.status]}`}>
        <THead>
          <tr>
            <Th>Order</Th>
            <Th align="right">Amount</Th>
            <Th>Status</Th>
            <Th>Method</Th>
            <Th>Expected arrival</Th>
            <Th>Created</Th>
            <Th>By</Th>
            {canAct && <Th>Actions</Th>}
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && (
            <EmptyRow colSpan={canAct ? 8 : 7}>
              {filters.status === "attention"
                ? "Nothing needs attention: no failed, unsendable or overdue refunds."
                : "No refunds here."}
            </EmptyRow>
          )}
          {rows.map((r) => {
            const s = statusOf(REFUND_STATUS, r.status);
            const choice = fallbackSummary(moneyStates.get(r.id)?.fallback);
            return (
              <Tr key={r.id} highlight={r.status === "failed" ? "red" : r.overdue ? "amber" : undefined}>
                <Td>
                  <Link
                    href={`/merchant/orders/${r.orderNumber}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    #{r.orderNumber}
                  </Link>
                  <span className="block max-w-40 truncate text-xs text-stone-600" title={r.email}>
                    {r.email}
                  </span>
                </Td>
                <Td align="right">{money(r.amount, r.currency)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={s.tone}>{s.label}</Badge>
                    {r.overdue && <Badge tone="amber">Overdue</Badge>}
                    {r.offline && <Badge>Offline</Badge>}
                    {r.status === "canceled" && r.gatewayStatus === "canceled" && (
                      <Badge tone="red">Canceled by the gateway</Badge>
                    )}
                  </div>
                  {r.overdue && r.confirmBy && (
                    <p className="mt-1 text-xs text-amber-800">
                      Unconfirmed since {dateTime(r.confirmBy, tz)}
                    </p>
                  )}
                  {r.status === "failed" && (
                    <p className="mt-1 max-w-56 text-xs text-red-800">
                      {r.failureReason ?? "No reason given"}
                      {r.failureCode && (
                        <code className="block text-red-600 wrap-anywhere">{r.failureCode}</code>
                      )}
                    </p>
                  )}
                  {r.attempts > 1 && <p className="text-xs text-stone-600">{r.attempts} attempts</p>}
                  {choice && (
                    <p className="mt-1 max-w-64 text-xs">
                      <Badge tone={choice.tone}>{choice.text}</Badge>
                    </p>
                  )}
                </Td>
                <Td>
                  {humanize(r.paymentMethodType)}
                  <span className="block text-xs text-stone-600">{r.gateway}</span>
                </Td>
                <Td>
                  {r.settledAt
                    ? `Settled ${dateOnly(r.settledAt, tz)}`
                    : r.expectedFrom
                      ? `${dateOnly(r.expectedFrom, tz)} – ${dateOnly(r.expectedTo, tz)}`
                      : "—"}
                </Td>
                <Td>
                  <DateTime value={r.createdAt} timeZone={tz} />
                </Td>
                <Td>
                  {r.createdByType === "staff" && r.createdById
                    ? (names.get(r.createdById) ?? "Staff")
                    : humanize(r.createdByType)}
                </Td>
                {canAct && (
                  <Td>
                    <div className="flex flex-wrap items-start gap-2">
                      {r.status === "failed" && (
                        <RetryRefundButton refundId={r.id} orderNumber={r.orderNumber} />
                      )}
                      {(r.status === "failed" || (r.status === "pending" && !claimedNow(r.claimedAt))) && (
                        <OfflineRefundDialog
                          refundId={r.id}
                          orderNumber={r.orderNumber}
                          amount={r.amount}
                          currency={r.currency}
                        />
                      )}
                      {r.status === "failed" && canRelease && (
                        <ReleaseRefundDialog
                          refundId={r.id}
                          orderNumber={r.orderNumber}
                          amount={r.amount}
                          currency={r.currency}
                        />
                      )}
                    </div>
                  </Td>
                )}
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <Pagination
        summary={`${counts[filters.status]} refund${counts[filters.status] === 1 ? "" : "s"}`}
        prevHref={filters.cursor ? href(filters.status) : null}
        nextHref={nextCursor ? href(filters.status, nextCursor) : null}
      />

      <section aria-labelledby="jobs-heading" className="mt-8">
        <h2 id="jobs-heading" className="text-base font-semibold">
          Jobs that used up their retries
        </h2>
        <p className="mb-2 text-sm text-stone-600">
          Background work (refund submissions, e-mails, webhooks) that failed on every attempt. Fix the cause,
          then retry.
        </p>
        <Table label="Failed jobs">
          <THead>
            <tr>
              <Th>Job</Th>
              <Th>Subject</Th>
              <Th>Last error</Th>
              <Th align="right">Attempts</Th>
              <Th>Failed</Th>
              {canAct && <Th>Actions</Th>}
            </tr>
          </THead>
          <TBody>
            {deadJobs.length === 0 && <EmptyRow colSpan={canAct ? 6 : 5}>No failed jobs.</EmptyRow>}
            {deadJobs.map((j) => {
              const refundId = (j.data as { refundId?: string } | null)?.refundId;
              const number = refundId ? jobRefunds.get(refundId) : undefined;
              return (
                <Tr key={j.id}>
                  <Td>
                    <code className="text-xs">{j.name}</code>
                  </Td>
                  <Td>
                    {number ? (
                      <Link href={`/merchant/orders/${number}`} className="text-brand-700 hover:underline">
                        Refund on #{number}
                      </Link>
                    ) : (
                      <code className="text-xs text-stone-600">{JSON.stringify(j.data)}</code>
                    )}
                  </Td>
                  <Td className="max-w-80 text-xs text-red-800">{j.error ?? "—"}</Td>
                  <Td align="right">{j.attempts}</Td>
                  <Td className="whitespace-nowrap">{dateTime(j.failedAt, tz)}</Td>
                  {canAct && (
                    <Td>
                      <RetryJobButton jobId={j.id} />
                    </Td>
                  )}
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </section>
    </>
  );
}
