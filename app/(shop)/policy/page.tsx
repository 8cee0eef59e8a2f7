import { getLocale, getTranslations } from "next-intl/server";
import { PolicyView } from "@/components/shop/policy-view";
import { getDb } from "@/lib/db";
import { getPolicy } from "@/lib/policy/queries";

// Rendered on every request from the live settings and rules, so it never goes stale.
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("policy");
  return { title: t("title") };
}

export default async function PolicyPage() {
  const locale = await getLocale();
  const policy = await getPolicy(await getDb(), locale);
  return <PolicyView policy={policy} locale={locale} />;
}
