import { expect, test } from "@playwright/test";

test("/policy is rendered from the live settings and linked from the lookup page and the footer", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Refund and cancellation policy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refund and cancellation policy" })).toBeVisible();
  await expect(page.getByText(/within 30 days of delivery/)).toBeVisible();
  await expect(page.getByText(/We ship within 3 days of payment/)).toBeVisible();
  await expect(page.getByTestId("arrival-card")).toHaveText("5–10 business days");
  await expect(page.getByTestId("arrival-wallet")).toHaveText("1–3 business days");
  await expect(page.getByText(/you get back the full amount you paid for the refunded items/)).toBeVisible();
  // The rules, in the shopper's words, in the order they apply.
  const rules = page.getByRole("region", { name: "How we decide" }).getByRole("listitem");
  await expect(rules.first()).toContainText("the order is flagged as high risk");
  await expect(rules.filter({ hasText: "it includes a final-sale item" })).toContainText("Declined");
});

test("/policy changes when the owner changes a setting", async ({ page, browser }) => {
  const staff = await browser.newContext();
  const console = await staff.newPage();
  await console.goto("/merchant/sign-in");
  await console.getByLabel("E-mail").fill("owner@nordlys.example");
  await console.getByLabel("Password").fill("aftercare-demo");
  await console.getByRole("button", { name: "Sign in" }).click();
  await console.waitForURL(/\/merchant(?!\/sign-in)/);

  const setCardWindow = async (last: string) => {
    await console.goto("/merchant/settings");
    await console.getByLabel("Card: last day").fill(last);
    await console.getByRole("button", { name: /Save/ }).click();
    await expect(console.getByText(/Saved: \d+ settings? changed\.|Nothing changed\./)).toBeVisible();
  };
  try {
    await setCardWindow("12");
    await page.goto("/policy");
    await expect(page.getByTestId("arrival-card")).toHaveText("5–12 business days");
  } finally {
    await setCardWindow("10");
    await staff.close();
  }
  await page.reload();
  await expect(page.getByTestId("arrival-card")).toHaveText("5–10 business days");
});
