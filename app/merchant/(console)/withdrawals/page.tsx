import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { humanize, money } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { utcSecond } from "@/lib/withdrawals/receipt";
import { createReceiptToken, receiptPath } from "@/lib/withdrawals/receipt-token";
import { getWithdrawalSettings, listWithdrawals, type WithdrawalListRow } from "@/lib/withdrawals/queries";
import { WithdrawalSettingsForm } from "./settings-form";
import { RightsTabs } from "./tabs";

export const metadata: Metadata = { title: "Withdrawals" };
export const dynamic = "force-dynamic";

const ACK_TONE: Record<string, Tone> = { sent: "green", pending: "amber", failed: "red" };

export default async function WithdrawalsPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const staff = await requireStaff("viewer");
  const { before } = await searchParams;
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const db = await getDb();
  const [settings, { rows, nextBefore }] = await Promise.all([
    getWithdrawalSettings(db),
    listWithdrawals(db, { before: beforeDate }),
  ]);
  const secret = env().authSecret;
  return (
    <>
      <PageHeader
        title="Withdrawals"
        description="Withdrawals from the contract (EU CRD Art. 11a) as shoppers submitted them, with the acknowledgement e-mail and what became of each part."
      />
      <RightsTabs current="/merchant/withdrawals" />
      {!settings.withdrawalEnabled && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The withdrawal function is switched off: shoppers see no entry point and the form refuses.
        </p>
      )}
      <Table label="Withdrawals">
        <THead>
          <tr>
            <Th>Submitted (UTC)</Th>
            <Th>Order</Th>
            <Th>Shopper</Th>
            <Th>Items</Th>
            <Th>Acknowledgement</Th>
            <Th>Outcome</Th>
            <Th>Copy</Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && <EmptyRow colSpan={7}>No withdrawals yet.</EmptyRow>}
          {rows.map((w) => (
            <Tr key={w.id}>
              <Td className="whitespace-nowrap tabular-nums">{utcSecond(w.submittedAt)}</Td>
              <Td>
                <Link
                  href={`/merchant/orders/${encodeURIComponent(w.orderNumber)}`}
                  className="font-medium text-brand-700 underline"
                >
                  #{w.orderNumber}
                </Link>
              </Td>
              <Td>
                <span className="block">{w.name}</span>
                <span className="block text-xs text-stone-500">{w.email}</span>
              </Td>
              <Td>
                <span className="block text-xs text-stone-500">
                  {w.scope === "all" ? "Whole order" : "Some items"}
                </span>
                <ul>
                  {w.lines.map((l, i) => (
                    <li key={i}>
                      {l.quantity} × {l.title}{" "}
                      <span className="text-xs text-stone-500">({l.shipped ? "return" : "cancel"})</span>
                    </li>
                  ))}
                </ul>
                {w.reason && <span className="block text-xs text-stone-500">Reason: {w.reason}</span>}
              </Td>
              <Td>
                <Acknowledgement row={w} />
              </Td>
              <Td>
                <Outcome label="Cancellation" part={w.cancellation} />
                <Outcome label="Return" part={w.return} />
              </Td>
              <Td>
                <a
                  href={receiptPath(createReceiptToken(w.id, secret))}
                  className="text-brand-700 underline"
                  download
                >
                  Download
                </a>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {nextBefore && (
        <p className="mt-3 text-sm">
          <Link
            href={`/merchant/withdrawals?before=${encodeURIComponent(nextBefore.toISOString())}`}
            className="text-brand-700 underline"
          >
            Older withdrawals
          </Link>
        </p>
      )}
      <section
        aria-labelledby="withdrawal-settings"
        className="mt-8 max-w-2xl rounded-lg border border-stone-200 bg-white p-5"
      >
        <h2 id="withdrawal-settings" className="text-base font-semibold">
          Settings
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          Stores selling to consumers in the EU/EEA must offer the function. The label is shown on the lookup
          page, every eligible order page and the footer.
        </p>
        <WithdrawalSettingsForm
          canEdit={hasRole(staff.role, "owner")}
          initial={{
            withdrawalEnabled: settings.withdrawalEnabled,
            withdrawalDays: settings.withdrawalDays,
            withdrawalLabels: settings.withdrawalLabels,
            storeCreditEnabled: settings.storeCreditEnabled,
          }}
        />
      </section>
    </>
  );
}

function Acknowledgement({ row }: { row: WithdrawalListRow }) {
  const ack = row.acknowledgement;
  if (!ack) return <Badge tone="red">Missing</Badge>;
  return (
    <span className="space-y-0.5">
      <Badge tone={ACK_TONE[ack.status] ?? "neutral"}>
        {ack.status === "sent" ? (ack.transport === "smtp" ? "E-mailed" : "In outbox") : humanize(ack.status)}
      </Badge>
      {ack.sentAt && (
        <span className="block text-xs text-stone-500 tabular-nums">{utcSecond(ack.sentAt)}</span>
      )}
      <Link href={`/merchant/outbox/${ack.id}`} className="block text-xs text-brand-700 underline">
        View e-mail
      </Link>
    </span>
  );
}

function Outcome({ label, part }: { label: string; part: WithdrawalListRow["cancellation"] }) {
  if (!part) return null;
  return (
    <span className="block text-sm">
      {label}: {humanize(part.status)}
      {part.refund && (
        <span className="block text-xs text-stone-500">
          Refund {money(part.refund.amount, part.refund.currency)} · {humanize(part.refund.status)}
        </span>
      )}
    </span>
  );
}
