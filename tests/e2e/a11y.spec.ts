import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { lookUp } from "./shopper-helpers";

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

test("the lookup page, its errors and the policy page have no serious accessibility violations", async ({
  page,
}) => {
  await page.goto("/");
  await expectNoSeriousViolations(page, "lookup");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByText("Enter an order number, for example #1001.")).toBeVisible();
  await expectNoSeriousViolations(page, "lookup with errors");
  await page.goto("/policy");
  await expectNoSeriousViolations(page, "policy");
  await page.goto("/orders/1004");
  await expectNoSeriousViolations(page, "access required");
});

test("order pages and request forms have no serious accessibility violations", async ({ page }) => {
  await lookUp(page, "1010", "eva@example.com");
  await expectNoSeriousViolations(page, "order #1010 with a timeline");
  await lookUp(page, "1005", "chen@example.com");
  await expectNoSeriousViolations(page, "order #1005 under review");
  await page.goto("/orders/1005/cancel");
  await expectNoSeriousViolations(page, "cancel form");
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page.getByText("Choose a reason from the list.")).toBeVisible();
  await expectNoSeriousViolations(page, "cancel form with errors");
  await lookUp(page, "1004", "bo@example.com");
  await page.goto("/orders/1004/return");
  await expectNoSeriousViolations(page, "return form");
});

test("the pages are usable with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  // From the skip link, the form is reached and submitted with the keyboard.
  for (
    let i = 0;
    i < 10 && !(await page.getByLabel("Order number").evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(page.getByLabel("Order number")).toBeFocused();
  await page.keyboard.type("1011");
  await page.keyboard.press("Tab");
  await page.keyboard.type("frida@example.com");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Order #1011" })).toBeVisible();
  const cancel = page.getByRole("link", { name: "Cancel order" });
  await cancel.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Cancel order #1011" })).toBeVisible();
  await page.getByRole("radio", { name: /The whole order/ }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /Only some items/ })).toBeChecked();
});

test("the Norwegian and Chinese pages have no serious accessibility violations", async ({ page }) => {
  await lookUp(page, "1003", "bo@example.com");
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Bestilling #1003" })).toBeVisible();
  await expectNoSeriousViolations(page, "order nb");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "订单 #1003" })).toBeVisible();
  await expectNoSeriousViolations(page, "order zh");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Order #1003" })).toBeVisible();
});
