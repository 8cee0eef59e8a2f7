// Where the refund's money is, in the tracker's words: the state and why, the ARN with how to use
// it, the reversal note for refunds made soon after payment, and — after a failed refund — the
// shopper's choice of how to get the money: a button to make it, or what they chose.
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { formatDay } from "@/lib/i18n/format";
import type { RefundTracker, TrackerChoice } from "@/lib/reconcile/tracker";

type Props = { tracker: RefundTracker; amount: string; locale: string; timeZone: string };

export async function RefundTrackerNote({ tracker, amount, locale, timeZone }: Props) {
  const t = await getTranslations("tracker");
  const key = (full: string) => full.replace(/^tracker\./, "");
  return (
    <div className="mt-3 space-y-1 rounded-xl bg-stone-50 px-4 py-3 text-sm text-stone-800">
      <p>
        <span className="font-medium">{t(key(tracker.headlineKey))}</span>
        {tracker.detailKey && <> — {t(key(tracker.detailKey))}</>}
      </p>
      {tracker.state === "voided" && <p>{t("voidedExplained")}</p>}
      {tracker.choice && (
        <ChoiceNote choice={tracker.choice} amount={amount} locale={locale} timeZone={timeZone} t={t} />
      )}
      {tracker.arn && (
        <p>
          {t("arnLabel")}: <span className="font-mono">{tracker.arn}</span>. {t("arnHelp")}
        </p>
      )}
      {tracker.reversal && <p>{t("reversal")}</p>}
    </div>
  );
}

function ChoiceNote(props: {
  choice: TrackerChoice;
  amount: string;
  locale: string;
  timeZone: string;
  t: Awaited<ReturnType<typeof getTranslations<"tracker">>>;
}) {
  const { choice, t } = props;
  if (choice.status === "chosen") {
    const text =
      choice.choice === "bank_transfer"
        ? t("choice.chosenBank", { amount: props.amount, iban: choice.maskedIban ?? "" })
        : t("choice.chosenOriginal", { amount: props.amount });
    return <p className="font-medium text-stone-900">{text}</p>;
  }
  return (
    <div className="space-y-2 pt-1">
      <p>{t("choice.open")}</p>
      {choice.path && (
        <ButtonLink href={choice.path} variant="primary" prefetch={false}>
          {t("choice.button")}
        </ButtonLink>
      )}
      {choice.expiresAt && (
        <p className="text-xs text-stone-600">
          {t("choice.until", { date: formatDay(new Date(choice.expiresAt), props.locale, props.timeZone) })}
        </p>
      )}
    </div>
  );
}
