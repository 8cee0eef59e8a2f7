import { getTranslations } from "next-intl/server";
import { formatLocalDate } from "@/lib/i18n/format";
import { formatPrice } from "@/lib/i18n/format";
import type { Policy } from "@/lib/policy/model";
import { RuleSummary } from "./rule-summary";

export async function PolicyView({ policy, locale }: { policy: Policy; locale: string }) {
  const t = await getTranslations("policy");
  const words = await getTranslations("policy.words");
  const money = (n: number) => formatPrice(n, policy.currency, locale);
  return (
    <article className="space-y-8">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-stone-600">{t("intro", { store: policy.storeName })}</p>
      </header>

      <Section id="cancel" title={t("cancel.title")}>
        <p>{t("cancel.body")}</p>
        <p>
          {t(policy.automationActive ? "cancel.shipBy" : "cancel.shipByPaused", {
            days: policy.shipBySlaDays,
          })}
        </p>
        <p>{t("cancel.afterShipping")}</p>
      </Section>

      <Section id="returns" title={t("returns.title")}>
        <p>{t("returns.window", { days: policy.returnWindowDays })}</p>
        <p>{t("returns.finalSale")}</p>
        <p>{t("returns.photos")}</p>
        <p>{t(policy.automationActive ? "returns.refundOnArrival" : "returns.refundOnArrivalPaused")}</p>
        {policy.returnAddress ? (
          <div>
            <p>{t("returns.sendTo")}</p>
            <address className="mt-1 font-medium not-italic">
              {policy.returnAddress.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </div>
        ) : (
          <p>{t("returns.askForAddress")}</p>
        )}
      </Section>

      <Section id="decisions" title={t("decisions.title")}>
        <p>{policy.automationActive ? t("decisions.intro") : t("decisions.paused")}</p>
        {policy.rules.length > 0 ? (
          <RuleSummary policy={policy} locale={locale} />
        ) : (
          <p>{t("decisions.noRules")}</p>
        )}
        <p className="text-sm text-stone-600">
          {t("decisions.max", { max: money(policy.maxRefundPerOrder) })} {t("decisions.held")}
        </p>
      </Section>

      <Section id="refunded" title={t("refunded.title")}>
        <ul className="list-disc space-y-1.5 pl-5">
          <li>{t("refunded.items")}</li>
          <li>{t("refunded.tax")}</li>
          <li>{t("refunded.shippingCancel")}</li>
          <li>{t("refunded.shippingReturn")}</li>
        </ul>
        <h3 className="pt-2 font-semibold">{t("refunded.notTitle")}</h3>
        <ul className="list-disc space-y-1.5 pl-5">
          <li>{t("refunded.fees")}</li>
        </ul>
      </Section>

      <Section id="arrival" title={t("arrival.title")}>
        <p>{t("arrival.intro")}</p>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("arrival.caption")}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("arrival.method")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("arrival.time")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {policy.arrivalWindows.map((w) => (
                <tr key={w.method}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    {words(`method.${w.method}`)}
                  </th>
                  <td className="px-4 py-2" data-testid={`arrival-${w.method}`}>
                    {t("arrival.days", { min: w.min, max: w.max })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm text-stone-600">{t("arrival.businessDays", { timeZone: policy.timeZone })}</p>
        {policy.holidays.length > 0 && (
          <p className="text-sm text-stone-600">
            {t("arrival.holidays", {
              dates: new Intl.ListFormat(locale === "zh" ? "zh-CN" : locale, { type: "conjunction" }).format(
                policy.holidays.map((h) => formatLocalDate(h, locale, true)),
              ),
            })}
          </p>
        )}
      </Section>

      <p className="text-xs text-stone-600">{t("source", { version: policy.rulesVersion })}</p>
    </article>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-2xl border border-stone-200 bg-stone-50/50 p-5 text-stone-800 sm:p-6"
    >
      <h2 id={`${id}-heading`} className="text-xl font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
