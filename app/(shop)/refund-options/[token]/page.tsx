import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { FlashNotice } from "@/components/shop/flash-notice";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { chooseFallbackAction } from "@/lib/fallbacks/actions";
import { getFallbackForShopper } from "@/lib/fallbacks/queries";
import { readFallbackToken } from "@/lib/fallbacks/token";
import { getClientMessages } from "@/lib/i18n/client-messages.server";
import { failureKind } from "@/lib/timeline/model";
import { formatDay, formatPrice } from "@/lib/i18n/format";
import { fallbackChoicesFor } from "@/lib/fallbacks/choices";
import { decodeParam } from "@/lib/text";
import { BankChoice, CreditChoice, OriginalChoice } from "./choices";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("refundOptions");
  return { title: t("title"), robots: { index: false } };
}

/** Where a failed refund's shopper chooses how to get the money, behind the e-mailed signed link. */
export default async function RefundOptionsPage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = decodeParam(raw) ?? "";
  const t = await getTranslations("refundOptions");
  const locale = await getLocale();
  const check = readFallbackToken(token, env().authSecret);
  const fallback =
    check.ok || check.fallbackId
      ? await getFallbackForShopper(await getDb(), check.ok ? check.fallbackId : check.fallbackId!)
      : null;
  if (!fallback) return <Notice title={t("title")} text={t("invalid")} />;
  const amount = formatPrice(fallback.amount, fallback.currency, locale);
  const intro = t("intro", {
    amount,
    number: fallback.orderNumber,
    reason: t(`reasons.${failureKind(fallback.failureCode)}`),
  });

  if (fallback.status === "cancelled") {
    return (
      <Notice
        title={t("title")}
        text={fallback.lateSuccess ? t("state.lateSuccess", { amount }) : t("state.cancelled")}
        tone="ok"
      />
    );
  }
  if (fallback.status === "settled") {
    const text =
      fallback.choice === "store_credit"
        ? t("state.credit", { amount, code: fallback.creditCode ?? "" })
        : fallback.choice === "bank_transfer"
          ? t("state.bankPaid", { amount })
          : t("state.paid", { amount });
    return <Notice title={t("title")} text={text} tone="ok" />;
  }
  if (fallback.status === "chosen") {
    const text =
      fallback.choice === "bank_transfer"
        ? t("state.bank", { iban: fallback.maskedIban ?? "" })
        : t("state.original", { amount });
    return <Notice title={t("title")} text={text} tone="ok" />;
  }
  if (!check.ok) return <Notice title={t("title")} text={t("expired")} />;
  if (fallback.held) return <Notice title={t("title")} text={t("state.held")} />;
  const messages = await getClientMessages("refundOptions");
  const offered = fallbackChoicesFor(fallback);

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{t("title")}</h1>
        <p className="mt-2 text-stone-700">{intro}</p>
        <p className="mt-1 text-sm text-stone-600">
          {t("until", { date: formatDay(fallback.expiresAt, locale, fallback.timeZone) })}
        </p>
      </div>
      {offered.includes("original") && (
        <OriginalChoice messages={messages} action={chooseFallbackAction.bind(null, token, "original")} />
      )}
      <BankChoice messages={messages} action={chooseFallbackAction.bind(null, token, "bank_transfer")} />
      {offered.includes("store_credit") && (
        <CreditChoice
          messages={messages}
          amount={amount}
          action={chooseFallbackAction.bind(null, token, "store_credit")}
        />
      )}
    </div>
  );
}

function Notice({ title, text, tone = "warn" }: { title: string; text: string; tone?: "ok" | "warn" }) {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{title}</h1>
      {tone === "ok" ? (
        <FlashNotice>{text}</FlashNotice>
      ) : (
        <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-950">
          {text}
        </p>
      )}
    </div>
  );
}
