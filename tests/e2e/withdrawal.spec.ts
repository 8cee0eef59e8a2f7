// The withdrawal function (EU CRD Art. 11a) as a guest uses it: the entry point where the law
// wants it (lookup page, footer, every eligible order page, gone once the period is over), the
// two steps, the acknowledgement e-mail received by a real SMTP server with the content and the
// time to the second, the downloadable copy, and the pipeline: #1011's unsent beanie is refunded,
// its delivered sweater becomes a return. axe checks every screen of the flow.
import fs from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type ParsedMail, parseMail, type SmtpInbox, startSmtpInbox } from "../fixtures/smtp-inbox";
import { lookUp, ownClientAddress } from "./shopper-helpers";

// Serial (later tests read what earlier ones did); long flows get two minutes on a busy machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const LABEL = "Withdraw from contract here";
// The app under test sends mail here (SMTP_URL in playwright.config.ts).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);

let inbox: SmtpInbox;
test.beforeAll(async () => {
  inbox = await startSmtpInbox(SMTP_PORT);
});
test.afterAll(async () => {
  await inbox?.close();
});

async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

test("the entry point is on the lookup page, the footer and eligible order pages, and gone once the period is over", async ({
  page,
}) => {
  await ownClientAddress(page);
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("link", { name: LABEL })).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("link", { name: LABEL })).toBeVisible();

  await lookUp(page, "1002", "ada@example.com"); // delivered 3 days ago
  const onOrder = page.getByRole("main").getByRole("link", { name: LABEL });
  await expect(onOrder).toBeVisible();
  await expect(onOrder).toHaveAttribute("href", "/withdraw?order=1002");
  await expect(page.getByRole("main")).toContainText("You can withdraw from this purchase until");

  await lookUp(page, "1003", "bo@example.com"); // delivered 45 days ago: the period is over
  await expect(page.getByRole("heading", { name: "Order #1003" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: LABEL })).toHaveCount(0);
});

test("a guest withdraws from #1011 in two steps and gets the acknowledgement by e-mail, to the second", async ({
  page,
}) => {
  await ownClientAddress(page);
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: LABEL }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Withdraw from contract" })).toBeVisible();
  await expectAccessible(page, "withdrawal step one");

  // Step one, empty: field errors, nothing sent; the reason is not among them.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expectAccessible(page, "withdrawal step one with errors");

  await page.getByLabel("Your name").fill("Frida Nilsen");
  await page.getByLabel("Order number").fill("#1011");
  await page.getByLabel("E-mail address").fill("frida@example.com");
  await page.getByRole("button", { name: "Continue" }).click();

  // Step two: a separate, explicit confirmation of exactly what is withdrawn.
  await expect(page.getByRole("heading", { name: /Check and confirm your withdrawal/ })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText("Nordlys Beanie");
  await expect(main).toContainText("not sent yet: cancelled");
  await expect(main).toContainText("Aurora Wool Sweater");
  await expect(main).toContainText("sent to you: you return it");
  await expect(main).toContainText("None given");
  await expectAccessible(page, "withdrawal step two");
  await page.getByRole("button", { name: "Confirm withdrawal" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "We have received your withdrawal" }),
  ).toBeVisible();
  const submitted = page.locator("main time");
  const iso = (await submitted.getAttribute("datetime"))!;
  const second = `${iso.slice(0, 19).replace("T", " ")} UTC`;
  await expect(submitted).toHaveText(second);
  await expectAccessible(page, "withdrawal received");

  // The acknowledgement, through a real SMTP server: the content and the time to the second.
  const mail = await inbox.waitFor(
    (m) => m.headers.subject === "We received your withdrawal from order #1011",
    45_000,
  );
  expect(mail.headers.to).toBe("frida@example.com");
  const spelled = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(new Date(iso));
  expect(mail.text).toContain(`on ${spelled}.`);
  expect(mail.text).toContain(`(${second})`);
  expect(mail.text).toContain("Name: Frida Nilsen");
  expect(mail.text).toContain("1 × Nordlys Beanie (One size / Moss) — not sent yet: cancelled");
  expect(mail.text).toContain("1 × Aurora Wool Sweater (M / Heather grey) — sent to you: to be returned");
  expect(mail.text).toMatch(/\/withdraw\/receipt\/\S+/);

  // The downloadable copy says the same.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download a copy" }).click(),
  ]);
  const copy = await fs.readFile((await download.path())!, "utf8");
  expect(copy).toContain(`Submitted: ${second}`);
  expect(copy).toContain("Order: #1011");
  expect(copy).toContain("Frida Nilsen");

  // The pipeline: the unsent beanie is refunded, the delivered sweater is a return to send back.
  await lookUp(page, "1011", "frida@example.com");
  const cancellation = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Cancellation request" }) });
  const ret = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Return request" }) });
  await expect(async () => {
    await page.reload();
    await expect(cancellation).toContainText("Refunded", { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await expect(cancellation).toContainText("Nordlys Beanie");
  await expect(ret).toContainText("Aurora Wool Sweater");
  await expect(ret).toContainText("Send the items back");
  // Withdrawn in full: no entry point left on this order.
  await expect(page.getByRole("main").getByRole("link", { name: LABEL })).toHaveCount(0);
});

// #1006 was placed in Chinese; its shopper now uses the site in Norwegian. Read by the next test.
let ack1006: ParsedMail | undefined;

test("a shopper using Norwegian gets every e-mail of the withdrawal in Norwegian, with the return address", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await ownClientAddress(page);
  await context.addCookies([
    { name: "aftercare_locale", value: "nb", url: test.info().project.use.baseURL! },
  ]);
  await page.goto("/withdraw?order=1006");
  await page.getByLabel("Navnet ditt").fill("Chen Wei");
  await page.getByLabel("E-postadresse").fill("chen@example.com");
  await page.getByRole("button", { name: "Fortsett" }).click();
  await expect(page.getByRole("heading", { name: /Kontroller og bekreft angremeldingen/ })).toBeVisible();
  await page.getByRole("button", { name: "Bekreft angremelding" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Vi har mottatt angremeldingen din" }),
  ).toBeVisible();

  const to1006 = (m: ParsedMail) => m.headers.to === "chen@example.com" && m.text.includes("#1006");
  ack1006 = await inbox.waitFor(
    (m) => to1006(m) && m.headers.subject === "Vi har mottatt angreskjemaet ditt for bestilling #1006",
    45_000,
  );
  const approval = await inbox.waitFor(
    (m) => to1006(m) && m.headers.subject === "Returforespørselen din for bestilling #1006 er godkjent",
    45_000,
  );
  const instructions = await inbox.waitFor(
    (m) => to1006(m) && m.headers.subject === "Slik returnerer du varene fra bestilling #1006",
    45_000,
  );
  // Where to send the parcel, with the country in Norwegian; no pointer to a page without it.
  for (const mail of [approval, instructions]) {
    expect(mail.text).toContain("Nordlys Supply AS – Returlager\nStrømsveien 314\n1081 Oslo\nNorge");
    expect(mail.text).not.toMatch(/retningslinjer for refusjon og avbestilling\.|pakkseddel/i);
  }
  // Nothing of this withdrawal in Chinese or English.
  const all = inbox.received.map((m) => parseMail(m.raw)).filter(to1006);
  expect(all.length).toBeGreaterThanOrEqual(3);
  expect(
    all.filter((m) => !/^(Vi har|Returforespørselen|Slik|Refusjonen)/.test(m.headers.subject ?? "")),
  ).toEqual([]);
});

test("the link in an order e-mail opens that order without a lookup; a tampered one lands on the lookup page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  expect(ack1006, "runs after the Norwegian withdrawal").toBeDefined();
  const link = /https?:\/\/\S+\/o\/\S+/.exec(ack1006!.text)?.[0];
  expect(link).toBeTruthy();
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const page = await fresh.newPage();
    await page.goto(link!);
    await expect(page).toHaveURL(/\/orders\/1006$/);
    await expect(page.getByRole("heading", { name: "Order #1006" })).toBeVisible();
    expect((await page.request.get("/orders/1006/status")).status()).toBe(200);
    // It opens that order only.
    await page.goto("/orders/1004");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Please look it up again.");

    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const stranger = await other.newPage();
    await stranger.goto(link!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
    await expect(stranger).toHaveURL(/\/\?link=invalid$/);
    await expect(stranger.getByRole("status")).toContainText("This order link isn't valid.");
    await stranger.goto("/orders/1006");
    await expect(stranger.getByRole("main").getByRole("alert")).toContainText("Please look it up again.");
    await other.close();
  } finally {
    await fresh.close();
  }
});

test("step one refuses an order number with the wrong e-mail, without saying which is wrong", async ({
  page,
}) => {
  await ownClientAddress(page);
  await page.goto("/withdraw?order=1012");
  await expect(page.getByLabel("Order number")).toHaveValue("1012");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("E-mail address").fill("someone@example.com");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "We could not find an order with that number and e-mail address.",
  );
  await expect(page.getByRole("heading", { name: /Check and confirm/ })).toHaveCount(0);
});

test("staff see the withdrawal with its acknowledgement and outcome; switched off, the entry point goes and the form refuses", async ({
  browser,
  page,
}) => {
  const staff = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const desk = await staff.newPage();
  try {
    await desk.goto("/merchant");
    await desk.getByLabel("E-mail").fill("owner@nordlys.example");
    await desk.getByLabel("Password").fill("aftercare-demo");
    await desk.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(desk.getByRole("heading", { level: 1 })).toContainText("Good to see you");

    await desk
      .getByRole("navigation", { name: "Console" })
      .getByRole("link", { name: /Withdrawals/ })
      .first()
      .click();
    await expect(desk.getByRole("heading", { level: 1, name: "Withdrawals" })).toBeVisible();
    const row = desk
      .getByRole("table", { name: "Withdrawals" })
      .getByRole("row")
      .filter({ hasText: "#1011" });
    await expect(row).toContainText("Frida Nilsen");
    await expect(row).toContainText("E-mailed");
    await expect(row).toContainText(/Cancellation: (Refunding|Completed)/);
    await expect(row).toContainText("Return: Awaiting item");
    await expectAccessible(desk, "desk withdrawals");

    await desk.getByLabel("Offer the withdrawal function").uncheck();
    await desk.getByRole("button", { name: "Save settings" }).click();
    await expect(desk.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("link", { name: LABEL })).toHaveCount(0);
    await page.goto("/withdraw");
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "This store does not offer withdrawal online.",
    );
    await expect(page.getByRole("button", { name: "Continue" })).toHaveCount(0);
  } finally {
    await desk.getByLabel("Offer the withdrawal function").check();
    await desk.getByRole("button", { name: "Save settings" }).click();
    await expect(desk.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await staff.close();
  }
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("link", { name: LABEL })).toBeVisible();
});

/** Step one for #1004 with "Only some items", as Bo fills it in; the items appear after Continue. */
async function chooseSomeOf1004(page: Page) {
  await ownClientAddress(page);
  await page.goto("/withdraw?order=1004");
  await page.getByLabel("Your name").fill("Bo Berg");
  await page.getByLabel("E-mail address").fill("bo@example.com");
  await page.getByRole("radio", { name: "Only some items" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Choose how many of each item you withdraw from")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Only some items" })).toBeChecked();
}

/** Step two says "only some items" with exactly `item` and nothing of `other`. */
async function expectOnly(page: Page, item: string, other: string) {
  await expect(page.getByRole("heading", { name: /Check and confirm your withdrawal/ })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText("Only some items");
  await expect(main).not.toContainText("The whole order");
  await expect(main).toContainText(`1 × ${item}`);
  await expect(main).not.toContainText(other);
}

test("#1004: 'only some items' survives Continue and Change details, and only the chosen mitten is withdrawn", async ({
  page,
}) => {
  await chooseSomeOf1004(page);
  await page.getByLabel(/Clearance Mittens/).selectOption("1");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectOnly(page, "Clearance Mittens", "Thermal Bottle");

  await page.getByRole("button", { name: "Change details" }).click();
  await expect(page.getByRole("radio", { name: "Only some items" })).toBeChecked();
  await expect(page.getByLabel(/Clearance Mittens/)).toHaveValue("1");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectOnly(page, "Clearance Mittens", "Thermal Bottle");
  await page.getByRole("button", { name: "Confirm withdrawal" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "We have received your withdrawal" }),
  ).toBeVisible();

  // One mitten goes back; the bottle and the other mitten stay the shopper's, still withdrawable.
  await lookUp(page, "1004", "bo@example.com");
  const ret = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Return request" }) });
  await expect(ret).toHaveCount(1);
  await expect(ret).toContainText(/Clearance Mittens \([^)]*\) × 1/);
  await expect(ret).not.toContainText("Thermal Bottle");
  await expect(page.getByRole("main").getByRole("link", { name: LABEL })).toBeVisible();
});

test("#1004 without JavaScript: the same choice survives every step and withdraws the bottle only", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await chooseSomeOf1004(page);
  await page.getByLabel(/Thermal Bottle/).selectOption("1");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectOnly(page, "Thermal Bottle", "Clearance Mittens");

  await page.getByRole("button", { name: "Change details" }).click();
  await expect(page.getByRole("radio", { name: "Only some items" })).toBeChecked();
  await expect(page.getByLabel(/Thermal Bottle/)).toHaveValue("1");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectOnly(page, "Thermal Bottle", "Clearance Mittens");
  await page.getByRole("button", { name: "Confirm withdrawal" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "We have received your withdrawal" }),
  ).toBeVisible();

  await lookUp(page, "1004", "bo@example.com");
  const bottle = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Return request" }) })
    .filter({ hasText: "Thermal Bottle" });
  await expect(bottle).toHaveCount(1);
  await expect(bottle).not.toContainText("Clearance Mittens");
  await context.close();
});
