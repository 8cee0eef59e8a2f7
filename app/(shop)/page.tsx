import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LookupForm } from "@/components/lookup/lookup-form";
import { getDb } from "@/lib/db";
import { getWithdrawalEntryPoint } from "@/lib/withdrawals/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("lookup");
  return { title: t("title") };
}

const LINK_PROBLEMS = { expired: "linkExpired", revoked: "linkRevoked", invalid: "linkInvalid" } as const;

export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<{ number?: string; link?: string }>;
}) {
  const t = await getTranslations("lookup");
  const { number, link } = await searchParams;
  const linkProblem = LINK_PROBLEMS[link as keyof typeof LINK_PROBLEMS];
  const steps = [t("step1"), t("step2"), t("step3")];
  const withdrawal = await getWithdrawalEntryPoint(await getDb(), await getLocale());
  return (
    <div className="grid gap-8 md:grid-cols-[1fr_20rem] md:items-start">
      <div className="mx-auto w-full max-w-md md:mx-0">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{t("title")}</h1>
        <p className="mt-2 text-base text-stone-600">{t("intro")}</p>
        {linkProblem && (
          <p
            role="status"
            className="mt-4 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-amber-950"
          >
            {t(linkProblem)}
          </p>
        )}
        <div className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
          <LookupForm
            defaultNumber={typeof number === "string" ? number.slice(0, 32) : undefined}
            labels={{
              number: t("number"),
              numberHint: t("numberHint"),
              email: t("email"),
              emailHint: t("emailHint"),
              submit: t("submit"),
              submitting: t("submitting"),
            }}
          />
        </div>
        {withdrawal && (
          <Link
            href={withdrawal.href}
            className="mt-4 inline-flex min-h-11 items-center rounded-lg border border-brand-700 bg-white px-5 py-2.5 font-medium text-brand-800 hover:bg-brand-50"
          >
            {withdrawal.label}
          </Link>
        )}
      </div>
      <aside
        aria-labelledby="how-heading"
        className="rounded-2xl bg-brand-50 p-5 text-sm text-brand-900 sm:p-6"
      >
        <h2 id="how-heading" className="text-base font-semibold">
          {t("howTitle")}
        </h2>
        <ol className="mt-3 space-y-3">
          {steps.map((step, i) => (
            <li key={i} className="flex gap-3">
              <span
                aria-hidden
                className="flex size-6 shrink-0 items-center justify-center rounded-full bg-white font-semibold text-brand-700"
              >
                {i + 1}
              </span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
        <p className="mt-4 border-t border-brand-100 pt-4">
          <Link href="/policy" className="font-medium underline underline-offset-2">
            {t("readPolicy")}
          </Link>
        </p>
      </aside>
    </div>
  );
}
