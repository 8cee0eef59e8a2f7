import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/console/date-time";
import { FINANCIAL_STATUS, FULFILLMENT_STATUS, RISK_LEVEL, statusOf } from "@/components/console/labels";
import { CancelAsFraudDialog } from "@/components/console/order-action-dialogs";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { money, reasonLabel } from "@/lib/console/format";
import { listRiskyOrders } from "@/lib/console/order-queries";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Risk" };
export const dynamic = "force-dynamic";

export default async function RiskPage() {
  const staff = await requireStaff("viewer");
  const db = await getDb();
  const [rows, store] = await Promise.all([listRiskyOrders(db), getStoreOrThrow(db)]);
  const canAct = hasRole(staff.role, "agent");
  return (
    <>
      <PageHeader
        title="Risky orders"
        description="Open orders the payment platform flagged. A high-risk order is never cancelled or refunded automatically — not by the rules, the ship-by check, a return's arrival, a withdrawal or a refund retry: it waits in the requests queue for a person. Medium-risk orders follow the rules."
      />
      <Table label="Risky orders">
        <THead>
          <tr>
            <Th>Order</Th>
            <Th>Risk</Th>
            <Th>Why</Th>
            <Th align="right">Total</Th>
            <Th>State</Th>
            <Th>Placed</Th>
            {canAct && <Th>Actions</Th>}
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && <EmptyRow colSpan={canAct ? 7 : 6}>No open orders are flagged.</EmptyRow>}
          {rows.map((o) => {
            const risk = statusOf(RISK_LEVEL, o.riskLevel);
            return (
              <Tr key={o.id} highlight={o.riskLevel === "high" ? "red" : undefined}>
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
                  <Badge tone={risk.tone}>{risk.label}</Badge>
                </Td>
                <Td>
                  <ul className="list-disc pl-4 text-xs text-stone-700">
                    {o.riskReasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </Td>
                <Td align="right">{money(o.total, o.currency)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={statusOf(FINANCIAL_STATUS, o.financialStatus).tone}>
                      {statusOf(FINANCIAL_STATUS, o.financialStatus).label}
                    </Badge>
                    <Badge tone={statusOf(FULFILLMENT_STATUS, o.fulfillmentStatus).tone}>
                      {statusOf(FULFILLMENT_STATUS, o.fulfillmentStatus).label}
                    </Badge>
                  </div>
                  {o.waiting && (
                    <Link
                      href={`/merchant/requests/${o.waiting.id}`}
                      className="mt-1 block text-xs font-medium text-brand-700 hover:underline"
                    >
                      In review: {reasonLabel(o.waiting.reasonCode).toLowerCase()}
                    </Link>
                  )}
                </Td>
                <Td>
                  <DateTime value={o.placedAt} timeZone={store.timeZone} />
                </Td>
                {canAct && (
                  <Td>
                    {o.fulfillmentStatus === "unfulfilled" || o.fulfillmentStatus === "partial" ? (
                      <CancelAsFraudDialog
                        orderId={o.id}
                        orderNumber={o.number}
                        refundable={o.capturedAmount - o.refundedAmount}
                        currency={o.currency}
                        triggerSize="sm"
                      />
                    ) : (
                      <span className="text-xs text-stone-600">Shipped: handle as a return</span>
                    )}
                  </Td>
                )}
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}
