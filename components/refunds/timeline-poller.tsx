"use client";
// Keeps the server-rendered timeline current by polling the order's status route: quickly right
// after a change, backing off while nothing moves, paused in background tabs and stopped once
// nothing can change any more. When what the shopper sees changes, the page's server components
// (the timeline's entries, totals, eligibility, buttons) are refreshed in place.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef, useSyncExternalStore } from "react";
import type { OrderStatusPayload } from "@/lib/timeline/model";

const FIRST_INTERVAL_MS = 2_000;
const MAX_INTERVAL_MS = 30_000;

/** 2 s, 3 s, 4.5 s … up to 30 s while polls bring nothing new. */
export const pollInterval = (quietPolls: number) =>
  Math.min(MAX_INTERVAL_MS, Math.round(FIRST_INTERVAL_MS * 1.5 ** quietPolls));

export type TimelineLabels = Record<"title" | "offline" | "liveHint", string>;

type Props = {
  number: string;
  initial: OrderStatusPayload;
  labels: TimelineLabels;
  /** The entries, rendered on the server from `initial`. */
  children: ReactNode;
};

export function TimelinePoller({ number, initial, labels, children }: Props) {
  const router = useRouter();
  const quietPolls = useRef(0);
  const lastSignature = useRef(signature(initial));

  const { data, isError, isFetching } = useQuery({
    queryKey: ["order-status", number],
    queryFn: ({ signal }) => fetchStatus(number, signal),
    initialData: initial,
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (query) => (query.state.data?.timeline.live ? pollInterval(quietPolls.current) : false),
    refetchIntervalInBackground: false,
  });

  useEffect(() => {
    const next = signature(data);
    if (next === lastSignature.current) {
      quietPolls.current += 1;
      return;
    }
    lastSignature.current = next;
    quietPolls.current = 0;
    router.refresh();
  }, [data, router]);

  // Only a page whose JavaScript runs updates itself, so only such a page says so.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <section aria-labelledby="timeline-heading" aria-busy={isFetching || undefined} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          {labels.title}
        </h2>
        <p className="text-xs text-stone-600">
          {isError ? (
            <span role="status">{labels.offline}</span>
          ) : data.timeline.live && hydrated ? (
            labels.liveHint
          ) : null}
        </p>
      </div>
      {children}
    </section>
  );
}

const noSubscription = () => () => {};

async function fetchStatus(number: string, signal: AbortSignal): Promise<OrderStatusPayload> {
  const response = await fetch(`/orders/${encodeURIComponent(number)}/status`, {
    signal,
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(`status route answered ${response.status}`);
  return (await response.json()) as OrderStatusPayload;
}

/** What the shopper would see change; the server's clock alone does not count. */
function signature(payload: OrderStatusPayload): string {
  return JSON.stringify([payload.version, payload.timeline.entries]);
}
