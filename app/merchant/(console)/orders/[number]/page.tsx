import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  fallbackSummary,
  FINANCIAL_STATUS,
  FULFILLMENT_STATUS,
  ORDER_STATUS,
  REFUND_STATUS,
  REQUEST_STATUS,
  RISK_LEVEL,
  statusOf,
} from "@/components/console/labels";
import {
  CancelAsFraudDialog,
  CancelOrderDialog,
  ManualRefundDialog,
} from "@/components/console/order-action-dialogs";
import { Facts, PageHeader, Panel } from "@/components/console/page-header";
import { RevokeOrderLinks } from "@/components/console/revoke-order-links";
import { Timeline } from "@/components/console/timeline";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { dateOnly, dateTime, humanize, money, reasonLabel } from "@/lib/console/format";
import { getOrderForStaff } from "@/lib/console/order-queries";
import { getDb } from "@/lib/db";
import { moneyStateForRefunds } from "@/lib/fallbacks/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";
import { decodeParam } from "@/lib/text";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ number: string }>;
}): Promise<Metadata> {
  return { title: `Order #${decodeParam((await params).number) ?? ""}` };
}

export default async function OrderPage({ params }: { params: Promise<{ number: string }> }) {
  const staff = await requireStaff("viewer");
  const number = decodeParam((await params).number);
  if (number === null) notFound();
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const [data, names] = await Promise.all([getOrderForStaff(db, store.id, number), staffNames(db)]);
  if (!data) notFound();
  const { order, lines } = data;
  const moneyStates = await moneyStateForRefunds(
    db,
    data.refunds.map((r) => r.id),
  );
  const tz = store.timeZone;
  const canAct = hasRole(staff.role, "agent");
  const refundable = order.capturedAmount - order.refundedAmount;
  const openUnits = lines.reduce((n, l) => n + l.quantity - l.quantityCancelled - l.quantityFulfilled, 0);
  const pendingFulfillments = data.fulfillments.filter((f) => f.status === "pending").length;
  const refundableOrder = {
    lines: lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountAllocation: l.discountAllocation,
      taxAllocation: l.taxAllocation,
      quantityRefunded: l.quantityRefunded,
    })),
    shippingTotal: order.shippingTotal,
    shippingTaxTotal: order.shippingTaxTotal,
    shippingRefunded: order.shippingRefunded,
    capturedAmount: order.capturedAmount,
    refundedAmount: order.refundedAmount,
  };
  const st = statusOf(ORDER_STATUS, order.status);
  const fin = statusOf(FINANCIAL_STATUS, order.financialStatus);
  const ful = statusOf(FULFILLMENT_STATUS, order.fulfillmentStatus);
  const risk = statusOf(RISK_LEVEL, order.riskLevel);
  const method = data.payment?.paymentMethod;

  return (
    <>
      <PageHeader
        back={{ href: "/merchant/orders", label: "Orders" }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            Order #{order.number}
            <Badge tone={st.tone}>{st.label}</Badge>
            <Badge tone={fin.tone}>{fin.label}</Badge>
            <Badge tone={ful.tone}>{ful.label}</Badge>
            {order.riskLevel !== "low" && <Badge tone={risk.tone}>{risk.label}</Badge>}
          </span>
        }
        description={`${order.email} · placed ${dateTime(order.placedAt, tz)}`}
        actions={
          canAct && order.status === "open" ? (
            <>
              <ManualRefundDialog
                orderId={order.id}
                orderNumber={order.number}
                currency={order.currency}
                order={refundableOrder}
                canExceedStoreMax={hasRole(staff.role, "owner")}
                lines={lines
                  .filter((l) => l.quantity - l.quantityRefunded > 0)
                  .map((l) => ({
                    lineItemId: l.id,
                    title: l.title,
                    sku: l.sku,
                    max: l.quantity - l.quantityRefunded,
                    initial: 0,
                    restockable: l.restockable,
                    note: `${l.quantity - l.quantityRefunded} refundable`,
                  }))}
              />
              {openUnits > 0 && (
                <CancelOrderDialog
                  orderId={order.id}
                  orderNumber={order.number}
                  refundable={refundable}
                  currency={order.currency}
                  openUnits={openUnits}
                  pendingFulfillments={pendingFulfillments}
                />
              )}
              {order.riskLevel !== "low" && openUnits > 0 && (
                <CancelAsFraudDialog
                  orderId={order.id}
                  orderNumber={order.number}
                  refundable={refundable}
                  currency={order.currency}
                />
              )}
            </>
          ) : null
        }
      />
      {order.status === "cancelled" && (
        <p className="mb-4 rounded-md border border-stone-200 bg-white px-4 py-2 text-sm">
          Cancelled {dateTime(order.cancelledAt, tz)} · reason:{" "}
          <strong>{humanize(order.cancelReason ?? "unknown")}</strong>
        </p>
      )}
      {order.riskLevel !== "low" && order.riskReasons.length > 0 && (
        <div
          role="note"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <p className="font-medium">{risk.label}: held from automation</p>
          <ul className="mt-1 list-disc pl-5">
            {order.riskReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-5">
          <section aria-labelledby="lines-heading">
            <h2 id="lines-heading" className="mb-2 text-sm font-semibold">
              Items
            </h2>
            <Table label="Items">
              <THead>
                <tr>
                  <Th>Item</Th>
                  <Th align="right">Qty</Th>
                  <Th align="right">Cancelled</Th>
                  <Th align="right">Shipped</Th>
                  <Th align="right">Returned</Th>
                  <Th align="right">Refunded</Th>
                  <Th align="right">Restocked</Th>
                  <Th align="right">Line total</Th>
                </tr>
              </THead>
              <TBody>
                {lines.map((l) => (
                  <Tr key={l.id}>
                    <Td className="min-w-48">
                      <span className="block font-medium">{l.title}</span>
                      <span className="text-xs text-stone-600">
                        {l.sku}
                        {l.variantTitle ? ` · ${l.variantTitle}` : ""}
                      </span>
                      <div className="mt-0.5 flex gap-1">
                        {l.finalSale && <Badge tone="red">Final sale</Badge>}
                        {!l.restockable && <Badge>Not restockable</Badge>}
                      </div>
                    </Td>
                    <Td align="right">{l.quantity}</Td>
                    <Td align="right">{l.quantityCancelled || "—"}</Td>
                    <Td align="right">{l.quantityFulfilled || "—"}</Td>
                    <Td align="right">{l.quantityReturned || "—"}</Td>
                    <Td align="right">{l.quantityRefunded || "—"}</Td>
                    <Td align="right">{l.quantityRestocked || "—"}</Td>
                    <Td align="right">
                      {money(
                        l.unitPrice * l.quantity - l.discountAllocation + l.taxAllocation,
                        order.currency,
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>

          {data.requests.length > 0 && (
            <Panel title="Requests" id="requests">
              <ul className="divide-y divide-stone-100 text-sm">
                {data.requests.map((r) => {
                  const s = statusOf(REQUEST_STATUS, r.status);
                  return (
                    <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span>
                        <Link
                          href={`/merchant/requests/${r.id}`}
                          className="font-medium text-brand-700 hover:underline"
                        >
                          {humanize(r.type)}
                        </Link>{" "}
                        · {reasonLabel(r.reasonCode)} · {r.items.reduce((n, i) => n + i.quantity, 0)} item(s)
                        · {dateTime(r.createdAt, tz)}
                      </span>
                      <Badge tone={s.tone}>{s.label}</Badge>
                    </li>
                  );
                })}
              </ul>
            </Panel>
          )}

          {data.refunds.length > 0 && (
            <section aria-labelledby="refunds-heading">
              <h2 id="refunds-heading" className="mb-2 text-sm font-semibold">
                Refunds
              </h2>
              <Table label="Refunds">
                <THead>
                  <tr>
                    <Th>Created</Th>
                    <Th align="right">Amount</Th>
                    <Th>Status</Th>
                    <Th>Expected</Th>
                    <Th>By</Th>
                    <Th>Note</Th>
                  </tr>
                </THead>
                <TBody>
                  {data.refunds.map((r) => {
                    const s = statusOf(REFUND_STATUS, r.status);
                    const choice = fallbackSummary(moneyStates.get(r.id)?.fallback);
                    return (
                      <Tr key={r.id} highlight={r.status === "failed" ? "red" : undefined}>
                        <Td className="whitespace-nowrap">{dateTime(r.createdAt, tz)}</Td>
                        <Td align="right">{money(r.amount, r.currency)}</Td>
                        <Td>
                          <Badge tone={s.tone}>{s.label}</Badge>
                          {r.failureReason && (
                            <span className="mt-0.5 block text-xs text-red-700">{r.failureReason}</span>
                          )}
                          {choice && (
                            <span className="mt-1 block text-xs">
                              <Badge tone={choice.tone}>{choice.text}</Badge>
                            </span>
                          )}
                        </Td>
                        <Td className="whitespace-nowrap">
                          {r.expectedFrom
                            ? `${dateOnly(r.expectedFrom, tz)} – ${dateOnly(r.expectedTo, tz)}`
                            : "—"}
                        </Td>
                        <Td>
                          {r.createdByType === "staff" && r.createdById
                            ? (names.get(r.createdById) ?? "Staff")
                            : humanize(r.createdByType)}
                        </Td>
                        <Td className="max-w-56 truncate" title={r.note ?? undefined}>
                          {r.note ?? "—"}
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            </section>
          )}

          <Panel title="Timeline" id="timeline">
            <Timeline events={data.timeline} names={names} timeZone={tz} currency={order.currency} />
          </Panel>
        </div>

        <div className="space-y-5">
          <Panel title="Money" id="money">
            <Facts
              items={[
                ["Subtotal", money(order.subtotal, order.currency)],
                ["Discounts", money(-order.discountTotal, order.currency)],
                ["Shipping", money(order.shippingTotal + order.shippingTaxTotal, order.currency)],
                ["Tax", money(order.taxTotal, order.currency)],
                ["Total", <strong key="t">{money(order.total, order.currency)}</strong>],
                ["Captured", money(order.capturedAmount, order.currency)],
                ["Refunded", money(order.refundedAmount, order.currency)],
                ["Refundable", money(refundable, order.currency)],
              ]}
            />
          </Panel>
          <Panel title="Payment" id="payment">
            {data.payment && method ? (
              <Facts
                items={[
                  ["Method", `${humanize(method.type)}${method.brand ? ` (${method.brand})` : ""}`],
                  ...(method.last4 ? ([["Card", `•••• ${method.last4}`]] as [string, string][]) : []),
                  ...(method.wallet ? ([["Wallet", method.wallet]] as [string, string][]) : []),
                  ...(method.bank ? ([["Bank", method.bank]] as [string, string][]) : []),
                  ["Gateway", data.payment.gateway],
                  [
                    "Reference",
                    <code key="ref" className="text-xs">
                      {data.payment.gatewayReference ?? "—"}
                    </code>,
                  ],
                  ["Fee kept", money(data.payment.fee, order.currency)],
                ]}
              />
            ) : (
              <p className="text-sm text-stone-600">No payment recorded.</p>
            )}
          </Panel>
          <Panel title="Order links" id="order-links">
            <p className="text-sm text-stone-700">
              Every e-mail about this order carries a link that opens its page for the shopper, as a lookup
              does. Revoke them if an e-mail reached the wrong person; later e-mails carry new links.
            </p>
            {order.linksRevokedAt && (
              <p className="mt-2 text-sm text-stone-600">
                Links sent before {dateTime(order.linksRevokedAt, tz)} are revoked.
              </p>
            )}
            {canAct && <RevokeOrderLinks orderId={order.id} />}
          </Panel>
          <Panel title="Shipments" id="shipments">
            {data.fulfillments.length === 0 ? (
              <p className="text-sm text-stone-600">Nothing shipped yet.</p>
            ) : (
              <ul className="space-y-3 text-sm">
                {data.fulfillments.map((f) => (
                  <li key={f.id}>
                    <p className="font-medium">
                      {humanize(f.status)}
                      {f.carrier ? ` · ${f.carrier}` : ""}
                    </p>
                    {f.trackingNumber && (
                      <p className="text-xs text-stone-600">Tracking {f.trackingNumber}</p>
                    )}
                    <p className="text-xs text-stone-600">
                      {f.shippedAt ? `Shipped ${dateTime(f.shippedAt, tz)}` : "Not handed to the carrier yet"}
                      {f.deliveredAt ? ` · delivered ${dateTime(f.deliveredAt, tz)}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}
