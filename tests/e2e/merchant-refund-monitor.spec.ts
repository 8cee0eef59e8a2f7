// The refund monitor as staff see it (issue 16, items 6 and 7): an order paid through a gateway no
// adapter can refund is accepted, and its refund lands at once under "Needs attention" with the
// reason — never silently pending — while the shopper's order page says a person will pay it.
import { expect, test } from "@playwright/test";
import { E2E_API_KEY } from "../../playwright.config";
import { OWNER, signInStaff } from "./console-helpers";
import { lookUp } from "./shopper-helpers";

const NUMBER = "SHP-4711";

test("a refund no gateway can send goes straight to needs attention, with the reason", async ({
  browser,
  request,
}) => {
  // Sign-in, an import, a cancellation and four pages: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const day = 86_400_000;
  const imported = await request.post("/api/v1/orders", {
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "idempotency-key": `import-${NUMBER}` },
    data: {
      externalId: `shopify-${NUMBER}`,
      number: NUMBER,
      email: "gwen@example.com",
      currency: "NOK",
      placedAt: new Date(Date.now() - day).toISOString(),
      paidAt: new Date(Date.now() - day).toISOString(),
      lines: [{ sku: "NS-SOCKS-SHP", title: "Wool socks", quantity: 1, unitPrice: 19_900 }],
      payment: { gateway: "shopify_payments", reference: "shp_pay_4711", method: { type: "card" } },
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);

  const { context, page } = await signInStaff(browser, OWNER);
  await page.goto(`/merchant/orders/${NUMBER}`);
  await page.getByRole("button", { name: "Cancel order…" }).click();
  const dialog = page.getByRole("dialog", { name: `Cancel order #${NUMBER}` });
  await expect(dialog.getByLabel("Refund now")).toBeChecked();
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled");

  await page.goto("/merchant/refunds?status=attention");
  const table = page.getByRole("table", { name: "Refunds: Needs attention" });
  const row = table.getByRole("row").filter({ hasText: `#${NUMBER}` });
  await expect(row).toContainText("Failed");
  await expect(row).toContainText(/No payment gateway adapter can refund "shopify_payments" payments/);
  await expect(row).toContainText("record it offline");
  // Staff can settle it by hand from here.
  await expect(row.getByRole("button", { name: /offline/i })).toBeVisible();

  // The overdue filter lists only refunds still unconfirmed past their deadline: not this one.
  await page.getByRole("link", { name: /^Overdue/ }).click();
  await expect(page.getByRole("table", { name: "Refunds: Overdue" })).not.toContainText(`#${NUMBER}`);

  // The owner was alerted by e-mail.
  await page.goto("/merchant/outbox");
  await expect(page.getByText(`A refund on order #${NUMBER} needs attention`).first()).toBeVisible();
  await context.close();

  // The shopper is told what happens next on the order page.
  const shopper = await browser.newContext({ baseURL: test.info().project.use.baseURL! });
  const shopperPage = await shopper.newPage();
  await lookUp(shopperPage, NUMBER, "gwen@example.com");
  await expect(shopperPage.getByText(/can't be refunded automatically/).first()).toBeVisible();
  await shopper.close();
});
