// The store's cancellation and refund policy as data, built from the live settings and the
// live rule set — the same inputs the commands and the rule engine read — so the page that
// renders it cannot promise something the rules do not do.
import type { Condition, Rule } from "@/lib/rules/schemas";
import { type ReturnAddress, returnAddressLines } from "@/lib/settings/return-address";

export type PaymentMethodType = "card" | "wallet" | "bank_transfer";

export type PolicyRule = {
  id: string;
  outcome: Rule["outcome"];
  conditions: Condition[];
  /** The rule's own words to the shopper, in their language, when it has any. */
  shopperMessage?: string;
};

export type Policy = {
  storeName: string;
  currency: string;
  timeZone: string;
  returnWindowDays: number;
  shipBySlaDays: number;
  maxRefundPerOrder: number;
  /** Automatic refunds are on and not paused by the circuit breaker. */
  automationActive: boolean;
  arrivalWindows: { method: PaymentMethodType; min: number; max: number }[];
  rulesVersion: number;
  rules: PolicyRule[];
  /** A rule declines returns that include final-sale items. */
  finalSaleDeclined: boolean;
  holidays: string[];
  /** Where returns go, one line each in the reader's language; null when the store has none set. */
  returnAddress: string[] | null;
};

export type PolicyStore = {
  name: string;
  currency: string;
  timeZone: string;
  returnWindowDays: number;
  shipBySlaDays: number;
  maxRefundPerOrder: number;
  autoRefundEnabled: boolean;
  automationPausedAt: Date | null;
  arrivalWindows: Record<PaymentMethodType, [number, number]>;
  holidays: string[];
  returnAddress?: ReturnAddress | null;
};

const METHODS: PaymentMethodType[] = ["card", "wallet", "bank_transfer"];

export function buildPolicy(
  store: PolicyStore,
  live: { version: number; rules: Rule[] },
  locale: string,
  today?: string,
): Policy {
  const rules = live.rules
    .filter((r) => r.enabled)
    .map((r) => ({
      id: r.id,
      outcome: r.outcome,
      conditions: r.when,
      ...(r.shopperMessage
        ? { shopperMessage: r.shopperMessage[locale as "en" | "nb" | "zh"] ?? r.shopperMessage.en }
        : {}),
    }));
  return {
    storeName: store.name,
    currency: store.currency,
    timeZone: store.timeZone,
    returnWindowDays: store.returnWindowDays,
    shipBySlaDays: store.shipBySlaDays,
    maxRefundPerOrder: store.maxRefundPerOrder,
    automationActive: store.autoRefundEnabled && !store.automationPausedAt,
    arrivalWindows: METHODS.map((method) => {
      const [min, max] = store.arrivalWindows[method] ?? [5, 10];
      return { method, min, max };
    }),
    rulesVersion: live.version,
    rules,
    finalSaleDeclined: rules.some(
      (r) =>
        r.outcome === "decline" && r.conditions.some((c) => c.field === "has_final_sale" && c.value === true),
    ),
    holidays: today ? store.holidays.filter((h) => h >= today).slice(0, 6) : [],
    returnAddress: store.returnAddress ? returnAddressLines(store.returnAddress, locale) : null,
  };
}
