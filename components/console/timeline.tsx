import { Badge } from "@/components/ui/badge";
import { dateTime, humanize, money } from "@/lib/console/format";
import { ACTOR_TYPE, FALLBACK_CHOICE } from "./labels";

export type TimelineEvent = {
  id: number;
  type: string;
  actorType: string;
  actorId: string | null;
  subjectType: string;
  data: Record<string, unknown>;
  createdAt: Date;
};

const TITLES: Record<string, string> = {
  "order.placed": "Order placed",
  "order.paid": "Payment captured",
  "order.risk_flagged": "Flagged as risky",
  "order.cancelled": "Order cancelled",
  "order.lines_cancelled": "Items cancelled",
  "order.restocked": "Items restocked",
  "fulfillment.shipped": "Shipped",
  "fulfillment.delivered": "Delivered",
  "fulfillment.cancelled": "Fulfilment cancelled",
  "request.submitted": "Request submitted",
  "request.auto_approved": "Approved by a rule",
  "request.sent_to_review": "Sent to staff review",
  "request.approved": "Request approved",
  "request.declined": "Request declined",
  "request.withdrawn": "Withdrawn by the shopper",
  "request.item_received": "Returned item received",
  "request.completed": "Request completed",
  "request.note_added": "Internal note added",
  "refund.created": "Refund created",
  "refund.submitted": "Refund sent to the bank",
  "refund.succeeded": "Refund succeeded",
  "refund.failed": "Refund failed",
  "refund.retried": "Refund retried",
  "refund.offline_recorded": "Refund paid offline",
  "refund.released": "Failed refund released (owner)",
  "refund.fallback_offered": "Shopper offered a choice",
  "refund.fallback_chosen": "Shopper chose how to be paid",
  "refund.fallback_cancelled": "Shopper's choice closed",
  "refund.fallback_settled": "Shopper's choice paid",
};

export const eventTitle = (type: string) => TITLES[type] ?? humanize(type);

/** The most useful detail of an event's data, in one line. */
export function eventDetail(e: Pick<TimelineEvent, "data">, currency?: string): string | null {
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.amount === "number" && currency) parts.push(money(d.amount, currency));
  if (typeof d.reason === "string") parts.push(humanize(d.reason));
  if (typeof d.message === "string") parts.push(`“${d.message}”`);
  if (typeof d.note === "string" && d.note) parts.push(`Note: ${d.note}`);
  if (typeof d.explanation === "string") parts.push(d.explanation);
  if (typeof d.code === "string") parts.push(d.code);
  if (typeof d.choice === "string") parts.push(FALLBACK_CHOICE[d.choice] ?? d.choice);
  if (typeof d.iban === "string") parts.push(d.iban);
  if (Array.isArray(d.reasons)) parts.push(d.reasons.join("; "));
  if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${d.from} → ${d.to}`);
  return parts.length ? parts.join(" · ") : null;
}

export function actorLabel(
  e: Pick<TimelineEvent, "actorType" | "actorId">,
  names: Map<string, string>,
): string {
  const kind = ACTOR_TYPE[e.actorType] ?? e.actorType;
  if (!e.actorId) return kind;
  if (e.actorType === "staff") return names.get(e.actorId) ?? `${kind} ${e.actorId.slice(0, 8)}`;
  return `${kind}: ${e.actorId}`;
}

export function Timeline({
  events,
  names,
  timeZone,
  currency,
}: {
  events: TimelineEvent[];
  names: Map<string, string>;
  timeZone: string;
  currency?: string;
}) {
  if (events.length === 0) return <p className="text-sm text-stone-600">Nothing has happened yet.</p>;
  return (
    <ol className="relative space-y-3 border-l border-stone-200 pl-4" aria-label="Timeline">
      {events.map((e) => {
        const detail = eventDetail(e, currency);
        return (
          <li key={e.id} className="relative text-sm">
            <span
              aria-hidden
              className="absolute top-1.5 -left-[21px] size-2.5 rounded-full border-2 border-white bg-stone-400"
            />
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-stone-900">{eventTitle(e.type)}</span>
              <Badge tone={e.actorType === "staff" ? "brand" : e.actorType === "rule" ? "violet" : "neutral"}>
                {actorLabel(e, names)}
              </Badge>
              <time className="text-xs text-stone-600" dateTime={new Date(e.createdAt).toISOString()}>
                {dateTime(e.createdAt, timeZone)}
              </time>
            </div>
            {detail && <p className="mt-0.5 text-stone-600">{detail}</p>}
          </li>
        );
      })}
    </ol>
  );
}
