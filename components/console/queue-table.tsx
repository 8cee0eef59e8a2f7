"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { age, dateOnly, humanize, money, reasonLabel } from "@/lib/console/format";
import { bulkDecideAction } from "@/lib/console/request-actions";
import { REQUEST_STATUS, RISK_LEVEL, statusOf } from "./labels";
import { useResultAction } from "./use-result-action";

export type QueueTableRow = {
  id: string;
  type: "cancellation" | "return";
  status: string;
  reasonCode: string;
  comment: string | null;
  amount: number;
  currency: string;
  createdAt: Date;
  explanation: string | null;
  held: boolean;
  /** A statutory withdrawal's refund deadline (ISO), shown while the request waits. */
  refundDueBy: string | null;
  orderNumber: string;
  email: string;
  riskLevel: string;
  items: number;
};

const DECIDABLE = new Set(["pending_review", "submitted"]);
/** Waiting for a person: the decidable ones, and a received return whose refund a gate held. */
const WAITING = new Set([...DECIDABLE, "item_received"]);

export function QueueTable({
  rows,
  canDecide,
  now,
  timeZone,
}: {
  rows: QueueTableRow[];
  canDecide: boolean;
  now: Date;
  timeZone: string;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useResultAction(bulkDecideAction);
  const decidable = rows.filter((r) => DECIDABLE.has(r.status));
  const allSelected = decidable.length > 0 && decidable.every((r) => selected.has(r.id));
  const ids = [...selected].filter((id) => decidable.some((r) => r.id === id));

  function toggle(id: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const summarize = (data: { decided: string[]; failed: { message: string }[] }) =>
    `${data.decided.length} decided.` +
    (data.failed.length
      ? ` ${data.failed.length} not: ${[...new Set(data.failed.map((f) => f.message))].join(" ")}`
      : "");

  return (
    <div>
      {canDecide && (
        <div
          className="mb-2 flex min-h-9 flex-wrap items-center gap-2"
          role="toolbar"
          aria-label="Bulk actions"
        >
          <span className="text-sm text-stone-600">
            {ids.length ? `${ids.length} selected` : "Select requests to decide several at once"}
          </span>
          <Button
            size="sm"
            variant="primary"
            disabled={ids.length === 0}
            pending={bulk.pending}
            onClick={() =>
              bulk.run(
                { decision: "approve", requestIds: ids },
                { success: summarize, onSuccess: () => setSelected(new Set()) },
              )
            }
          >
            Approve selected
          </Button>
          <Dialog
            title={`Decline ${ids.length} request${ids.length === 1 ? "" : "s"}`}
            description="Each shopper receives this message with the decision."
            trigger={{
              label: "Decline selected…",
              size: "sm",
              variant: "secondary",
              disabled: ids.length === 0,
            }}
          >
            {(close) => (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const message = String(new FormData(e.currentTarget).get("message") ?? "");
                  bulk.run(
                    { decision: "decline", requestIds: ids, message },
                    {
                      success: summarize,
                      onSuccess: () => {
                        setSelected(new Set());
                        close();
                      },
                    },
                  );
                }}
                className="space-y-3"
              >
                <TextAreaField
                  label="Message to the shoppers"
                  name="message"
                  rows={4}
                  required
                  minLength={3}
                  errors={bulk.fieldErrors.message}
                />
                <div className="flex justify-end gap-2">
                  <Button onClick={close}>Cancel</Button>
                  <Button type="submit" variant="danger" pending={bulk.pending}>
                    Decline
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </div>
      )}
      {bulk.feedback && (
        <Alert tone={bulk.feedback.tone === "error" ? "error" : "success"} className="mb-2">
          {bulk.feedback.message}
        </Alert>
      )}
      <Table label="Requests">
        <THead>
          <tr>
            {canDecide && (
              <Th className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all requests that need a decision"
                  checked={allSelected}
                  disabled={decidable.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(decidable.map((r) => r.id)))}
                  className="size-4 accent-brand-700"
                />
              </Th>
            )}
            <Th>Order</Th>
            <Th>Type</Th>
            <Th>Reason</Th>
            <Th align="right">Items</Th>
            <Th align="right">Refund</Th>
            <Th>Risk</Th>
            <Th align="right">Age</Th>
            <Th>Status</Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 && (
            <EmptyRow colSpan={canDecide ? 9 : 8}>No requests match these filters.</EmptyRow>
          )}
          {rows.map((r) => {
            const status = statusOf(REQUEST_STATUS, r.status);
            const risk = statusOf(RISK_LEVEL, r.riskLevel);
            return (
              <Tr key={r.id} highlight={r.riskLevel === "high" ? "red" : undefined}>
                {canDecide && (
                  <Td>
                    {DECIDABLE.has(r.status) && (
                      <input
                        type="checkbox"
                        aria-label={`Select request for order #${r.orderNumber}`}
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                        className="size-4 accent-brand-700"
                      />
                    )}
                  </Td>
                )}
                <Td>
                  <Link
                    href={`/merchant/requests/${r.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    aria-label={`${humanize(r.type)} request for order #${r.orderNumber}`}
                  >
                    #{r.orderNumber}
                  </Link>
                  <span className="block max-w-40 truncate text-xs text-stone-600" title={r.email}>
                    {r.email}
                  </span>
                </Td>
                <Td>{humanize(r.type)}</Td>
                <Td>
                  <span>{reasonLabel(r.reasonCode)}</span>
                  {r.refundDueBy && WAITING.has(r.status) && (
                    <span className="block text-xs font-medium text-red-800">
                      Refund due by law {dateOnly(r.refundDueBy, timeZone)}
                    </span>
                  )}
                  {r.comment && (
                    <span className="line-clamp-2 max-w-56 text-xs text-stone-600" title={r.comment}>
                      “{r.comment}”
                    </span>
                  )}
                </Td>
                <Td align="right">{r.items}</Td>
                <Td align="right">{money(r.amount, r.currency)}</Td>
                <Td>
                  {r.riskLevel !== "low" ? (
                    <Badge tone={risk.tone}>{risk.label}</Badge>
                  ) : (
                    <span className="text-stone-500">—</span>
                  )}
                </Td>
                <Td align="right" title={new Date(r.createdAt).toISOString()}>
                  {age(r.createdAt, now)}
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    {r.held && (
                      <Badge tone="amber" title={r.explanation ?? undefined}>
                        Automation held
                      </Badge>
                    )}
                  </div>
                  {r.held && r.explanation && WAITING.has(r.status) && (
                    <span className="mt-1 block max-w-72 text-xs text-stone-700">{r.explanation}</span>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
