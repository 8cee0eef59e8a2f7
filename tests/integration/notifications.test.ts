// The notification outbox on a real database: every template renders in en, nb and zh with the
// order and policy links and locale-formatted money; queueing is atomic with the caller's
// transaction; without SMTP the stored e-mail is the delivery (the local outbox): no job.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { lineItems, notifications, orders, requestItems, requests } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { INTL_LOCALE, LOCALES } from "@/lib/i18n/config";
import { runJobsNow } from "@/lib/jobs/drain";
import { formatMoney } from "@/lib/money";
import { appBaseUrl, queueNotification } from "@/lib/notifications/commands";
import { configureMail } from "@/lib/notifications/mailer";
import type { NotificationTemplate, TemplateParamsInput } from "@/lib/notifications/schemas";
import { createDemoDatabase } from "../fixtures/db";

process.env.AUTH_URL = "https://returns.nordlys.example/";
process.env.AUTH_SECRET ??= "notifications-test-secret-0123456789abcdef";

let database: Database;
let order: typeof orders.$inferSelect;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  [order] = (await database.db.select().from(orders).where(eq(orders.number, "1001"))) as [typeof order];
  configureMail({ smtpUrl: null, from: "Nordlys Supply <no-reply@aftercare.local>" });
});
afterAll(async () => {
  configureMail(undefined);
  await database.close();
});

const BASE = "https://returns.nordlys.example";
const AMOUNT = 123_450;

const PARAMS: TemplateParamsInput = {
  request_received: { requestType: "return", amount: AMOUNT },
  request_approved: { requestType: "cancellation", status: "refunding", amount: AMOUNT },
  request_declined: {
    type: "return",
    message: { en: "Worn <items>", nb: "Brukte <varer>", zh: "已穿过<商品>" },
  },
  refund_sent: { amount: AMOUNT, expectedFrom: "2026-11-30", expectedTo: "2026-12-07" },
  refund_succeeded: { amount: AMOUNT },
  refund_failed: { amount: AMOUNT, reason: "The card has expired." },
  refund_manual: { amount: AMOUNT },
  order_cancelled: { amount: AMOUNT, reason: "customer" },
  return_instructions: { items: [{ title: "Ullgenser", quantity: 2 }], returnBy: "2026-12-20" },
  sign_in_link: {
    url: "https://returns.nordlys.example/api/auth/callback/email?token=abc&email=ada%40example.com",
  },
  automation_paused: { reason: "12 refunds in 10 minutes tripped the circuit breaker" },
  webhook_endpoint_failing: {
    url: "https://erp.example/hooks",
    failures: 10,
    lastError: "The endpoint answered HTTP 503",
    disabled: false,
  },
  refund_attention: { orderNumber: "1001", reason: "No payment gateway adapter for shopify_payments" },
  withdrawal_received: {
    name: "Ada Lund",
    submittedAt: "2026-11-23T12:00:05.000Z",
    scope: "some",
    items: [{ title: "Ullgenser", quantity: 1, shipped: true }],
    reason: null,
    receiptUrl: "https://returns.nordlys.example/withdraw/receipt/abc",
  },
  refund_fallback: {
    amount: AMOUNT,
    url: "https://returns.nordlys.example/refund-options/abc",
    expiresAt: "2026-12-07",
    failureCode: "expired_or_canceled_card",
    choices: ["original", "bank_transfer", "store_credit"],
  },
  store_credit_issued: { amount: AMOUNT, code: "NS-CREDIT-1234" },
};
const ORDERLESS = new Set<NotificationTemplate>([
  "sign_in_link",
  "automation_paused",
  "webhook_endpoint_failing",
  "refund_attention",
]);
const TEMPLATES = Object.keys(PARAMS) as NotificationTemplate[];
// One word per locale that each template's text must contain, so a copy cannot silently fall back to English.
const LOCAL_WORD: Record<(typeof LOCALES)[number], RegExp> = {
  en: /refund|order|sign in|return/i,
  nb: /refusjon|bestilling|logg inn|retur/i,
  zh: /退款|订单|登录|退货/,
};

async function queue(template: NotificationTemplate, locale: string) {
  const { notificationId } = await database.db.transaction((tx) =>
    queueNotification(tx, {
      orderId: ORDERLESS.has(template) ? null : order.id,
      to: "Ada@Example.com",
      locale,
      template,
      params: PARAMS[template],
    } as Parameters<typeof queueNotification>[1]),
  );
  const [row] = await database.db.select().from(notifications).where(eq(notifications.id, notificationId));
  return row!;
}

describe("templates", () => {
  it("uses AUTH_URL as the absolute origin of links", () => {
    expect(appBaseUrl()).toBe(BASE);
  });

  for (const locale of LOCALES) {
    it(`renders every template in ${locale} with the order and policy links and local money`, async () => {
      const money = formatMoney(AMOUNT, order.currency, INTL_LOCALE[locale]);
      for (const template of TEMPLATES) {
        const row = await queue(template, locale);
        expect(row).toMatchObject({ to: "ada@example.com", locale, template, status: "sent" });
        expect(row.subject.length, template).toBeGreaterThan(5);
        expect(row.text, template).toContain(`${BASE}/policy`);
        expect(row.html, template).toContain(`href="${BASE}/policy"`);
        expect(row.text, template).toMatch(LOCAL_WORD[locale]);
        if (!ORDERLESS.has(template)) {
          expect(row.orderId).toBe(order.id);
          // The order's signed link (lib/access/order-link.ts), which opens exactly this order.
          const link = new RegExp(`${BASE}/o/${order.id}\\.\\d+\\.[\\w-]+`);
          expect(row.text, template).toMatch(link);
          expect(row.html, template).toMatch(new RegExp(`href="${link.source}"`));
          expect(row.text, template).toContain("#1001");
        }
        if ("amount" in PARAMS[template]) expect(row.text, template).toContain(money);
      }
    });
  }

  it("tells the shopper what happens next when a refund fails", async () => {
    const en = await queue("refund_failed", "en");
    expect(en.subject).toBe(`Your refund of ${formatMoney(AMOUNT, "NOK", "en-GB")} could not be completed`);
    expect(en.text).toContain("What happens next");
    expect(en.text).toContain("The card has expired.");
    expect((await queue("refund_failed", "nb")).text).toContain("Hva skjer nå");
    expect((await queue("refund_failed", "zh")).text).toContain("接下来");
  });

  it("escapes shopper-supplied text in the HTML and picks the reader's language from per-locale text", async () => {
    const nb = await queue("request_declined", "nb");
    expect(nb.text).toContain("Brukte <varer>");
    expect(nb.html).toContain("Brukte &lt;varer&gt;");
    expect(nb.html).not.toContain("<varer>");
  });

  it("formats arrival dates for the locale (sent, and completed at once) and links the sign-in URL", async () => {
    expect((await queue("refund_sent", "en")).text).toContain("30 November 2026");
    expect((await queue("refund_sent", "nb")).text).toContain("30. november 2026");
    expect((await queue("refund_sent", "zh")).text).toContain("2026年11月30日");
    // Completed at once: the one e-mail carries the window; without one it says "a few days".
    const window = { amount: AMOUNT, expectedFrom: "2026-11-30", expectedTo: "2026-12-07" };
    const expected = { en: "30 November 2026", nb: "30. november 2026", zh: "2026年11月30日" };
    for (const locale of LOCALES) {
      const { notificationId } = await database.db.transaction((tx) =>
        queueNotification(tx, {
          orderId: order.id,
          to: "ada@example.com",
          locale,
          template: "refund_succeeded",
          params: window,
        }),
      );
      const [row] = await database.db
        .select()
        .from(notifications)
        .where(eq(notifications.id, notificationId));
      expect(row!.text).toContain(expected[locale]);
      expect((await queue("refund_succeeded", locale)).text).not.toContain(expected[locale]);
    }
    const signIn = await queue("sign_in_link", "en");
    expect(signIn.text).toContain(PARAMS.sign_in_link.url);
    expect(signIn.html).toContain(`href="${PARAMS.sign_in_link.url.replaceAll("&", "&amp;")}"`);
    expect(signIn.orderId).toBeNull();
  });

  it("lists a return's items from the request when only the request is named", async () => {
    const [delivered] = await database.db.select().from(orders).where(eq(orders.number, "1002"));
    const lines = await database.db.select().from(lineItems).where(eq(lineItems.orderId, delivered!.id));
    const [request] = await database.db
      .insert(requests)
      .values({
        orderId: delivered!.id,
        type: "return",
        status: "awaiting_item",
        reasonCode: "too_small",
        idempotencyKey: `n-${Date.now()}`,
        currency: delivered!.currency,
      })
      .returning();
    await database.db
      .insert(requestItems)
      .values({ requestId: request!.id, lineItemId: lines[0]!.id, quantity: 1 });
    const { notificationId } = await queueNotification(database.db, {
      orderId: delivered!.id,
      to: delivered!.email,
      locale: "en",
      template: "return_instructions",
      params: { requestId: request!.id },
    });
    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, notificationId));
    const title = lines[0]!.variantTitle ? `${lines[0]!.title} (${lines[0]!.variantTitle})` : lines[0]!.title;
    expect(row!.text).toContain(`• 1 × ${title}`);
    expect(row!.text).toContain("Your return from order #1002:");
  });

  it("falls back to the order's locale, then English", async () => {
    const [nbOrder] = await database.db.select().from(orders).where(eq(orders.number, "1003"));
    const { notificationId } = await queueNotification(database.db, {
      orderId: nbOrder!.id,
      to: nbOrder!.email,
      template: "refund_succeeded",
      params: { amount: 100 },
    });
    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, notificationId));
    expect(row).toMatchObject({ locale: "nb" });
    expect(row!.text).toContain("#1003");
    expect((await queue("refund_succeeded", "fr")).locale).toBe("en");
  });

  it("refuses bad params and a bad recipient with field errors, writing nothing", async () => {
    const before = await database.db.$count(notifications);
    await expect(
      queueNotification(database.db, {
        orderId: order.id,
        to: "ada@example.com",
        template: "refund_sent",
        params: { amount: -5 },
      }),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { amount: expect.any(Array) } });
    await expect(
      queueNotification(database.db, {
        orderId: order.id,
        to: "not-an-address",
        template: "refund_succeeded",
        params: { amount: 1 },
      }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await database.db.$count(notifications)).toBe(before);
  });
});

describe("outbox delivery", () => {
  it("queues nothing when the caller's transaction rolls back", async () => {
    const before = await database.db.$count(notifications);
    await expect(
      database.db.transaction(async (tx) => {
        await queueNotification(tx, {
          orderId: order.id,
          to: order.email,
          template: "refund_succeeded",
          params: { amount: 1 },
        });
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    expect(await database.db.$count(notifications)).toBe(before);
  });

  it("stores e-mails as sent to the local outbox, with no delivery job, when no SMTP server is configured", async () => {
    const row = await queue("order_cancelled", "en");
    const [sent] = await database.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(sent).toMatchObject({ status: "sent", transport: "outbox", attempts: 1, lastError: null });
    expect(sent!.sentAt).toBeInstanceOf(Date);
    const { rows } = await database.executeSql(
      `select count(*)::int as n from pgboss.job where name = 'notification.deliver' and data->>'notificationId' = $1`,
      [row.id],
    );
    expect(rows[0]!.n).toBe(0);
    expect((await runJobsNow(database, { names: ["notification.deliver"] })).runs).toHaveLength(0);
  });
});
