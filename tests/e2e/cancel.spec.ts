import { expect, test } from "@playwright/test";
import { lookUp, money } from "./shopper-helpers";

/** "NOK 1,234.50" → 123450: sums of shown amounts are compared in minor units. */
const minor = (shown: string) => Number(shown.replace(/[^\d]/g, ""));

test("#1001 is cancelled in two steps — one beanie, then the rest with the shipping — and nothing is stranded", async ({
  page,
}) => {
  await lookUp(page, "1001", "ada@example.com");
  await expect(page.getByText("You can cancel until we ship.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel order" }).click();
  await expect(page.getByRole("heading", { name: "Cancel order #1001" })).toBeVisible();

  const preview = page.getByRole("region", { name: "Your refund" });
  const total = preview.getByTestId("refund-total");
  const whole = money(await total.textContent());
  await expect(preview).toContainText("We'll cancel your whole order — nothing will be shipped.");

  // Only the beanies: the sweater stays, shipping is not refunded, the amount drops live.
  await page.getByLabel("Cancel Aurora Wool Sweater").selectOption("0");
  await expect(page.getByRole("radio", { name: /Only some items/ })).toBeChecked();
  await expect(preview).toContainText("The rest of your order will still ship.");
  await expect(total).not.toHaveText(whole);
  await expect(preview).toContainText("Refunded only when the whole order is cancelled");

  await page.getByRole("radio", { name: /The whole order/ }).check();
  await expect(total).toHaveText(whole);

  // One beanie of the two.
  await page.getByLabel("Cancel Aurora Wool Sweater").selectOption("0");
  await page.getByLabel("Cancel Nordlys Beanie").selectOption("1");
  await expect(preview).not.toHaveAttribute("aria-busy", "true");
  await expect(total).not.toHaveText(whole);
  const oneBeanie = money(await total.textContent());
  await page.getByLabel(/Anything else we should know/).fill("One is enough.");

  // Submitting without a reason shows the error next to the field and keeps everything chosen.
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page.getByText("Choose a reason from the list.")).toBeVisible();
  await expect(page.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("radio", { name: /Only some items/ })).toBeChecked();
  await expect(page.getByLabel("Cancel Aurora Wool Sweater")).toHaveValue("0");
  await expect(page.getByLabel("Cancel Nordlys Beanie")).toHaveValue("1");
  await expect(page.getByLabel(/Anything else we should know/)).toHaveValue("One is enough.");
  await expect(total).toHaveText(oneBeanie);

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
  await expect(entry).toContainText(oneBeanie);
  await expect(entry).toContainText("Nordlys Beanie (One size / Moss) × 1");
  await expect(entry.getByText("Request received")).toBeVisible();
  await expect(entry.getByText("Done: Approved", { exact: true })).toBeVisible();

  // The refund pipeline sends the refund and the gateway confirms it; the page follows by polling
  // (when the first render already caught the end, there is nothing left to poll for).
  if (await entry.getByText("In progress", { exact: true }).isVisible()) await polled;
  await expect(entry.getByText("Done: Refund completed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(entry.getByText(/has paid NOK\s?[\d,.]+ back to your bank/)).toBeVisible();
  // Paid by the gateway is not yet on the statement: the arrival days are still ahead, not ticked.
  await expect(entry.getByText(/^Now: Expected on your statement between/)).toBeVisible();
  await expect(entry.getByText("Completed", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // The second step: the other beanie is offered with the sweater, and the rest is the whole order.
  await page.goto("/orders/1001/cancel");
  await expect(page.getByLabel("Cancel Nordlys Beanie").locator("option")).toHaveText(["0", "1"]);
  await expect(page.getByLabel("Cancel Nordlys Beanie")).toHaveValue("1");
  await expect(page.getByLabel("Cancel Aurora Wool Sweater")).toHaveValue("1");
  await expect(preview).toContainText("We'll cancel your whole order — nothing will be shipped.");
  await expect(preview).not.toContainText("Refunded only when the whole order is cancelled");
  const rest = money(await total.textContent());
  // The two refunds together are exactly what the whole order would have been: shipping once.
  expect(minor(oneBeanie) + minor(rest)).toBe(minor(whole));

  await page.getByLabel("Reason").selectOption({ label: "I changed my mind" });
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page).toHaveURL(/\/orders\/1001\?request=/);
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText(rest);
  await expect(page.getByText("This order has been cancelled.")).toBeVisible();
  // Nothing stranded: every krone captured is refunded.
  await expect(page.getByRole("region", { name: "Payment" })).toContainText(/Not refunded\s*NOK\s?0\.00/);

  // The order cannot be cancelled again, and the form says why instead of offering it.
  await page.goto("/orders/1001/cancel");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("cancelled");
  await expect(page.getByRole("button", { name: "Request cancellation" })).toHaveCount(0);
});

test("#1011 is partly shipped: cancelling the rest does not promise that nothing ships", async ({ page }) => {
  await lookUp(page, "1011", "frida@example.com");
  await expect(
    page.getByText("Part of your order has shipped. You can cancel the rest until we ship it."),
  ).toBeVisible();
  await page.getByRole("link", { name: "Cancel order" }).click();
  const preview = page.getByRole("region", { name: "Your refund" });
  await expect(preview).toContainText("We'll cancel everything that hasn't shipped yet.");
  await expect(preview).not.toContainText("nothing will be shipped");
  await expect(preview).toContainText("Refunded only when the whole order is cancelled");
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

  // A server-side error without JavaScript: the page comes back as it was filled in, preview too.
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page.getByText("Choose a reason from the list.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Only some items/ })).toBeChecked();
  await expect(page.getByLabel("Cancel Polar Down Parka")).toHaveValue("1");
  await expect(preview.getByTestId("refund-total")).toHaveText(oneParka);
  await expect(preview).toContainText("The rest of your order will still ship.");

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
