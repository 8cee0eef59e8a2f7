// The downloadable copy of a withdrawal (a durable medium beside the e-mail): plain text in the
// shopper's language, from the stored record only, so it reads the same years later.
import type { withdrawals } from "@/lib/db/schema";
import { INTL_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";

type Row = Pick<
  typeof withdrawals.$inferSelect,
  "id" | "orderNumber" | "name" | "email" | "reason" | "scope" | "lines" | "submittedAt" | "locale"
>;

const WORDS: Record<
  Locale,
  {
    title: string;
    intro: (store: string) => string;
    name: string;
    email: string;
    order: string;
    scope: { all: string; some: string };
    items: string;
    shipped: string;
    unshipped: string;
    reason: string;
    noReason: string;
    submitted: string;
    reference: string;
  }
> = {
  en: {
    title: "Withdrawal from the contract — acknowledgement of receipt",
    intro: (store) => `${store} received this withdrawal from the contract:`,
    name: "Name",
    email: "Confirmation sent to",
    order: "Order",
    scope: { all: "Withdrawn from: the whole order", some: "Withdrawn from: the items below" },
    items: "Items",
    shipped: "sent to you: to be returned",
    unshipped: "not sent yet: cancelled",
    reason: "Reason",
    noReason: "none given (no reason is needed)",
    submitted: "Submitted",
    reference: "Reference",
  },
  nb: {
    title: "Angremelding – bekreftelse på mottak",
    intro: (store) => `${store} har mottatt denne angremeldingen:`,
    name: "Navn",
    email: "Bekreftelse sendt til",
    order: "Bestilling",
    scope: { all: "Angret: hele bestillingen", some: "Angret: varene nedenfor" },
    items: "Varer",
    shipped: "sendt til deg: skal returneres",
    unshipped: "ikke sendt ennå: avbestilt",
    reason: "Årsak",
    noReason: "ingen oppgitt (du trenger ikke oppgi noen)",
    submitted: "Sendt inn",
    reference: "Referanse",
  },
  zh: {
    title: "撤回合同声明 —— 收到确认",
    intro: (store) => `${store} 已收到以下撤回合同声明：`,
    name: "姓名",
    email: "确认邮件发送至",
    order: "订单",
    scope: { all: "撤回范围：整个订单", some: "撤回范围：以下商品" },
    items: "商品",
    shipped: "已寄出：需退回",
    unshipped: "尚未寄出：已取消",
    reason: "原因",
    noReason: "未填写（无需说明原因）",
    submitted: "提交时间",
    reference: "编号",
  },
};

/** The instant as "2026-11-23 12:00:05 UTC": unambiguous in every language. */
export const utcSecond = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export function renderWithdrawalReceipt(row: Row, context: { storeName: string; locale?: string }): string {
  const locale: Locale = isLocale(context.locale) ? context.locale : isLocale(row.locale) ? row.locale : "en";
  const w = WORDS[locale];
  const local = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(row.submittedAt);
  return [
    w.title,
    "",
    w.intro(context.storeName),
    "",
    `${w.name}: ${row.name}`,
    `${w.email}: ${row.email}`,
    `${w.order}: #${row.orderNumber}`,
    w.scope[row.scope],
    `${w.items}:`,
    ...row.lines.map(
      (l) =>
        `  ${l.quantity} × ${l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title} — ${l.shipped ? w.shipped : w.unshipped}`,
    ),
    `${w.reason}: ${row.reason ?? w.noReason}`,
    `${w.submitted}: ${utcSecond(row.submittedAt)} (${local})`,
    `${w.reference}: ${row.id}`,
    "",
  ].join("\n");
}
