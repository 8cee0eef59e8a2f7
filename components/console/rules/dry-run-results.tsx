import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { humanize, money, reasonLabel } from "@/lib/console/format";
import type { DryRunRow, DryRunTotals } from "@/lib/rules/dry-run";
import { OUTCOME } from "./describe-rule";

export type DryRunResult = {
  rows: DryRunRow[];
  live: DryRunTotals;
  draft: DryRunTotals;
  liveVersion: number;
  withdrawalsLeftOut: number;
};

function Outcome({ decision }: { decision: DryRunRow["live"] }) {
  const outcome = OUTCOME[decision.outcome];
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge tone={outcome.tone}>{outcome.label}</Badge>
      <span className="font-mono text-xs text-stone-600">{decision.ruleId ?? "no rule"}</span>
    </span>
  );
}

export function DryRunTotalsTable({ result, currency }: { result: DryRunResult; currency: string }) {
  const lines: [string, (t: DryRunTotals) => string][] = [
    ["Requests", (t) => String(t.count)],
    ["Auto-approved", (t) => String(t.autoApproved)],
    ["Amount auto-refunded", (t) => money(t.autoRefundAmount, currency)],
    ["Sent to review", (t) => String(t.review)],
    ["Declined", (t) => String(t.decline)],
  ];
  return (
    <Table label="Simulation totals">
      <THead>
        <tr>
          <Th>Total</Th>
          <Th align="right">Live (version {result.liveVersion})</Th>
          <Th align="right">Draft</Th>
        </tr>
      </THead>
      <TBody>
        {lines.map(([label, value]) => {
          const live = value(result.live);
          const draft = value(result.draft);
          return (
            <Tr key={label} highlight={live !== draft ? "amber" : undefined}>
              <Th scope="row">{label}</Th>
              <Td align="right" className="tabular-nums">
                {live}
              </Td>
              <Td align="right" className="tabular-nums">
                {draft}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}

export function DryRunRowsTable({ result, currency }: { result: DryRunResult; currency: string }) {
  if (result.rows.length === 0) return <p className="text-sm text-stone-600">No requests to replay yet.</p>;
  return (
    <Table label="Simulated requests">
      <THead>
        <tr>
          <Th>Order</Th>
          <Th>Type</Th>
          <Th>Reason</Th>
          <Th align="right">Amount</Th>
          <Th>Live</Th>
          <Th>Draft</Th>
          <Th>Differs</Th>
        </tr>
      </THead>
      <TBody>
        {result.rows.map((row) => (
          <Tr key={row.requestId} highlight={row.changed ? "amber" : undefined}>
            <Td className="font-medium">#{row.orderNumber}</Td>
            <Td>{humanize(row.type)}</Td>
            <Td>{reasonLabel(row.reason)}</Td>
            <Td align="right" className="tabular-nums">
              {money(row.amount, currency)}
            </Td>
            <Td>
              <Outcome decision={row.live} />
            </Td>
            <Td>
              <Outcome decision={row.draft} />
            </Td>
            <Td>
              {row.changed ? <Badge tone="amber">Changed</Badge> : <span className="text-stone-500">—</span>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
