import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { intlLocale } from "@/lib/i18n/format";
import { formatPrice } from "@/lib/i18n/format";
import type { Policy, PolicyRule } from "@/lib/policy/model";
import type { Condition } from "@/lib/rules/schemas";

const OUTCOME_TONE: Record<PolicyRule["outcome"], Tone> = {
  auto_approve: "green",
  review: "amber",
  decline: "red",
};

/** The live rules in order, each as "when … → outcome", in the shopper's words. */
export async function RuleSummary({ policy, locale }: { policy: Policy; locale: string }) {
  const t = await getTranslations("policy.rules");
  const describe = await conditionDescriber(policy, locale);
  return (
    <ol className="space-y-3">
      {policy.rules.map((rule) => (
        <li key={rule.id} className="rounded-xl border border-stone-200 bg-white p-4">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={OUTCOME_TONE[rule.outcome]}>{t(`outcome.${rule.outcome}`)}</Badge>
          </div>
          <p className="mt-2 text-stone-800">
            {rule.conditions.length === 0
              ? t("otherwise")
              : t("when", { conditions: list(rule.conditions.map(describe), locale, "conjunction") })}
          </p>
          {rule.shopperMessage && <p className="mt-1 text-sm text-stone-600">{rule.shopperMessage}</p>}
        </li>
      ))}
    </ol>
  );
}

function list(items: string[], locale: string, type: "conjunction" | "disjunction") {
  return new Intl.ListFormat(intlLocale(locale), { style: "long", type }).format(items);
}

async function conditionDescriber(policy: Policy, locale: string) {
  const t = await getTranslations("policy.conditions");
  const reasons = await getTranslations("requestForm.reasons");
  const words = await getTranslations("policy.words");
  const or = (values: string[]) => list(values, locale, "disjunction");
  const money = (n: number) => formatPrice(n, policy.currency, locale);
  return (c: Condition): string => {
    switch (c.field) {
      case "type":
        return t(`type.${c.op}`, { type: words(`type.${c.value}`) });
      case "reason":
        return t(`reason.${c.op}`, {
          reasons: or(c.value.map((r) => words("quoted", { text: reasons.has(r) ? reasons(r) : r }))),
        });
      case "fulfillment_status":
        return t(`fulfillment.${c.op}`, { states: or(c.value.map((s) => words(`fulfillment.${s}`))) });
      case "days_since_delivery":
      case "days_since_payment":
        return t(`${c.field}.${c.op}`, { days: c.value });
      case "amount":
        return t(`amount.${c.op}`, { amount: money(c.value) });
      case "over_store_max":
        return t(c.value ? "overStoreMax" : "withinStoreMax", { max: money(policy.maxRefundPerOrder) });
      case "within_return_window":
        return t(c.value ? "withinWindow" : "outsideWindow", { days: policy.returnWindowDays });
      case "risk_level":
        return t(`risk.${c.op}`, { levels: or(c.value.map((l) => words(`risk.${l}`))) });
      case "has_final_sale":
        return t(c.value ? "hasFinalSale" : "noFinalSale");
      case "product_tags":
        return t(`tags.${c.op}`, { tags: or(c.value) });
      case "customer_refunds":
        return t(`customerRefunds.${c.op}`, { count: c.value, days: c.days });
      case "payment_method":
        return t(`paymentMethod.${c.op}`, { methods: or(c.value.map((m) => words(`method.${m}`))) });
    }
  };
}
