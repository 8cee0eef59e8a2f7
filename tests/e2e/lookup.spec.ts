import { expect, test } from "@playwright/test";
import { lookUp, ownClientAddress } from "./shopper-helpers";

test("a shopper looks up #1002 with their e-mail and sees its three lines", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Order number").fill(" #1002 ");
  await page.getByLabel("E-mail address").fill("ADA@example.com ");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page).toHaveURL(/\/orders\/1002$/);
  await expect(page.getByRole("heading", { name: "Order #1002" })).toBeVisible();
  const items = page.getByRole("region", { name: "Items" }).getByRole("listitem");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText("Fjord Rain Jacket");
  await expect(items.nth(1)).toContainText("Merino Base Layer");
  await expect(items.nth(2)).toContainText("Trail Socks (3-pack)");
});

test("the lookup page links to the policy and works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(
    page.getByRole("main").getByRole("link", { name: /refund and cancellation policy/i }),
  ).toBeVisible();
  await page.getByLabel("Order number").fill("1003");
  await page.getByLabel("E-mail address").fill("bo@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByRole("heading", { name: "Order #1003" })).toBeVisible();
  await context.close();
});

test("a wrong e-mail gets the same message as an unknown order number", async ({ page }) => {
  await ownClientAddress(page);
  await page.goto("/");
  await page.getByLabel("Order number").fill("1001");
  await page.getByLabel("E-mail address").fill("someone@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("couldn");
  // What was typed stays, so a typo is fixed rather than typed again.
  await expect(page.getByLabel("Order number")).toHaveValue("1001");
  await expect(page.getByLabel("E-mail address")).toHaveValue("someone@example.com");
  const wrongEmail = await alert.textContent();
  await page.getByLabel("Order number").fill("999999");
  await page.getByLabel("E-mail address").fill("ada@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongEmail!);
  await expect(page).toHaveURL(/\/$/);
});

test("the eleventh wrong attempt in a row for #1001 is rate-limited, with a time to wait", async ({
  page,
}) => {
  await ownClientAddress(page);
  await page.goto("/");
  const alert = page.getByRole("main").getByRole("alert");
  for (let i = 1; i <= 10; i++) {
    await page.getByLabel("Order number").fill("#1001");
    await page.getByLabel("E-mail address").fill(`guess-${i}@example.com`);
    await page.getByRole("button", { name: "Find order" }).click();
    await expect(alert).toContainText("couldn't find an order");
    await expect(page.getByRole("button", { name: "Find order" })).toBeEnabled();
  }
  await page.getByLabel("Order number").fill("#1001");
  await page.getByLabel("E-mail address").fill("ada@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(alert).toContainText(/Too many attempts\. Please try again in \d+ minutes?\./);
  await expect(page).toHaveURL(/\/$/);
});

test("an order page without a lookup does not show the order", async ({ page }) => {
  await page.goto("/orders/1002");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("expired");
  await expect(page.getByText("Fjord Rain Jacket")).toHaveCount(0);
  const status = await page.request.get("/orders/1002/status");
  expect(status.status()).toBe(404);
});

test("with the session of #1001, the status route and the page of #1002 are refused", async ({
  page,
  context,
}) => {
  await lookUp(page, "1001", "ada@example.com");
  const own = await page.request.get("/orders/1001/status");
  expect(own.status()).toBe(200);
  expect((await own.json()).timeline).toBeDefined();

  const [grant] = (await context.cookies()).filter((c) => c.name === "aftercare_order");
  expect(grant).toMatchObject({ path: "/orders/1001", httpOnly: true, sameSite: "Lax" });
  // Replay #1001's grant against #1002 on purpose (a browser would not even send it there).
  const cookie = `aftercare_order=${grant!.value}`;
  const status = await page.request.get("/orders/1002/status", { headers: { cookie } });
  expect(status.status()).toBe(404);
  expect(await status.text()).not.toContain("Fjord Rain Jacket");
  const pageOf1002 = await page.request.get("/orders/1002", { headers: { cookie } });
  const html = await pageOf1002.text();
  expect(html).not.toContain("Fjord Rain Jacket");
  expect(html).toContain("Look up your order");
  const photo = await page.request.get("/orders/1002/photos/00000000-0000-0000-0000-000000000000", {
    headers: { cookie },
  });
  expect(photo.status()).toBe(404);
});
