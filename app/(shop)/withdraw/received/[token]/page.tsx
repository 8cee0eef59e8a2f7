import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FlashNotice } from "@/components/shop/flash-notice";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { intlLocale } from "@/lib/i18n/format";
import { utcSecond } from "@/lib/withdrawals/receipt";
import { readReceiptToken, receiptPath } from "@/lib/withdrawals/receipt-token";
import { getWithdrawalById } from "@/lib/withdrawals/queries";
import { decodeParam } from "@/lib/text";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withdrawal");
  return { title: t("receivedTitle"), robots: { index: false } };
}

/** The acknowledgement on screen, right after confirming; the e-mail and the copy say the same. */
export default async function WithdrawalReceivedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const id = readReceiptToken(decodeParam(token) ?? "", env().authSecret);
  const found = id ? await getWithdrawalById(await getDb(), id) : null;
  if (!found) notFound();
  const { withdrawal: w } = found;
  const t = await getTranslations("withdrawal");
  const locale = await getLocale();
  const local = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(w.submittedAt);
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{t("receivedTitle")}</h1>
      <FlashNotice>{t("receivedAt", { date: local })}</FlashNotice>
      <p className="text-stone-700">{t("receivedMail", { email: w.email })}</p>
      <section
        aria-labelledby="content-heading"
        className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <h2 id="content-heading" className="text-lg font-semibold">
          {t("contentHeading")}
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="font-medium text-stone-600">{t("name")}</dt>
          <dd>{w.name}</dd>
          <dt className="font-medium text-stone-600">{t("number")}</dt>
          <dd>#{w.orderNumber}</dd>
          <dt className="font-medium text-stone-600">{t("scopeLegend")}</dt>
          <dd>
            <p>{t(w.scope === "all" ? "scopeAll" : "scopeSome")}</p>
            <ul className="mt-1 space-y-1">
              {w.lines.map((l, n) => (
                <li key={n}>
                  {l.quantity} × {l.title}
                  {l.variantTitle ? ` · ${l.variantTitle}` : ""} —{" "}
                  <span className="text-stone-600">{t(l.shipped ? "willReturn" : "willCancel")}</span>
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium text-stone-600">{t("reasonShort")}</dt>
          <dd>{w.reason ?? t("noReason")}</dd>
          <dt className="font-medium text-stone-600">{t("submittedAt")}</dt>
          <dd>
            <time dateTime={w.submittedAt.toISOString()}>{utcSecond(w.submittedAt)}</time>
          </dd>
        </dl>
      </section>
      <p className="text-stone-700">{t("whatNext")}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <a
          href={receiptPath(decodeParam(token) ?? "")}
          download
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
        >
          {t("download")}
        </a>
        <Link
          href={`/?number=${encodeURIComponent(w.orderNumber)}`}
          className="inline-flex min-h-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-5 py-2.5 font-medium text-stone-800 hover:bg-stone-50"
        >
          {t("followOrder")}
        </Link>
      </div>
    </div>
  );
}
