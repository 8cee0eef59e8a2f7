import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/console/date-time";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { humanize } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { listNotifications } from "@/lib/notifications/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Mail outbox" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { pending: "blue", sent: "green", failed: "red" } as const;

export default async function OutboxPage() {
  await requireStaff("viewer");
  const db = await getDb();
  const [rows, store] = await Promise.all([listNotifications(db, { limit: 200 }), getStoreOrThrow(db)]);
  const smtp = Boolean(env().SMTP_URL);
  return (
    <>
      <PageHeader
        title="Mail outbox"
        description={
          smtp
            ? "Every e-mail Aftercare sent through SMTP, newest first."
            : "No SMTP server is configured, so e-mails stay here instead of being sent. Read what shoppers would have received."
        }
      />
      <Table label="E-mails">
        <THead>
          <tr>
            <Th>Created</Th>
            <Th>To</Th>
            <Th>Subject</Th>
            <Th>Template</Th>
            <Th>Status</Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && <EmptyRow colSpan={5}>No e-mails yet.</EmptyRow>}
          {rows.map((n) => (
            <Tr key={n.id}>
              <Td className="text-stone-600">
                <DateTime value={n.createdAt} timeZone={store.timeZone} />
              </Td>
              <Td>
                <span className="block max-w-44 truncate" title={n.to}>
                  {n.to}
                </span>
              </Td>
              <Td>
                <Link
                  href={`/merchant/outbox/${n.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {n.subject}
                </Link>
              </Td>
              <Td>
                <code className="text-xs text-stone-600 wrap-anywhere">{n.template}</code>
              </Td>
              <Td>
                <Badge tone={STATUS_TONE[n.status]}>
                  {n.status === "sent" && n.transport === "outbox" ? "Kept in outbox" : humanize(n.status)}
                </Badge>
                {n.lastError && (
                  <span className="mt-0.5 block max-w-44 truncate text-xs text-red-700" title={n.lastError}>
                    {n.lastError}
                  </span>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
