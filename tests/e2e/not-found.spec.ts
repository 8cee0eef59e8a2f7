// A mistyped or stale link lands shoppers on the store's own page, in their language, with a way
// back to their order; the static files a browser and a crawler ask for exist.
import { expect, type Page, test, type TestInfo } from "@playwright/test";

async function keep(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("an unknown address shows the store's 404 in English with a way to find the order", async ({
  page,
}, testInfo) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Nordlys Supply");
  await expect(page.getByText("This page could not be found")).toHaveCount(0);
  await keep(page, testInfo, "not-found-en");
  await page.getByRole("link", { name: "Find your order" }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Find your order" })).toBeVisible();
});

test("a Norwegian shopper gets the 404 in Norwegian, also for a receipt link that does not exist", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "nb-NO" });
  const page = await context.newPage();
  const response = await page.goto("/orders/1001/nothing-here");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("heading", { level: 1, name: "Vi fant ikke den siden" })).toBeVisible();
  await keep(page, testInfo, "not-found-nb");
  await page.goto("/withdraw/received/not-a-token");
  await expect(page.getByRole("heading", { level: 1, name: "Vi fant ikke den siden" })).toBeVisible();
  // Rendered inside the shop's own frame: one header, one footer.
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Finn bestillingen din" }).first()).toBeVisible();
  await context.close();
});

test("robots.txt keeps crawlers out of the console, the API and shoppers' own pages", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const lines = (await response.text()).split(/\r?\n/).map((l) => l.trim());
  expect(lines).toContain("User-agent: *");
  for (const path of ["/merchant", "/api", "/orders/", "/account", "/refund-options", "/withdraw/received/"])
    expect(lines).toContain(`Disallow: ${path}`);
  expect(lines).not.toContain("Disallow: /");
});

test("the console has its own favicon, served to signed-out visitors too", async ({ page, request }) => {
  await page.goto("/merchant/sign-in");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/console-icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  // The shop keeps its own mark.
  await page.goto("/");
  expect(await page.locator('link[rel="icon"]').first().getAttribute("href")).not.toMatch(/console-icon/);
});
