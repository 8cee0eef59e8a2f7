import type { Metadata } from "next";
import Link from "next/link";
import {
  FINANCIAL_STATUS,
  FULFILLMENT_STATUS,
  ORDER_STATUS,
  RISK_LEVEL,
  statusOf,
} from "@/components/console/labels";
import { DateTime } from "@/components/console/date-time";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { money } from "@/lib/console/format";
import { listOrders, parseOrderFilters } from "@/lib/console/order-queries";
import { getDb } from "@/lib/db";
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES } from "@/lib/db/schema";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

function href(params: Record<string, string | undefined>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `/merchant/orders?${s}` : "/merchant/orders";
}

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("viewer");
  const filters = parseOrderFilters(await searchParams);
  const db = await getDb();
  const [{ rows, nextCursor }, store] = await Promise.all([listOrders(db, filters), getStoreOrThrow(db)]);
  const { cursor: _c, ...current } = filters;
  return (
    <>
      <PageHeader title="Orders" description="Search by order number or the customer's e-mail." />
      <form
        method="get"
        action="/merchant/orders"
        role="search"
        aria-label="Filter orders"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div>
          <label htmlFor="o-q" className="block text-xs font-medium text-stone-600">
            Search
          </label>
          <Input
            id="o-q"
            name="q"
            defaultValue={filters.q}
            placeholder="#1005 or e-mail"
            className="mt-0.5 w-56"
          />
        </div>
        <div>
          <label htmlFor="o-status" className="block text-xs font-medium text-stone-600">
            Status
          </label>
          <Select id="o-status" name="status" defaultValue={filters.status ?? ""} className="mt-0.5">
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="cancelled">Cancelled</option>
            <option value="closed">Closed</option>
          </Select>
        </div>
        <div>
          <label htmlFor="o-fin" className="block text-xs font-medium text-stone-600">
            Payment
          </label>
          <Select id="o-fin" name="financial" defaultValue={filters.financial ?? ""} className="mt-0.5">
            <option value="">Any</option>
            {FINANCIAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusOf(FINANCIAL_STATUS, s).label}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="o-ful" className="block text-xs font-medium text-stone-600">
            Fulfilment
          </label>
          <Select id="o-ful" name="fulfillment" defaultValue={filters.fulfillment ?? ""} className="mt-0.5">
            <option value="">Any</option>
            {FULFILLMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusOf(FULFILLMENT_STATUS, s).label}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="o-risk" className="block text-xs font-medium text-stone-600">
            Risk
          </label>
          <Select id="o-risk" name="risk" defaultValue={filters.risk ?? ""} className="mt-0.5">
            <option value="">Any</option>
            <option value="elevated">Medium or high</option>
            <option value="high">High</option>
          </Select>
        </div>
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Link href="/merchant/orders" className={buttonClass("ghost")}>
          Reset
        </Link>
      </form>
      <Table label="Orders">
        <THead>
          <tr>
            <Th>Order</Th>
            <Th>Placed</Th>
            <Th align="right">Total</Th>
            <Th align="right">Refunded</Th>
            <Th>Payment · fulfilment</Th>
            <Th>Status</Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && <EmptyRow colSpan={6}>No orders match.</EmptyRow>}
          {rows.map((o) => {
            const fin = statusOf(FINANCIAL_STATUS, o.financialStatus);
            const ful = statusOf(FULFILLMENT_STATUS, o.fulfillmentStatus);
            const st = statusOf(ORDER_STATUS, o.status);
            return (
              <Tr key={o.id} highlight={o.riskLevel === "high" && o.status === "open" ? "red" : undefined}>
                <Td>
                  <Link
                    href={`/merchant/orders/${o.number}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    #{o.number}
                  </Link>
                  <span className="block max-w-40 truncate text-xs text-stone-600" title={o.email}>
                    {o.email}
                  </span>
                </Td>
                <Td>
                  <DateTime value={o.placedAt} timeZone={store.timeZone} />
                </Td>
                <Td align="right">{money(o.total, o.currency)}</Td>
                <Td align="right">{o.refunded ? money(o.refunded, o.currency) : "—"}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={fin.tone}>{fin.label}</Badge>
                    <Badge tone={ful.tone}>{ful.label}</Badge>
                  </div>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={st.tone}>{st.label}</Badge>
                    {o.riskLevel !== "low" && (
                      <Badge tone={statusOf(RISK_LEVEL, o.riskLevel).tone}>
                        {statusOf(RISK_LEVEL, o.riskLevel).label}
                      </Badge>
                    )}
                    {o.openRequests > 0 && <Badge tone="amber">Request waiting</Badge>}
                  </div>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <Pagination
        summary={`${rows.length} order${rows.length === 1 ? "" : "s"} on this page`}
        prevHref={filters.cursor ? href(current) : null}
        nextHref={nextCursor ? href({ ...current, cursor: nextCursor }) : null}
      />
    </>
  );
}
