// Where the refund's money is, in the tracker's words: the state and why, the ARN with how to use
// it, and the reversal note for refunds made soon after payment.
import { getTranslations } from "next-intl/server";
import type { RefundTracker } from "@/lib/reconcile/tracker";

export async function RefundTrackerNote({ tracker }: { tracker: RefundTracker }) {
  const t = await getTranslations("tracker");
  const key = (full: string) => full.replace(/^tracker\./, "");
  return (
    <div className="mt-3 space-y-1 rounded-xl bg-stone-50 px-4 py-3 text-sm text-stone-800">
      <p>
        <span className="font-medium">{t(key(tracker.headlineKey))}</span>
        {tracker.detailKey && <> — {t(key(tracker.detailKey))}</>}
      </p>
      {tracker.state === "voided" && <p>{t("voidedExplained")}</p>}
      {tracker.fallbackOpen && <p>{t("fallbackWaiting")}</p>}
      {tracker.arn && (
        <p>
          {t("arnLabel")}: <span className="font-mono">{tracker.arn}</span>. {t("arnHelp")}
        </p>
      )}
      {tracker.reversal && <p>{t("reversal")}</p>}
    </div>
  );
}
