import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Shown for any order this session may not see — the same whether or not the order exists. */
export async function AccessRequired({ number }: { number: string }) {
  const t = await getTranslations("order");
  const clean = number.replace(/[^A-Za-z0-9-]/g, "").slice(0, 32);
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-amber-200 bg-amber-50 p-6 text-amber-950">
      <h1 className="text-xl font-semibold">{t("accessTitle")}</h1>
      <p role="alert" className="mt-2">
        {t("sessionExpired")}
      </p>
      <Link
        href={clean ? `/?number=${encodeURIComponent(clean)}` : "/"}
        className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
      >
        {t("lookUpAgain")}
      </Link>
    </div>
  );
}
