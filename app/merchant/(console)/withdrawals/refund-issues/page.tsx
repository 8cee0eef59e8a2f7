import type { Metadata } from "next";
import Link from "next/link";
import { FALLBACK_CHOICE } from "@/components/console/labels";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { dateTime, humanize, money } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { listFallbacksForStaff, listHeldRefunds, listMismatchedRefunds } from "@/lib/fallbacks/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { RightsTabs } from "../tabs";
import { NoteDialog, ResendLinkButton } from "./issue-actions";

export const metadata: Metadata = { title: "Refund fallbacks, holds and mismatches" };
export const dynamic = "force-dynamic";

const orderLink = (number: string) => (
  <Link
    href={`/merchant/orders/${encodeURIComponent(number)}`}
    className="font-medium text-brand-700 underline"
  >
    #{number}
  </Link>
);

/** Money that needs a person: fallbacks waiting on staff, possible double payments, held and mismatched refunds. */
export default async function RefundIssuesPage() {
  const staff = await requireStaff("viewer");
  const canAct = hasRole(staff.role, "agent");
  const db = await getDb();
  const [store, fallbacks, held, mismatched] = await Promise.all([
    getStoreOrThrow(db),
    listFallbacksForStaff(db),
    listHeldRefunds(db),
    listMismatchedRefunds(db),
  ]);
  const tz = store.timeZone;
  return (
    <>
      <PageHeader
        title="Refund fallbacks, holds and mismatches"
        description="Refunds the bank refused and what the shopper chose instead, refunds held because the payment is disputed, and refunds the gateway disagrees about."
      />
      <RightsTabs current="/merchant/withdrawals/refund-issues" />

      <h2 className="mt-6 mb-2 text-base font-semibold">Shopper fallbacks</h2>
      <Table label="Shopper fallbacks">
        <THead>
          <tr>
            <Th>Order</Th>
            <Th align="right">Amount</Th>
            <Th>Bank said</Th>
            <Th>Shopper&rsquo;s choice</Th>
            <Th>Refund</Th>
            {canAct && <Th>Actions</Th>}
          </tr>
        </THead>
        <TBody>
          {fallbacks.length === 0 && (
            <EmptyRow colSpan={canAct ? 6 : 5}>No failed refunds waiting on a choice or on staff.</EmptyRow>
          )}
          {fallbacks.map((f) => {
            const flagged = f.flaggedAt && !f.flagResolvedAt;
            return (
              <Tr
                key={f.id}
                highlight={
                  flagged
                    ? "red"
                    : f.choice === "bank_transfer" && f.status === "chosen"
                      ? "amber"
                      : undefined
                }
              >
                <Td>{orderLink(f.orderNumber)}</Td>
                <Td align="right" className="tabular-nums">
                  {money(f.amount, f.currency)}
                </Td>
                <Td>{humanize(f.failureCode)}</Td>
                <Td>
                  <Badge tone={f.status === "open" ? "amber" : f.status === "chosen" ? "blue" : "neutral"}>
                    {f.status === "open"
                      ? `Waiting for the shopper (until ${dateTime(f.expiresAt, tz)})`
                      : f.choice
                        ? (FALLBACK_CHOICE[f.choice] ?? humanize(f.choice))
                        : humanize(f.status)}
                  </Badge>
                  {f.choice === "bank_transfer" && f.iban && (
                    <span className="mt-1 block text-xs">
                      {f.accountHolder} · <span className="font-mono">{f.iban}</span>
                    </span>
                  )}
                  {flagged && (
                    <span className="mt-1 block text-xs font-medium text-red-800">⚠ {f.flagReason}</span>
                  )}
                </Td>
                <Td>{humanize(f.refundStatus)}</Td>
                {canAct && (
                  <Td>
                    <div className="flex flex-wrap gap-2">
                      {f.status === "chosen" && f.choice === "bank_transfer" && (
                        <NoteDialog
                          kind="bank"
                          id={f.id}
                          title={`Record the bank transfer for #${f.orderNumber}`}
                          description={`Send ${money(f.amount, f.currency)} to ${f.accountHolder} (${f.iban}) first, then record it here. The refund is marked as paid offline.`}
                          trigger="Record transfer…"
                        />
                      )}
                      {f.status === "open" && <ResendLinkButton fallbackId={f.id} />}
                      {flagged && (
                        <NoteDialog
                          kind="flag"
                          id={f.id}
                          title={`Resolve the possible double payment on #${f.orderNumber}`}
                          description={f.flagReason ?? ""}
                          trigger="Resolve…"
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

      <h2 className="mt-8 mb-2 text-base font-semibold">Held refunds (disputed payments)</h2>
      <Table label="Held refunds">
        <THead>
          <tr>
            <Th>Order</Th>
            <Th align="right">Amount</Th>
            <Th>Status</Th>
            <Th>Held since</Th>
            <Th>Why</Th>
            {canAct && <Th>Actions</Th>}
          </tr>
        </THead>
        <TBody>
          {held.length === 0 && <EmptyRow colSpan={canAct ? 6 : 5}>No refunds on hold.</EmptyRow>}
          {held.map((r) => (
            <Tr key={r.id}>
              <Td>{orderLink(r.orderNumber)}</Td>
              <Td align="right" className="tabular-nums">
                {money(r.amount, r.currency)}
              </Td>
              <Td>{humanize(r.status)}</Td>
              <Td>{dateTime(r.heldAt, tz)}</Td>
              <Td>{r.holdReason}</Td>
              {canAct && (
                <Td>
                  <NoteDialog
                    kind="hold"
                    id={r.id}
                    title={`Release the hold on #${r.orderNumber}`}
                    description="Only when the dispute is settled and the refund should still be paid: a pending refund is submitted right away."
                    trigger="Release…"
                  />
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>

      <h2 className="mt-8 mb-2 text-base font-semibold">Reconciliation mismatches</h2>
      <p className="mb-2 text-sm text-stone-600">
        Checked hourly against the gateway. A mismatch clears itself once both sides agree.
      </p>
      <Table label="Reconciliation mismatches">
        <THead>
          <tr>
            <Th>Order</Th>
            <Th align="right">Amount</Th>
            <Th>Here</Th>
            <Th>At the gateway</Th>
            <Th>Found</Th>
            <Th>Gateway refund</Th>
          </tr>
        </THead>
        <TBody>
          {mismatched.length === 0 && (
            <EmptyRow colSpan={6}>Aftercare and the gateway agree on every recent refund.</EmptyRow>
          )}
          {mismatched.map((r) => (
            <Tr key={r.id} highlight="red">
              <Td>{orderLink(r.orderNumber)}</Td>
              <Td align="right" className="tabular-nums">
                {money(r.amount, r.currency)}
              </Td>
              <Td>{humanize(r.mismatch!.ours)}</Td>
              <Td>
                {humanize(r.mismatch!.theirs)}
                {r.mismatch!.detail && (
                  <span className="block text-xs text-stone-500">{r.mismatch!.detail}</span>
                )}
              </Td>
              <Td>{dateTime(r.mismatch!.detectedAt, tz)}</Td>
              <Td className="font-mono text-xs">{r.gatewayRefundId}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
