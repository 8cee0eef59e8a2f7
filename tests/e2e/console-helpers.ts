// Staff sign-in for console specs: a fresh browser context signed in through the real form.
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";

export const OWNER = { email: "owner@nordlys.example", password: "aftercare-demo" };

export async function signInStaff(
  browser: Browser,
  who: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL! });
  const page = await context.newPage();
  await page.goto("/merchant");
  await expect(page).toHaveURL(/\/merchant\/sign-in\?callbackUrl=%2Fmerchant$/);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good to see you");
  return { context, page };
}
