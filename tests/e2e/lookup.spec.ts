import { expect, test } from "@playwright/test";

test("a shopper looks up #1002 with their e-mail and sees its three lines", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Order number").fill("#1002");
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

test("a wrong e-mail gets the same message as an unknown order number", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Order number").fill("1001");
  await page.getByLabel("E-mail address").fill("someone@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("couldn");
  const wrongEmail = await alert.textContent();
  await page.getByLabel("Order number").fill("999999");
  await page.getByLabel("E-mail address").fill("ada@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongEmail!);
  await expect(page).toHaveURL(/\/$/);
});

test("an order page without a lookup does not show the order", async ({ page }) => {
  await page.goto("/orders/1002");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("expired");
  await expect(page.getByText("Fjord Rain Jacket")).toHaveCount(0);
});
