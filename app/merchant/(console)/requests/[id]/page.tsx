import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionPanel } from "@/components/console/decision-panel";
import { REFUND_STATUS, REQUEST_STATUS, RISK_LEVEL, statusOf } from "@/components/console/labels";
import { MarkReceivedButton } from "@/components/console/mark-received-button";
import { Facts, PageHeader, Panel } from "@/components/console/page-header";
import { AddNoteForm } from "@/components/console/request-notes";
import { Timeline } from "@/components/console/timeline";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { dateTime, humanize, money, reasonLabel } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { SHIP_BY_SLA, STATUTORY_REFUND_DAYS } from "@/lib/requests/schemas";
import { getRequestForStaff } from "@/lib/requests/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Request" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("viewer");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const [data, store, names] = await Promise.all([
    getRequestForStaff(db, id),
    getStoreOrThrow(db),
    staffNames(db),
  ]);
  if (!data) notFound();
  const { request, order, lines, items, history } = data;
  const tz = store.timeZone;
  const status = statusOf(REQUEST_STATUS, request.status);
  const canDecide = hasRole(staff.role, "agent");
  const decidable = ["pending_review", "submitted", "item_received"].includes(request.status);
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const itemRows = items.map((i) => ({ item: i, line: lineById.get(i.lineItemId)! })).filter((r) => r.line);
  const risk = statusOf(RISK_LEVEL, order.riskLevel);

  return (
    <>
      <PageHeader
        back={{ href: "/merchant/requests", label: "Requests" }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {humanize(request.type)} request · #{order.number}
            <Badge tone={status.tone}>{status.label}</Badge>
          </span>
        }
        description={`Submitted ${dateTime(request.createdAt, tz)} by ${submitter(request, order.email)}`}
      />
      <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-5">
          <Panel title="What the shopper asked" id="ask">
            <Facts
              items={[
                ["Reason", reasonLabel(request.reasonCode)],
                [
                  "Comment",
                  request.comment ? (
                    <q className="italic">{request.comment}</q>
                  ) : (
                    <span className="text-stone-500">None</span>
                  ),
                ],
                ["Refund shown", money(request.previewAmount, request.currency)],
                ["Shipping", request.includeShipping ? "Included" : "Not included"],
              ]}
            />
            {data.photos.length > 0 && (
              <ul className="mt-4 flex flex-wrap gap-3" aria-label="Photos">
                {data.photos.map((p, i) => (
                  <li key={p.id}>
                    <a
                      href={`/merchant/requests/${request.id}/photos/${p.id}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {/* Served by an authenticated route handler, so next/image's optimizer cannot fetch it. */}
                      {/* eslint-disable-next-line @next/next/no-img-element */}
                      <img
                        src={`/merchant/requests/${request.id}/photos/${p.id}`}
                        alt={`Photo ${i + 1} from the shopper`}
                        className="size-28 rounded-md border border-stone-200 object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Why it is here" id="why">
            <Facts
              items={[
                ["Explanation", request.decision?.explanation ?? "No decision recorded yet"],
                [
                  "Rule",
                  data.rule ? (
                    <span>
                      {data.rule.name ?? data.rule.id}{" "}
                      <span className="text-stone-600">
                        ({data.rule.id}
                        {data.rule.version ? `, rules v${data.rule.version}` : ""})
                      </span>
                    </span>
                  ) : (
                    <span className="text-stone-500">No rule matched</span>
                  ),
                ],
                ...(request.decidedAt
                  ? ([["Decided", dateTime(request.decidedAt, tz)]] as [string, string][])
                  : []),
                ...(request.decision?.refundDueBy && decidable
                  ? ([
                      [
                        "Legal deadline",
                        <strong key="due" className="text-red-800">
                          Refund due by {dateTime(request.decision.refundDueBy, tz)} (statutory withdrawal:{" "}
                          {STATUTORY_REFUND_DAYS} days after it was received)
                        </strong>,
                      ],
                    ] as [string, React.ReactNode][])
                  : []),
              ]}
            />
          </Panel>

          <section aria-labelledby="items-heading">
            <h2 id="items-heading" className="mb-2 text-sm font-semibold">
              Items in this request
            </h2>
            <Table label="Items in this request">
              <THead>
                <tr>
                  <Th>Item</Th>
                  <Th align="right">Requested</Th>
                  <Th align="right">Ordered</Th>
                  <Th align="right">Shipped</Th>
                  <Th align="right">Refunded</Th>
                  <Th align="right">Unit price</Th>
                  <Th>Notes</Th>
                </tr>
              </THead>
              <TBody>
                {itemRows.map(({ item, line }) => (
                  <Tr key={item.lineItemId}>
                    <Td className="min-w-48">
                      <span className="block font-medium">{line.title}</span>
                      <span className="text-xs text-stone-600">
                        {line.sku}
                        {line.variantTitle ? ` · ${line.variantTitle}` : ""}
                      </span>
                    </Td>
                    <Td align="right">{item.quantity}</Td>
                    <Td align="right">{line.quantity}</Td>
                    <Td align="right">{line.quantityFulfilled}</Td>
                    <Td align="right">{line.quantityRefunded}</Td>
                    <Td align="right">{money(line.unitPrice, order.currency)}</Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {line.finalSale && <Badge tone="red">Final sale</Badge>}
                        {!line.restockable && <Badge>Not restockable</Badge>}
                      </div>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>

          {data.refunds.length > 0 && (
            <Panel title="Refunds" id="refunds">
              <ul className="space-y-2 text-sm">
                {data.refunds.map((r) => {
                  const s = statusOf(REFUND_STATUS, r.status);
                  return (
                    <li key={r.id} className="flex flex-wrap items-center gap-2">
                      <span className="font-medium tabular-nums">{money(r.amount, r.currency)}</span>
                      <Badge tone={s.tone}>{s.label}</Badge>
                      {r.failureReason && <span className="text-red-700">{r.failureReason}</span>}
                      <Link
                        href={`/merchant/refunds?status=${r.status}`}
                        className="text-brand-700 underline-offset-2 hover:underline"
                      >
                        Refund monitor
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </Panel>
          )}

          <Panel title="Request timeline" id="timeline">
            <Timeline events={data.timeline} names={names} timeZone={tz} currency={order.currency} />
          </Panel>
        </div>

        <div className="space-y-5">
          <Panel title="Decision" id="decision">
            {!decidable && request.status !== "awaiting_item" && (
              <p className="text-sm text-stone-600">
                This request is {status.label.toLowerCase()}
                {request.decidedAt ? ` since ${dateTime(request.decidedAt, tz)}` : ""}; there is nothing to
                decide.
              </p>
            )}
            {request.status === "awaiting_item" &&
              (canDecide ? (
                <div className="space-y-2 text-sm">
                  <p className="text-stone-600">
                    Approved; waiting for the item to come back. Mark it received when it arrives.
                  </p>
                  <MarkReceivedButton requestId={request.id} />
                </div>
              ) : (
                <p className="text-sm text-stone-600">Approved; waiting for the item to come back.</p>
              ))}
            {decidable &&
              (canDecide ? (
                <DecisionPanel
                  requestId={request.id}
                  type={request.type}
                  status={request.status}
                  currency={order.currency}
                  includeShippingByDefault={request.includeShipping}
                  canExceedStoreMax={hasRole(staff.role, "owner")}
                  order={{
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
                  }}
                  lines={itemRows.map(({ item, line }) => {
                    const max = Math.min(item.quantity, line.quantity - line.quantityRefunded);
                    return {
                      lineItemId: line.id,
                      title: line.title,
                      sku: line.sku,
                      max,
                      initial: max,
                      restockable: line.restockable,
                      note: `requested ${item.quantity}`,
                    };
                  })}
                />
              ) : (
                <Alert tone="info">Viewers can read requests but not decide them.</Alert>
              ))}
          </Panel>

          <Panel
            title="Order"
            id="order"
            actions={
              <Link
                href={`/merchant/orders/${order.number}`}
                className="text-sm text-brand-700 hover:underline"
              >
                Open order
              </Link>
            }
          >
            <Facts
              items={[
                ["Number", `#${order.number}`],
                ["Placed", dateTime(order.placedAt, tz)],
                ["Total", money(order.total, order.currency)],
                ["Refunded", money(order.refundedAmount, order.currency)],
                [
                  "Payment",
                  data.payment
                    ? `${humanize(data.payment.method.type)}${data.payment.method.last4 ? ` •••• ${data.payment.method.last4}` : ""}${data.payment.method.wallet ? ` (${data.payment.method.wallet})` : ""}`
                    : "—",
                ],
                ["Fulfilment", humanize(order.fulfillmentStatus)],
                [
                  "Risk",
                  <Badge key="risk" tone={risk.tone}>
                    {risk.label}
                  </Badge>,
                ],
              ]}
            />
            {order.riskReasons.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-xs text-red-800">
                {order.riskReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Customer history" id="history">
            <p className="text-sm">
              <span className="font-medium">{order.email}</span>
            </p>
            <p className="mt-1 text-sm text-stone-600">
              {history.orders.length} other order{history.orders.length === 1 ? "" : "s"} ·{" "}
              {history.requestCount} request
              {history.requestCount === 1 ? "" : "s"} · {money(history.refundedTotal, order.currency)}{" "}
              refunded
            </p>
            {history.orders.length > 0 && (
              <ul className="mt-3 space-y-2 text-sm">
                {history.orders.slice(0, 8).map((o) => (
                  <li key={o.id} className="border-t border-stone-100 pt-2">
                    <div className="flex justify-between gap-2">
                      <Link href={`/merchant/orders/${o.number}`} className="text-brand-700 hover:underline">
                        #{o.number}
                      </Link>
                      <span className="tabular-nums">{money(o.total, o.currency)}</span>
                    </div>
                    <p className="text-xs text-stone-600">
                      {dateTime(o.placedAt, tz)}
                      {o.refunded > 0 && ` · refunded ${money(o.refunded, o.currency)}`}
                    </p>
                    {o.requests.map((r) => (
                      <p key={r.id} className="text-xs text-stone-600">
                        {humanize(r.type)} · {reasonLabel(r.reasonCode)} ·{" "}
                        {statusOf(REQUEST_STATUS, r.status).label}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Internal notes" id="notes">
            {data.notes.length === 0 ? (
              <p className="text-sm text-stone-600">No notes yet.</p>
            ) : (
              <ul className="space-y-3 text-sm">
                {data.notes.map((n) => (
                  <li key={n.id}>
                    <p className="whitespace-pre-wrap">{n.body}</p>
                    <p className="text-xs text-stone-600">
                      {n.author ?? "System"} · {dateTime(n.createdAt, tz)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {canDecide && (
              <div className="mt-4 border-t border-stone-100 pt-3">
                <AddNoteForm requestId={request.id} />
              </div>
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}

function submitter(request: { createdByType: string; createdById: string | null }, email: string) {
  if (request.createdByType === "shopper") return email;
  if (request.createdById === SHIP_BY_SLA) return "the ship-by check (the order was not shipped in time)";
  return humanize(request.createdByType);
}
