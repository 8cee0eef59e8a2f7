// The order's requests and refunds. Entries are rendered here on the server, in the shopper's
// language; a small client poller keeps them current (see timeline-poller.tsx). Steps are laid
// out in advance, so updates do not shift the page.
import { getTranslations } from "next-intl/server";
import type { WithdrawAction } from "@/components/requests/withdraw-form";
import type { OrderStatusPayload } from "@/lib/timeline/model";
import { TimelineEntryCard } from "./timeline-entry";
import { TimelinePoller } from "./timeline-poller";

type Props = {
  number: string;
  initial: OrderStatusPayload;
  locale: string;
  timeZone: string;
  orderId: string;
  highlight?: string;
  withdrawAction: WithdrawAction;
  /** The store's return address, one line each; null when the store has none. */
  returnAddress: string[] | null;
};

export async function LiveTimeline({
  number,
  initial,
  locale,
  timeZone,
  orderId,
  highlight,
  withdrawAction,
  returnAddress,
}: Props) {
  const t = await getTranslations("timeline");
  return (
    <TimelinePoller
      number={number}
      initial={initial}
      labels={{ title: t("title"), offline: t("offline"), liveHint: t("liveHint") }}
    >
      {initial.timeline.entries.map((entry) => (
        <TimelineEntryCard
          key={entry.id}
          entry={entry}
          now={initial.timeline.now}
          locale={locale}
          timeZone={timeZone}
          number={number}
          orderId={orderId}
          highlighted={entry.id === highlight}
          withdrawAction={withdrawAction}
          returnAddress={returnAddress}
        />
      ))}
    </TimelinePoller>
  );
}
