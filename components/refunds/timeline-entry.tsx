import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { type WithdrawAction, WithdrawForm } from "@/components/requests/withdraw-form";
import { formatDateTime, formatLocalDate, formatPrice, formatRelative } from "@/lib/i18n/format";
import type { TimelineEntry, TimelineStep } from "@/lib/timeline/model";
import { RefundTrackerNote } from "./refund-tracker-note";

const OUTCOME_TONE: Record<TimelineEntry["outcome"], Tone> = {
  open: "blue",
  completed: "green",
  declined: "red",
  withdrawn: "neutral",
  problem: "amber",
};

type Props = {
  entry: TimelineEntry;
  now: string;
  locale: string;
  timeZone: string;
  number: string;
  orderId: string;
  highlighted: boolean;
  withdrawAction: WithdrawAction;
  returnAddress: string[] | null;
};

export async function TimelineEntryCard({
  entry,
  now,
  locale,
  timeZone,
  number,
  orderId,
  highlighted,
  withdrawAction,
  returnAddress,
}: Props) {
  const t = await getTranslations("timeline");
  const headingId = `entry-${entry.id}`;
  const amount = formatPrice(entry.amount, entry.currency, locale);
  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        "rounded-2xl border bg-white p-5 shadow-sm",
        highlighted ? "border-brand-600 ring-2 ring-brand-100" : "border-stone-200",
      )}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="font-semibold text-stone-900">
            {t(`subject.${entry.subject}`)}
          </h3>
          <p className="text-sm text-stone-600">
            {t("submittedOn", { date: formatDateTime(entry.createdAt, locale, timeZone) })}
          </p>
        </div>
        <Badge tone={OUTCOME_TONE[entry.outcome]}>{t(`outcome.${entry.outcome}`)}</Badge>
      </header>
      <p className="mt-3 text-sm text-stone-800">
        {t(entry.outcome === "completed" ? "amountRefunded" : "amountToRefund", { amount })}
      </p>
      {entry.items.length > 0 && <p className="mt-1 text-sm text-stone-600">{itemList(entry.items)}</p>}
      {entry.partial && (
        <div className="mt-2 space-y-0.5 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-medium">
            {t("partial.amount", {
              amount,
              requested: formatPrice(entry.partial.requested, entry.currency, locale),
            })}
          </p>
          {entry.partial.notRefunded.length > 0 && (
            <p>{t("partial.notRefunded", { items: itemList(entry.partial.notRefunded) })}</p>
          )}
          {entry.partial.reason && <p>{t("partial.reason", { reason: entry.partial.reason })}</p>}
        </div>
      )}
      {entry.photos.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("photosLabel")}>
          {entry.photos.map((id, i) => (
            <li key={id}>
              <a
                href={`/orders/${encodeURIComponent(number)}/photos/${id}`}
                target="_blank"
                rel="noopener"
                className="block rounded-lg"
              >
                {/* A private image behind the order's cookie: the image optimiser could not fetch it. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={`/orders/${encodeURIComponent(number)}/photos/${id}`}
                  alt={t("photoAlt", { n: i + 1 })}
                  width={64}
                  height={64}
                  className="size-16 rounded-lg border border-stone-200 object-cover"
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      <ol className="mt-4 space-y-0" aria-label={t("stepsLabel")}>
        {entry.steps.map((step, i) => (
          <StepRow
            key={`${step.kind}-${i}`}
            step={step}
            last={i === entry.steps.length - 1}
            subject={entry.subject}
            now={now}
            locale={locale}
            timeZone={timeZone}
            amount={amount}
            number={number}
            choice={entry.tracker?.choice?.status}
            returnAddress={returnAddress}
            t={t}
          />
        ))}
      </ol>
      {entry.tracker && (
        <RefundTrackerNote tracker={entry.tracker} amount={amount} locale={locale} timeZone={timeZone} />
      )}
      {entry.canWithdraw && (
        <div className="mt-4 border-t border-stone-100 pt-4">
          <WithdrawForm
            action={withdrawAction}
            orderId={orderId}
            requestId={entry.id}
            labels={{
              withdraw: t("withdraw"),
              withdrawing: t("withdrawing"),
              withdrawHint: t("withdrawHint"),
            }}
          />
        </div>
      )}
    </article>
  );
}

function StepRow(props: {
  step: TimelineStep;
  last: boolean;
  subject: TimelineEntry["subject"];
  now: string;
  locale: string;
  timeZone: string;
  amount: string;
  number: string;
  choice?: "open" | "chosen";
  returnAddress: string[] | null;
  t: T;
}) {
  const { step, t } = props;
  const text = describe(step, props, t);
  const address = step.kind === "send_items" && step.state === "current" ? props.returnAddress : null;
  return (
    <li
      className="relative flex gap-3 pb-4 last:pb-0"
      aria-current={step.state === "current" ? "step" : undefined}
    >
      {!props.last && (
        <span aria-hidden className="absolute top-6 bottom-0 left-[0.6875rem] w-px bg-stone-200" />
      )}
      <StepIcon state={step.state} />
      <div className="min-w-0 flex-1">
        <p className={cn("font-medium", step.state === "upcoming" ? "text-stone-600" : "text-stone-900")}>
          <span className="sr-only">{t(`state.${step.state}`)}: </span>
          {text.title}
        </p>
        {text.detail && <p className="mt-0.5 text-sm text-stone-700">{text.detail}</p>}
        {address && (
          <div className="mt-2 rounded-lg border border-stone-200 bg-stone-50 px-3 py-2 text-sm">
            <p className="font-medium text-stone-900">{t("step.returnAddress")}</p>
            <address className="text-stone-800 not-italic">
              {address.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </div>
        )}
        {/* The time line is always there (empty until it happens), so nothing below moves. */}
        <p className="min-h-5 text-xs text-stone-600">
          {step.at && (
            <time dateTime={step.at} suppressHydrationWarning>
              {formatDateTime(step.at, props.locale, props.timeZone)} ·{" "}
              {formatRelative(step.at, props.now, props.locale)}
            </time>
          )}
        </p>
      </div>
    </li>
  );
}

function StepIcon({ state }: { state: TimelineStep["state"] }) {
  const base =
    "relative z-10 mt-0.5 flex size-[1.375rem] shrink-0 items-center justify-center rounded-full text-xs font-bold";
  if (state === "done")
    return (
      <span aria-hidden className={cn(base, "bg-emerald-600 text-white")}>
        ✓
      </span>
    );
  if (state === "problem")
    return (
      <span aria-hidden className={cn(base, "bg-red-600 text-white")}>
        !
      </span>
    );
  if (state === "current")
    return (
      <span aria-hidden className={cn(base, "border-2 border-brand-600 bg-white")}>
        <span className="size-2 animate-pulse rounded-full bg-brand-600 motion-reduce:animate-none" />
      </span>
    );
  return <span aria-hidden className={cn(base, "border-2 border-stone-300 bg-white")} />;
}

const itemList = (items: TimelineEntry["items"]) =>
  items.map((i) => `${i.title}${i.variantTitle ? ` (${i.variantTitle})` : ""} × ${i.quantity}`).join(", ");

type T = Awaited<ReturnType<typeof getTranslations<"timeline">>>;

function describe(
  step: TimelineStep,
  ctx: {
    subject: TimelineEntry["subject"];
    locale: string;
    amount: string;
    number: string;
    choice?: "open" | "chosen";
    returnAddress: string[] | null;
  },
  t: T,
): { title: string; detail?: string } {
  switch (step.kind) {
    case "requested":
      return {
        title: t("step.requested"),
        ...(step.by === "store" ? { detail: t("step.requestedByStore") } : {}),
      };
    case "review":
      return { title: t("step.review"), detail: t("step.reviewDetail") };
    case "approved":
      // A rule's own message already says how it decided, so the title stays short.
      return step.by === "rule"
        ? { title: t("step.approved"), detail: step.message ?? t("step.approvedByRuleDetail") }
        : { title: t("step.approvedByStore"), detail: t("step.approvedByStoreDetail") };
    case "declined":
      return { title: t("step.declined"), detail: step.message ?? t("step.declinedDetail") };
    case "withdrawn":
      return { title: t("step.withdrawn") };
    case "send_items":
      return {
        title: t("step.sendItems"),
        detail: t(
          step.state === "current"
            ? ctx.returnAddress
              ? "step.sendItemsDetail"
              : "step.sendItemsAsk"
            : step.state === "done"
              ? "step.sendItemsDone"
              : "step.sendItemsLater",
          { number: ctx.number },
        ),
      };
    case "items_received":
      return { title: t("step.itemsReceived") };
    case "no_return_needed":
      return { title: t("step.noReturnNeeded"), detail: t("step.noReturnNeededDetail") };
    case "refund_issued":
      return {
        title: t(step.by === "store" ? "step.refundIssuedByStore" : "step.refundIssuedAutomatically"),
      };
    // Steps that will gain a detail line always carry one, so later updates do not push the page.
    case "refund_sent":
      return {
        title: t(step.state === "done" ? "step.refundSent" : "step.refundToBeSent"),
        detail: t(
          step.state === "done"
            ? "step.refundSentDetail"
            : step.state === "current"
              ? "step.refundSending"
              : "step.refundAfterApproval",
        ),
      };
    case "arrival":
      return arrival(step, ctx.locale, t);
    case "completed":
      return {
        title: t("step.completed"),
        detail: t(step.state === "done" ? "step.completedDetail" : "step.completedLater", {
          amount: ctx.amount,
        }),
      };
    case "failed":
      return {
        title: t("step.failed"),
        // With a choice offered (or made) the shopper has something to do (or did it): say so.
        detail: `${t(`failure.${step.failure ?? "other"}`)} ${t(
          ctx.choice === "open"
            ? "step.failedChoose"
            : ctx.choice === "chosen"
              ? "step.failedChosen"
              : "step.failedNext",
        )}`,
      };
  }
}

function arrival(step: TimelineStep, locale: string, t: T): { title: string; detail?: string } {
  const [min, max] = step.businessDays ?? [5, 10];
  if (!step.window)
    return { title: t("step.arrivalUsual", { min, max }), detail: t("step.arrivalUsualDetail") };
  const title = t("step.arrivalBetween", {
    from: formatLocalDate(step.window.from, locale),
    to: formatLocalDate(step.window.to, locale),
  });
  if (step.window.overdue) return { title, detail: t("step.arrivalOverdue") };
  return { title, detail: t("step.arrivalDetail", { min, max }) };
}
