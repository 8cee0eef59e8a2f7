// Shopper and staff e-mails: subject, plain text and simple HTML from one copy per locale
// (copy/en.ts, nb.ts, zh.ts). Every e-mail links to the order page (when it is about an order)
// and to /policy; money is formatted for the reader's locale. Pure: no database, no env.
import { orderPath } from "@/lib/access/order-access";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { cachedIntl } from "@/lib/intl-cache";
import { formatMoney } from "@/lib/money";
import { type ReturnAddress, returnAddressLines } from "@/lib/settings/return-address";
import { en } from "./copy/en";
import { nb } from "./copy/nb";
import { zh } from "./copy/zh";
import type { NotificationTemplate, TemplateParams } from "./schemas";

export type { NotificationTemplate, TemplateParams } from "./schemas";

/** Templates about no order: the rest need one (its number, currency and page link). */
export const ORDERLESS_TEMPLATES: readonly NotificationTemplate[] = [
  "sign_in_link",
  "automation_paused",
  "webhook_endpoint_failing",
  "refund_attention",
];

export type Message = {
  subject: string;
  paragraphs: string[];
  list?: string[];
  /** Paragraphs after the list. */
  after?: string[];
  /** A postal address, shown as one block after everything else (before the links). */
  address?: string[];
  /** The e-mail's main link (sign in, open the console), shown before the standard ones. */
  action?: { label: string; url: string };
};

export type CopyContext = {
  storeName: string;
  orderNumber: string;
  consoleUrl: string;
  money(amount: number): string;
  date(isoDate: string): string;
  /** An instant with date, time to the second and the zone (UTC), for records such as a withdrawal. */
  dateTime(isoInstant: string): string;
  /** A postal address, one line each, the country in the reader's language. */
  address(address: ReturnAddress): string[];
  /** Picks the reader's locale from per-locale text; plain text passes through. */
  text(value: string | Record<string, string> | null | undefined): string | undefined;
};

export type Copy = {
  greeting: string;
  signOff(storeName: string): string;
  viewOrder: string;
  policy: string;
  templates: { [T in NotificationTemplate]: (params: TemplateParams[T], c: CopyContext) => Message };
};

const COPY: Record<Locale, Copy> = { en, nb, zh };

export type RenderContext = {
  locale: Locale;
  storeName: string;
  /** Absolute origin of the app, without a trailing slash. */
  baseUrl: string;
  /** `link`: the order's signed link (opens its page without a lookup); else its plain page. */
  order?: { number: string; currency: string; link?: string };
};

export type RenderedEmail = { subject: string; text: string; html: string };

export function renderNotification<T extends NotificationTemplate>(
  template: T,
  params: TemplateParams[T],
  context: RenderContext,
): RenderedEmail {
  const copy = COPY[context.locale];
  const intlLocale = INTL_LOCALE[context.locale];
  const currency = context.order?.currency;
  const message = copy.templates[template](params, {
    storeName: context.storeName,
    orderNumber: context.order?.number ?? "",
    consoleUrl: `${context.baseUrl}/merchant`,
    money: (amount) => {
      if (!currency) throw new Error(`template ${template} shows money but has no order currency`);
      return formatMoney(amount, currency, intlLocale);
    },
    date: (isoDate) =>
      cachedIntl(
        `mail-date|${intlLocale}`,
        () => new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeZone: "UTC" }),
      ).format(new Date(`${isoDate}T00:00:00Z`)),
    dateTime: (isoInstant) =>
      cachedIntl(
        `mail-datetime|${intlLocale}`,
        () => new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeStyle: "long", timeZone: "UTC" }),
      ).format(new Date(isoInstant)),
    address: (address) => returnAddressLines(address, context.locale),
    text: (value) => {
      const text = typeof value === "string" ? value : (value?.[context.locale] ?? value?.en);
      return text?.trim() || undefined;
    },
  });
  const links = [
    ...(message.action ? [message.action] : []),
    ...(context.order
      ? [
          {
            label: copy.viewOrder,
            url: context.order.link ?? `${context.baseUrl}${orderPath(context.order.number)}`,
          },
        ]
      : []),
    { label: copy.policy, url: `${context.baseUrl}/policy` },
  ];
  return {
    subject: message.subject,
    text: renderText(copy, message, links, context.storeName),
    html: renderHtml(copy, message, links, context),
  };
}

type Link = { label: string; url: string };

function renderText(copy: Copy, message: Message, links: Link[], storeName: string): string {
  return [
    copy.greeting,
    ...message.paragraphs,
    ...(message.list?.length ? [message.list.map((item) => `• ${item}`).join("\n")] : []),
    ...(message.after ?? []),
    ...(message.address?.length ? [message.address.join("\n")] : []),
    links.map((l) => `${l.label}: ${l.url}`).join("\n"),
    copy.signOff(storeName),
  ].join("\n\n");
}

function renderHtml(copy: Copy, message: Message, links: Link[], context: RenderContext): string {
  const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const list = message.list?.length
    ? `<ul>${message.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`
    : "";
  const anchors = links
    .map((l) => `<a href="${escapeHtml(l.url)}" style="color:#1d4ed8">${escapeHtml(l.label)}</a>`)
    .join("<br>");
  return [
    `<!doctype html><html lang="${context.locale}"><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>`,
    `<body style="font-family:system-ui,-apple-system,sans-serif;line-height:1.5;color:#111827;max-width:36rem">`,
    p(copy.greeting),
    ...message.paragraphs.map(p),
    list,
    ...(message.after ?? []).map(p),
    message.address?.length
      ? `<p style="font-style:normal;font-weight:600">${message.address.map(escapeHtml).join("<br>")}</p>`
      : "",
    `<p>${anchors}</p>`,
    `<p style="color:#4b5563">${escapeHtml(copy.signOff(context.storeName))}</p>`,
    `</body></html>`,
  ].join("\n");
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
