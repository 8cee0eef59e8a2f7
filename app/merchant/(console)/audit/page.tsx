import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/console/date-time";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { actorLabel, eventDetail, eventTitle } from "@/components/console/timeline";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { auditSearch, parseAuditFilters } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/queries";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { humanize } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { ACTOR_TYPES, SUBJECT_TYPES } from "@/lib/db/schema";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

function subjectLink(row: { subjectType: string; subjectId: string; orderNumber: string | null }) {
  if (row.subjectType === "request") return `/merchant/requests/${row.subjectId}`;
  if (row.orderNumber) return `/merchant/orders/${row.orderNumber}`;
  return null;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("viewer");
  const filters = parseAuditFilters(await searchParams);
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const [{ rows, nextCursor }, names] = await Promise.all([
    listAuditEvents(
      db,
      { ...filters, timeZone: store.timeZone },
      { seesStaff: hasRole(staff.role, "owner") },
    ),
    staffNames(db),
  ]);
  const { cursor: _c, ...current } = filters;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every action by staff, rules, the system and payment gateways. Days are in ${store.timeZone}.`}
        actions={
          <a
            href={`/merchant/audit/export${auditSearch(current)}`}
            className={buttonClass("secondary")}
            download
          >
            Export CSV
          </a>
        }
      />
      <form
        method="get"
        action="/merchant/audit"
        role="search"
        aria-label="Filter the audit log"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div>
          <label htmlFor="a-actor" className="block text-xs font-medium text-stone-600">
            Actor
          </label>
          <Select id="a-actor" name="actorType" defaultValue={filters.actorType ?? ""} className="mt-0.5">
            <option value="">Anyone</option>
            {ACTOR_TYPES.map((a) => (
              <option key={a} value={a}>
                {humanize(a)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="a-subject" className="block text-xs font-medium text-stone-600">
            Subject
          </label>
          <Select
            id="a-subject"
            name="subjectType"
            defaultValue={filters.subjectType ?? ""}
            className="mt-0.5"
          >
            <option value="">Anything</option>
            {SUBJECT_TYPES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="a-type" className="block text-xs font-medium text-stone-600">
            Event type
          </label>
          <Input
            id="a-type"
            name="type"
            defaultValue={filters.type}
            placeholder="refund. or order.cancelled"
            className="mt-0.5 w-52"
          />
        </div>
        <div>
          <label htmlFor="a-from" className="block text-xs font-medium text-stone-600">
            From
          </label>
          <Input id="a-from" name="from" type="date" defaultValue={filters.from} className="mt-0.5" />
        </div>
        <div>
          <label htmlFor="a-to" className="block text-xs font-medium text-stone-600">
            To
          </label>
          <Input id="a-to" name="to" type="date" defaultValue={filters.to} className="mt-0.5" />
        </div>
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Link href="/merchant/audit" className={buttonClass("ghost")}>
          Reset
        </Link>
      </form>
      <Table label="Audit events">
        <THead>
          <tr>
            <Th>Time</Th>
            <Th>Actor</Th>
            <Th>Event</Th>
            <Th>Subject</Th>
            <Th>Details</Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && <EmptyRow colSpan={5}>No events match.</EmptyRow>}
          {rows.map((e) => {
            const link = subjectLink(e);
            return (
              <Tr key={e.id}>
                <Td className="text-stone-600">
                  <DateTime value={e.createdAt} timeZone={store.timeZone} />
                </Td>
                <Td>
                  <Badge
                    tone={e.actorType === "staff" ? "brand" : e.actorType === "rule" ? "violet" : "neutral"}
                  >
                    {actorLabel(e, names)}
                  </Badge>
                </Td>
                <Td>
                  <span className="font-medium">{eventTitle(e.type)}</span>
                  <code className="block text-xs text-stone-600 wrap-anywhere">{e.type}</code>
                </Td>
                <Td>
                  {link ? (
                    <Link href={link} className="text-brand-700 hover:underline">
                      {humanize(e.subjectType)}
                      {e.orderNumber ? ` · #${e.orderNumber}` : ""}
                    </Link>
                  ) : (
                    <span>
                      {humanize(e.subjectType)}
                      {e.subjectType === "staff"
                        ? ` · ${names.get(e.subjectId) ?? e.subjectId.slice(0, 8)}`
                        : ""}
                    </span>
                  )}
                </Td>
                <Td className="max-w-96 text-stone-700 wrap-anywhere">
                  {eventDetail(e) ?? <span className="text-stone-500">—</span>}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <Pagination
        summary={`${rows.length} event${rows.length === 1 ? "" : "s"} on this page, newest first`}
        prevHref={filters.cursor ? `/merchant/audit${auditSearch(current)}` : null}
        nextHref={nextCursor ? `/merchant/audit${auditSearch({ ...current, cursor: nextCursor })}` : null}
      />
    </>
  );
}
