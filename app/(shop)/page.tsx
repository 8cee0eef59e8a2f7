import { getTranslations } from "next-intl/server";
import { LookupForm } from "@/components/lookup/lookup-form";

export const dynamic = "force-dynamic";

export default async function LookupPage() {
  const t = await getTranslations("lookup");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-stone-600">{t("intro")}</p>
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <LookupForm />
      </div>
    </div>
  );
}
