import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDay } from "@/lib/i18n/format";
import type { WithdrawalEntryPoint } from "@/lib/withdrawals/queries";

/** The withdrawal function's entry point on an order page, while the period runs (EU CRD Art. 11a). */
export async function WithdrawalEntry(props: {
  entry: WithdrawalEntryPoint;
  locale: string;
  timeZone: string;
}) {
  const t = await getTranslations("withdrawal");
  return (
    <section
      aria-label={props.entry.label}
      className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
    >
      <p className="text-sm text-stone-700">
        {props.entry.periodEndsAt
          ? t("entryUntil", { date: formatDay(props.entry.periodEndsAt, props.locale, props.timeZone) })
          : t("entryOpen", { days: props.entry.days })}
      </p>
      <Link
        href={props.entry.href}
        className="mt-3 inline-flex min-h-11 items-center rounded-lg border border-brand-700 px-5 py-2.5 font-medium text-brand-800 hover:bg-brand-50"
      >
        {props.entry.label}
      </Link>
    </section>
  );
}
