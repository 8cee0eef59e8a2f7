import { Badge } from "@/components/ui/badge";
import type { Rule } from "@/lib/rules/schemas";
import { describeCondition, OUTCOME } from "./describe-rule";

/** The live rules in the order they are tried, each in plain words. */
export function LiveRules({ rules, currency }: { rules: Rule[]; currency: string }) {
  if (rules.length === 0)
    return <p className="text-sm text-stone-600">No rules: every request goes to review.</p>;
  return (
    <ol className="space-y-3">
      {rules.map((rule, i) => (
        <li key={rule.id} className="rounded-md border border-stone-200 p-3">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-stone-500 tabular-nums">{i + 1}.</span>
            <h3 className="text-sm font-semibold text-stone-900">{rule.name}</h3>
            <Badge tone={OUTCOME[rule.outcome].tone}>{OUTCOME[rule.outcome].label}</Badge>
            {!rule.enabled && <Badge>Disabled</Badge>}
            <span className="font-mono text-xs text-stone-500">{rule.id}</span>
          </div>
          <p className="mt-1.5 text-sm text-stone-800">
            {rule.when.length === 0
              ? "Always"
              : rule.when.map((c) => describeCondition(c, currency)).join(" and ")}
          </p>
          <p className="mt-1 text-sm text-stone-600">{rule.explanation}</p>
          {rule.shopperMessage && (
            <p className="mt-1 text-sm text-stone-600">
              <span className="font-medium text-stone-700">Shopper reads:</span> “{rule.shopperMessage.en}”
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
