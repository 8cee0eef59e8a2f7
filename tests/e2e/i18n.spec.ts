import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { lookUp } from "./shopper-helpers";

async function keep(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("the language switcher remembers Norsk and 中文, and the lookup and order pages render in both", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Finn bestillingen din" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("button", { name: "Norsk" })).toHaveAttribute("aria-pressed", "true");
  await keep(page, testInfo, "lookup-nb");

  await page.getByLabel("Ordrenummer").fill("1003");
  await page.getByLabel("E-postadresse").fill("bo@example.com");
  await page.getByRole("button", { name: "Finn bestilling" }).click();
  await expect(page.getByRole("heading", { name: "Bestilling #1003" })).toBeVisible();
  await expect(
    page.getByText(/Returfristen for denne bestillingen gikk ut \d{1,2}\. \p{L}+ \d{4}\./u),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Varer" })).toContainText("kr");
  await keep(page, testInfo, "order-1003-nb");

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "订单 #1003" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByText(/此订单的退货期限已于 \d{4}年\d{1,2}月\d{1,2}日 截止。/)).toBeVisible();
  await keep(page, testInfo, "order-1003-zh");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "查找您的订单" })).toBeVisible();
  await keep(page, testInfo, "lookup-zh");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Find your order" })).toBeVisible();
});

test("a browser asking for Norwegian gets Norwegian, with the timeline in Norwegian words", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "nb-NO" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Finn bestillingen din" })).toBeVisible();
  await page.getByLabel("Ordrenummer").fill("1010");
  await page.getByLabel("E-postadresse").fill("eva@example.com");
  await page.getByRole("button", { name: "Finn bestilling" }).click();
  const entry = page.getByRole("region", { name: "Forespørsler og refusjoner" }).getByRole("article").first();
  await expect(entry.getByText("Refusjonen gikk ikke gjennom")).toBeVisible();
  await keep(page, testInfo, "order-1010-nb");
  await context.close();
});

test("the policy page renders in Chinese", async ({ page }, testInfo) => {
  await lookUp(page, "1004", "bo@example.com");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "订单 #1004" })).toBeVisible();
  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 1, name: "退款与取消政策" })).toBeVisible();
  await expect(page.getByTestId("arrival-card")).toHaveText("5–10 个工作日");
  await keep(page, testInfo, "policy-zh");
  await page.getByRole("button", { name: "English" }).click();
});
