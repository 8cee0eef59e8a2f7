import { expect, test } from "@playwright/test";
import { lookUp, money } from "./shopper-helpers";

test("#1001: the preview follows the choice, a double-clicked cancel makes one request, and its timeline moves on without a reload", async ({
  page,
}) => {
  await lookUp(page, "1001", "ada@example.com");
  await expect(page.getByText("You can cancel until we ship.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel order" }).click();
  await expect(page.getByRole("heading", { name: "Cancel order #1001" })).toBeVisible();

  const preview = page.getByRole("region", { name: "Your refund" });
  const total = preview.getByTestId("refund-total");
  const whole = money(await total.textContent());
  await expect(preview).toContainText("We'll cancel your whole order");

  // Only the beanies: the sweater stays, shipping is not refunded, the amount drops live.
  await page.getByLabel("Cancel Aurora Wool Sweater").selectOption("0");
  await expect(page.getByRole("radio", { name: /Only some items/ })).toBeChecked();
  await expect(preview).toContainText("The rest of your order will still ship.");
  await expect(total).not.toHaveText(whole);
  await expect(preview).toContainText("Refunded only when the whole order is cancelled");

  await page.getByRole("radio", { name: /The whole order/ }).check();
  await expect(total).toHaveText(whole);

  // Submitting without a reason shows the error next to the field and keeps the choice.
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page.getByText("Choose a reason from the list.")).toBeVisible();
  await expect(page.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Reason").selectOption({ label: "I changed my mind" });
  await page.getByRole("button", { name: "Request cancellation" }).dblclick();
  await expect(page).toHaveURL(/\/orders\/1001\?request=/);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const polled = page.waitForResponse((r) => r.url().endsWith("/orders/1001/status") && r.status() === 200);
  // Unused when the first render already shows the end: must not fail the test when it ends.
  polled.catch(() => {});

  const timeline = page.getByRole("region", { name: "Requests and refunds" });
  const entries = timeline.getByRole("article");
  await expect(entries).toHaveCount(1);
  const entry = entries.first();
  await expect(entry.getByRole("heading", { name: "Cancellation request" })).toBeVisible();
  await expect(entry).toContainText(whole);
  await expect(entry.getByText("Request received")).toBeVisible();
  await expect(entry.getByText("Done: Approved", { exact: true })).toBeVisible();

  // The refund pipeline sends the refund and the gateway confirms it; the page follows by polling
  // (when the first render already caught the end, there is nothing left to poll for).
  if (await entry.getByText("In progress", { exact: true }).isVisible()) await polled;
  await expect(entry.getByText("Done: Refund completed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(entry.getByText(/has been paid back to you/)).toBeVisible();
  await expect(entry.getByText(/Expected on your statement between/)).toBeVisible();
  await expect(entry.getByText("Completed", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect(page.getByText("This order has been cancelled.")).toBeVisible();

  // The order cannot be cancelled twice, and the form says why instead of offering it.
  await page.goto("/orders/1001/cancel");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("cancelled");
  await expect(page.getByRole("button", { name: "Request cancellation" })).toHaveCount(0);
});

test("#1005 is cancelled without JavaScript: preview, submit, then the pending request is withdrawn", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await lookUp(page, "1005", "chen@example.com");
  await expect(page.getByText("This order is being reviewed by the store.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel order" }).click();

  await page.getByRole("radio", { name: /Only some items/ }).check();
  await page.getByLabel("Cancel Polar Down Parka").selectOption("1");
  await page.getByRole("button", { name: "Update refund preview" }).click();
  const preview = page.getByRole("region", { name: "Your refund" });
  await expect(preview).toContainText("The rest of your order will still ship.");
  const oneParka = money(await preview.getByTestId("refund-total").textContent());

  await page.getByLabel("Reason").selectOption({ label: "I found it cheaper elsewhere" });
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page).toHaveURL(/\/orders\/1005\?request=/);
  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry).toContainText(`Refund: ${oneParka}`);
  await expect(entry.getByText("Waiting for the store's decision")).toBeVisible();

  await entry.getByRole("button", { name: "Withdraw request" }).click();
  await expect(page).toHaveURL(/withdrawn=1/);
  await expect(page.getByText("Your request has been withdrawn.")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Requests and refunds" }).getByText("Withdrawn", { exact: true }),
  ).toBeVisible();
  await context.close();
});
