// /account: a shopper signs in with an e-mail link (received by a real SMTP server, as the app
// is configured to send mail in the e2e run) and sees every order of that address, each
// opening without a lookup — and nothing of anyone else's.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { type SmtpInbox, startSmtpInbox } from "../fixtures/smtp-inbox";
import { OWNER, signInStaff } from "./console-helpers";

// The app under test sends mail here (SMTP_URL in playwright.config.ts).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);

let inbox: SmtpInbox;
test.beforeAll(async () => {
  inbox = await startSmtpInbox(SMTP_PORT);
});
test.afterAll(async () => {
  await inbox?.close();
});

test("/account asks for an e-mail and answers the same whether or not it has orders", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Your orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
  ).toEqual([]);

  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid e-mail address.").first()).toBeVisible();

  await page.getByLabel("E-mail address").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("If nobody-here@example.com has orders with us");
  await page.goto("/orders/1011");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please look it up again.");
});

test("a shopper signs in by e-mail link, sees their orders newest first and opens one without a lookup", async ({
  page,
}) => {
  await page.goto("/account");
  await page.getByLabel("E-mail address").fill("Frida@Example.com");
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("a sign-in link is on its way");

  const mail = await inbox.waitFor(
    (m) => m.headers.subject === "Sign in to Nordlys Supply" && m.headers.to === "frida@example.com",
    45_000,
  );
  const link = /https?:\/\/\S+\/api\/auth\/callback\/shopper-email\?\S+/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Signed in as frida@example.com")).toBeVisible();

  const orders = page.getByRole("main").getByRole("listitem");
  await expect(orders).toHaveCount(2);
  await expect(orders.nth(0)).toContainText("Order #1011");
  await expect(orders.nth(0)).toContainText("Partly shipped");
  await expect(orders.nth(1)).toContainText("Order #1012");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
  ).toEqual([]);

  await orders.nth(1).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Order #1012" })).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === "aftercare_order")).toBe(false);
  expect((await page.request.get("/orders/1012/status")).status()).toBe(200);

  // Signed in as Frida opens Frida's orders only.
  await page.goto("/orders/1001");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please look it up again.");
  expect((await page.request.get("/orders/1001/status")).status()).toBe(404);

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "E-mail me a sign-in link" })).toBeVisible();
});

test("a used sign-in link lands on the shopper's own page, in their language, not the staff sign-in", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  // Dag uses the site in Norwegian, so the e-mail is in Norwegian too.
  await context.addCookies([
    { name: "aftercare_locale", value: "nb", url: test.info().project.use.baseURL! },
  ]);
  await page.goto("/account");
  await page.getByLabel("E-postadresse").fill("dag@example.com");
  await page.getByRole("button", { name: "Send meg en innloggingslenke" }).click();
  await expect(page.getByRole("status")).toContainText("er en innloggingslenke på vei");
  const mail = await inbox.waitFor(
    (m) => m.headers.subject === "Logg inn hos Nordlys Supply" && m.headers.to === "dag@example.com",
    45_000,
  );
  const link = /https?:\/\/\S+\/api\/auth\/callback\/shopper-email\?\S+/.exec(mail.text)![0];
  await page.goto(link);
  await expect(page.getByText("Logget inn som dag@example.com")).toBeVisible();

  // The same link again, in a browser set to Norwegian: used, so it explains that and offers a new one.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await other.addCookies([
      { name: "aftercare_locale", value: "nb", url: test.info().project.use.baseURL! },
    ]);
    const again = await other.newPage();
    await again.goto(link);
    await expect(again).toHaveURL(/\/account\?link=used$/);
    await expect(again.getByRole("heading", { level: 1, name: "Bestillingene dine" })).toBeVisible();
    await expect(again.getByRole("main").getByRole("alert")).toContainText(
      "Denne innloggingslenken er allerede brukt eller har utløpt.",
    );
    await expect(again.getByRole("button", { name: "Send meg en innloggingslenke" })).toBeVisible();
    await expect(again.getByText("Sign in to the console")).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("in the demo, the shopper's sign-in link can be finished from the console's mail outbox", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto("/account");
  await page.getByLabel("E-mail address").fill("eva@example.com");
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("a sign-in link is on its way");

  const { context, page: desk } = await signInStaff(browser, OWNER);
  try {
    await desk.goto("/merchant/outbox");
    await desk
      .getByRole("row")
      .filter({ hasText: "eva@example.com" })
      .filter({ hasText: "Sign in to Nordlys Supply" })
      .first()
      .getByRole("link")
      .click();
    const demo = desk.getByRole("region", { name: "Demo: the shopper's sign-in link" });
    await expect(demo).toContainText("a real store never shows sign-in links here");
    const href = await demo.getByRole("link").getAttribute("href");
    expect(href).toMatch(/\/api\/auth\/callback\/shopper-email\?/);
    // A staff member's own links stay hidden even in the demo (none here); the shopper's is in the text.
    await expect(desk.getByRole("region", { name: "Plain text" })).toContainText(
      "/api/auth/callback/shopper-email",
    );

    const shopper = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const tab = await shopper.newPage();
    await tab.goto(href!);
    await expect(tab.getByText("Signed in as eva@example.com")).toBeVisible();
    await shopper.close();
  } finally {
    await context.close();
  }
});
