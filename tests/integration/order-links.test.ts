// Issue 16, item 13: order e-mails carry a signed link that opens that one order's page (as a
// lookup does), for 90 days and then for as long as the order can still change, revocable by
// staff, and separate from sign-in links. A failed shopper sign-in link lands on the shopper's
// page; the demo outbox shows shoppers' sign-in links and production hides them.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOrderAccessToken } from "@/lib/access/order-access";
import { createOrderLinkToken, readOrderLinkToken } from "@/lib/access/order-link";
import { openOrderLink, revokeOrderLinks } from "@/lib/access/order-links";
import { SHOPPER_LINK_FAILED_PATH, shopperLinkFailureRedirect } from "@/lib/auth/email-sign-in";
import { HIDDEN_LINK, redactSignInLinks } from "@/lib/console/outbox";
import type { Database } from "@/lib/db/client";
import { events, notifications } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { cancelWholeOrder, orderByNumber } from "../fixtures/engine";

process.env.AUTH_SECRET ??= "order-links-test-secret-0123456789abcdef";
process.env.AUTH_URL ??= "https://returns.nordlys.example";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase({ generated: 0 });
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

const DAY = 86_400_000;
const secret = () => env().authSecret;
const agent = { type: "staff" as const, id: "agent-1" };

describe("the link in an order e-mail", () => {
  it("opens exactly the order the e-mail is about", async () => {
    const order = await orderByNumber(db, "1001");
    await cancelWholeOrder(db, order);
    const [mail] = await db.select().from(notifications).where(eq(notifications.orderId, order.id));
    const link = /https:\/\/returns\.nordlys\.example\/o\/(\S+)/.exec(mail!.text);
    expect(link).not.toBeNull();
    expect(mail!.html).toContain(`/o/${link![1]}`);
    const opened = await openOrderLink(db, decodeURIComponent(link![1]!), secret());
    expect(opened).toEqual({ ok: true, order: { id: order.id, number: "1001" } });
  });

  it("is refused when altered, when signed for another purpose, or signed with another secret", async () => {
    const mine = await orderByNumber(db, "1001");
    const other = await orderByNumber(db, "1002");
    const token = createOrderLinkToken(mine.id, secret(), TEST_NOW.getTime());
    const swapped = token.replace(mine.id, other.id);
    expect(await openOrderLink(db, swapped, secret(), TEST_NOW)).toEqual({ ok: false, reason: "invalid" });
    // The two-hour lookup cookie is not an order link, and a link is not a cookie.
    const cookie = createOrderAccessToken(mine.id, secret(), TEST_NOW.getTime());
    expect(readOrderLinkToken(cookie, secret())).toBeNull();
    expect(
      readOrderLinkToken(createOrderLinkToken(mine.id, "another-secret-0123456789abcdef0123"), secret()),
    ).toBeNull();
    for (const junk of ["", "abc", "a.b.c", `${mine.id}.x.y`, "%00"]) {
      expect((await openOrderLink(db, junk, secret(), TEST_NOW)).ok).toBe(false);
    }
  });

  it("works for 90 days, then only while the order can still change", async () => {
    const closed = await orderByNumber(db, "1003"); // delivered 45 days ago: window and withdrawal over
    const moving = await orderByNumber(db, "1006"); // still on its way
    const sent = TEST_NOW.getTime() - 100 * DAY;
    const at89 = new Date(sent + 89 * DAY);
    expect(
      (await openOrderLink(db, createOrderLinkToken(closed.id, secret(), sent), secret(), at89)).ok,
    ).toBe(true);
    expect(
      await openOrderLink(db, createOrderLinkToken(closed.id, secret(), sent), secret(), TEST_NOW),
    ).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(
      (await openOrderLink(db, createOrderLinkToken(moving.id, secret(), sent), secret(), TEST_NOW)).ok,
    ).toBe(true);
  });

  it("staff revoke every link sent so far, audited; a link sent afterwards works", async () => {
    const order = await orderByNumber(db, "1002");
    const before = createOrderLinkToken(order.id, secret(), Date.now() - 1000);
    await revokeOrderLinks(db, { orderId: order.id, note: "Forwarded to the wrong person" }, agent);
    expect(await openOrderLink(db, before, secret())).toEqual({ ok: false, reason: "revoked" });
    const [event] = await db.select().from(events).where(eq(events.type, "order.links_revoked"));
    expect(event).toMatchObject({ orderId: order.id, actorType: "staff", actorId: "agent-1" });
    const after = createOrderLinkToken(order.id, secret(), Date.now() + 1000);
    expect((await openOrderLink(db, after, secret(), new Date(Date.now() + 2000))).ok).toBe(true);
  });
});

describe("sign-in links", () => {
  const base = "https://returns.nordlys.example/api/auth";
  it("a used or expired shopper link lands on the shopper's own page, a staff link on the staff's", () => {
    expect(
      shopperLinkFailureRedirect(
        `${base}/callback/shopper-email?token=x&email=a%40b.c`,
        `${base}/error?error=Verification`,
      ),
    ).toBe(SHOPPER_LINK_FAILED_PATH);
    expect(
      shopperLinkFailureRedirect(
        `${base}/callback/shopper-email?token=x`,
        "https://returns.nordlys.example/account",
      ),
    ).toBeNull();
    expect(
      shopperLinkFailureRedirect(`${base}/callback/staff-email?token=x`, `${base}/error?error=Verification`),
    ).toBeNull();
  });

  it("the outbox hides sign-in links; the demo shows shoppers' links only", () => {
    const shopper = "https://returns.nordlys.example/api/auth/callback/shopper-email?token=abc&email=a%40b.c";
    const staff = "https://returns.nordlys.example/api/auth/callback/staff-email?token=def&email=o%40b.c";
    const text = `Sign in: ${shopper}\nStaff: ${staff}`;
    expect(redactSignInLinks(text)).toBe(`Sign in: ${HIDDEN_LINK}\nStaff: ${HIDDEN_LINK}`);
    expect(redactSignInLinks(text, { showShopperLinks: true })).toBe(
      `Sign in: ${shopper}\nStaff: ${HIDDEN_LINK}`,
    );
  });
});
