// Issue 16, item 11: the language a shopper used for a request decides every e-mail about it —
// its decision, its refund, a fallback offer — and the order's locale is only the fallback.
// One withdrawal speaks one language; the Norwegian copy says "avbestilling" as the site does.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { sendSignInLink } from "@/lib/auth/email-sign-in";
import { notifications, requests } from "@/lib/db/schema";
import { submitRefund } from "@/lib/refunds/commands";
import { approveRequest, declineRequest, submitRequest } from "@/lib/requests/commands";
import { submitWithdrawal } from "@/lib/withdrawals/commands";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { formToken, orderByNumber, refundsOf, sandbox, usePaymentReference } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "mail-language-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const shopper = { type: "shopper" as const };
const agent = { type: "staff" as const, id: "agent-1" };

const mailsOf = (orderId: string) =>
  db.select().from(notifications).where(eq(notifications.orderId, orderId)).orderBy(notifications.createdAt);

async function cancelAll(number: string, locale?: "en" | "nb" | "zh") {
  const order = await orderByNumber(db, number);
  const result = await submitRequest(
    db,
    {
      orderId: order.id,
      type: "cancellation",
      lines: order.lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity })),
      reasonCode: "changed_mind",
      idempotencyKey: formToken(),
      ...(locale && { locale }),
    },
    shopper,
    { now: TEST_NOW },
  );
  return { order, ...result };
}

/** #1004 (placed in Norwegian, delivered): the bottle goes back, with no language recorded. */
async function returnBottle() {
  const order = await orderByNumber(db, "1004");
  const bottle = order.lines.find((l) => l.sku === "NS-BOTTLE")!;
  await submitRequest(
    db,
    {
      orderId: order.id,
      type: "return",
      lines: [{ lineItemId: bottle.id, quantity: 1 }],
      reasonCode: "no_longer_needed",
      idempotencyKey: formToken(),
    },
    shopper,
    { now: TEST_NOW },
  );
  return order;
}

describe("a request's e-mails speak the language the shopper used", () => {
  it("records the locale on the request and sends its approval and refund e-mails in it (order is English)", async () => {
    const { resolve } = sandbox();
    const { order, requestId } = await cancelAll("1001", "nb");
    expect(order.locale ?? "en").toBe("en");
    const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
    expect(request!.locale).toBe("nb");
    const [refund] = await refundsOf(db, order.id);
    expect(refund!.locale).toBe("nb");
    expect(await submitRefund(db, refund!.id, resolve)).toBe("succeeded");

    const mails = await mailsOf(order.id);
    expect(mails.map((m) => m.template)).toEqual(["request_approved", "refund_succeeded"]);
    expect(mails.map((m) => m.locale)).toEqual(["nb", "nb"]);
    expect(mails[0]!.subject).toBe("Avbestillingen din for bestilling #1001 er godkjent");
    expect(mails[1]!.subject).toMatch(/^Refusjonen din på .* er fullført$/);
  });

  it("a refund that fails and is offered a fallback tells the shopper in the request's language", async () => {
    const { resolve } = sandbox();
    const order = await orderByNumber(db, "1001");
    await usePaymentReference(db, order.id, "pm_card_expired_1001");
    await cancelAll("1001", "zh");
    const [refund] = await refundsOf(db, order.id);
    expect(await submitRefund(db, refund!.id, resolve)).toBe("failed");
    const mails = await mailsOf(order.id);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mails.map((m) => m.locale))).toEqual(new Set(["zh"]));
  });

  it("staff decisions on a request under review are sent in the request's language", async () => {
    // #1005 is high risk: every request waits for a person.
    const { order, requestId, status } = await cancelAll("1005", "nb");
    expect(status).toBe("pending_review");
    await declineRequest(db, { requestId, message: "Ordren er allerede pakket." }, agent);
    const mails = await mailsOf(order.id);
    expect(mails.map((m) => [m.template, m.locale])).toEqual([
      ["request_received", "nb"],
      ["request_declined", "nb"],
    ]);
    expect(mails[1]!.text).toContain("Ordren er allerede pakket.");
  });

  it("staff approval of a request under review is sent in the request's language too", async () => {
    const { order, requestId } = await cancelAll("1005", "en");
    await approveRequest(db, { requestId }, agent);
    const mails = await mailsOf(order.id);
    // #1005 was placed in Chinese; the shopper wrote in English.
    expect(order.locale).toBe("zh");
    expect(mails.map((m) => m.locale)).toEqual(["en", "en"]);
  });

  it("without a recorded language the order's locale decides", async () => {
    const order = await returnBottle();
    const mails = await mailsOf(order.id);
    expect(order.locale).toBe("nb");
    expect(mails.length).toBeGreaterThan(0);
    expect(new Set(mails.map((m) => m.locale))).toEqual(new Set(["nb"]));
  });
});

describe("one withdrawal, one language", () => {
  it("a Norwegian withdrawal of an English order sends every e-mail in Norwegian", async () => {
    const { resolve } = sandbox();
    const order = await orderByNumber(db, "1011");
    expect(order.locale ?? "en").toBe("en");
    const result = await submitWithdrawal(
      db,
      {
        orderId: order.id,
        name: "Frida Nilsen",
        email: "frida@example.com",
        scope: "all",
        locale: "nb",
        idempotencyKey: formToken(),
      },
      shopper,
      { now: TEST_NOW },
    );
    for (const refund of await refundsOf(db, order.id)) await submitRefund(db, refund.id, resolve);
    const mails = await mailsOf(order.id);
    expect(mails.map((m) => m.template)).toEqual(
      expect.arrayContaining(["withdrawal_received", "request_approved", "return_instructions"]),
    );
    expect(mails.filter((m) => m.locale !== "nb").map((m) => `${m.template}: ${m.subject}`)).toEqual([]);
    const requestLocales = await db
      .select({ locale: requests.locale })
      .from(requests)
      .where(eq(requests.orderId, order.id));
    expect(requestLocales.map((r) => r.locale)).toEqual(["nb", "nb"]);
    expect(result.cancellationRequestId && result.returnRequestId).toBeTruthy();
  });

  it("the Norwegian e-mails say avbestilling, as the site does, never kansellering", async () => {
    await returnBottle();
    const order = await orderByNumber(db, "1011");
    await submitWithdrawal(
      db,
      {
        orderId: order.id,
        name: "Frida Nilsen",
        email: "frida@example.com",
        scope: "all",
        locale: "nb",
        idempotencyKey: formToken(),
      },
      shopper,
      { now: TEST_NOW },
    );
    const nb = await db.select().from(notifications).where(eq(notifications.locale, "nb"));
    expect(nb.length).toBeGreaterThan(2);
    for (const mail of nb) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/kansell/i);
    expect(nb.some((m) => /avbestil/i.test(`${m.subject}\n${m.text}`))).toBe(true);
  });
});

describe("the sign-in link", () => {
  const url = "https://returns.nordlys.example/api/auth/callback/shopper-email?token=t&email=x";
  const signInMails = () => db.select().from(notifications).where(eq(notifications.template, "sign_in_link"));

  it("speaks the language of the page the shopper asked on, else their orders'", async () => {
    await sendSignInLink(db, "shopper-email", "dag@example.com", url, "zh");
    await sendSignInLink(db, "shopper-email", "bo@example.com", url);
    const mails = await signInMails();
    expect(mails.map((m) => [m.to, m.locale]).sort()).toEqual([
      ["bo@example.com", "nb"],
      ["dag@example.com", "zh"],
    ]);
  });
});
