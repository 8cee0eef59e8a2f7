import { expect, test } from "@playwright/test";
import { lookUp } from "./shopper-helpers";

test("#1002's page shows lines, totals, delivery with tracking, the masked card and what is not refunded", async ({
  page,
}) => {
  await lookUp(page, "1002", "ada@example.com");
  const items = page.getByRole("region", { name: "Items" });
  await expect(items).toContainText("L / Navy");
  await expect(items).toContainText("2 × NOK 699.00");
  for (const label of ["Subtotal", "Shipping", "VAT", "Total"])
    await expect(items.getByText(label, { exact: true })).toBeVisible();

  const delivery = page.getByRole("region", { name: "Delivery" });
  await expect(delivery).toContainText("Posten");
  await expect(delivery).toContainText("70712345678901001");
  await expect(delivery.getByText("Delivered", { exact: true }).first()).toBeVisible();

  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("Visa •••• 4242");
  await expect(payment).toContainText("Not refunded");
  await expect(page.getByRole("link", { name: /refund and cancellation policy/i }).first()).toBeVisible();
});

test("#1006 offers no cancellation and explains why", async ({ page }) => {
  await lookUp(page, "1006", "chen@example.com");
  await expect(
    page.getByText(
      "Your order has shipped, so it can no longer be cancelled. Once it's delivered, you can request a return here.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Cancel order" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Delivery" })).toContainText("On its way");
  await page.goto("/orders/1006/cancel");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("can no longer be cancelled");
});

test("#1010's refund that failed at the bank says what happened and what comes next", async ({ page }) => {
  await lookUp(page, "1010", "eva@example.com");
  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry.getByText("The refund didn't go through")).toBeVisible();
  await expect(entry).toContainText("Your card has expired or was cancelled");
  // The engine offered Eva a choice: the page says so and gives her the button, not "do nothing".
  await expect(entry).toContainText("Choose below how you would like to get the money instead");
  await expect(entry).not.toContainText("You don't need to do anything");
  await expect(entry.getByRole("link", { name: "Choose how to get your refund" })).toBeVisible();
  await expect(entry.getByText("Needs attention")).toBeVisible();
  await expect(entry).not.toContainText("expired_or_canceled_card");
});

test("#1008's finished cancellation shows every step done, and #1011 names the wallet", async ({ page }) => {
  await lookUp(page, "1008", "dag@example.com");
  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry.getByText("Completed", { exact: true })).toBeVisible();
  await expect(
    entry.getByRole("listitem").filter({ has: page.locator('[aria-current="step"]') }),
  ).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Requests and refunds" })).not.toContainText(
    "This updates by itself.",
  );

  await lookUp(page, "1011", "frida@example.com");
  await expect(page.getByRole("region", { name: "Payment" })).toContainText("Apple Pay");
  await expect(
    page.getByText("Part of your order has shipped. You can cancel the rest until we ship it."),
  ).toBeVisible();
});

test("#1012's return waits for the store, in plain words", async ({ page }) => {
  await lookUp(page, "1012", "frida@example.com");
  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry.getByText("Waiting for the store's decision")).toBeVisible();
  await expect(entry).not.toContainText("pending_review");
  await expect(entry.getByRole("button", { name: "Withdraw request" })).toBeVisible();
});
