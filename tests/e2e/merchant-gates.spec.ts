// The automation gates as staff and shoppers meet them: #1013 (high risk) missed its ship-by date
// and the scan held it instead of cancelling and refunding it — it waits in the review queue with
// the SLA's reason, and the risk page points to it. While an owner pauses automation, the policy
// page stops promising automatic refunds. #1013 is left undecided; automation is resumed.
import { expect, test } from "@playwright/test";
import { OWNER, signInStaff } from "./console-helpers";

test("the review queue shows #1013, held by the ship-by check, with its reason; the risk page links to it", async ({
  browser,
}) => {
  const { context, page } = await signInStaff(browser, OWNER);
  await page.goto("/merchant/requests");
  const row = page.getByRole("table", { name: "Requests" }).getByRole("row").filter({ hasText: "#1013" });
  await expect(row).toContainText("Not shipped in time");
  await expect(row).toContainText("Automation held");
  await expect(row).toContainText("3-day ship-by promise");
  await expect(row).toContainText("High-risk order held for a person");

  await row.getByRole("link", { name: "Cancellation request for order #1013" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Needs decision");
  await expect(page.getByText(/by the ship-by check/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Why it is here" })).toContainText(
    /Not shipped within the 3-day ship-by promise .*High-risk order held for a person/,
  );
  // Nothing was cancelled or refunded.
  await expect(page.getByRole("region", { name: "Refunds" })).toHaveCount(0);

  await page.goto("/merchant/risk");
  const risky = page
    .getByRole("table", { name: "Risky orders" })
    .getByRole("row")
    .filter({ hasText: "#1013" });
  await risky.getByRole("link", { name: "In review: not shipped in time" }).click();
  await expect(page).toHaveURL(/\/merchant\/requests\/[0-9a-f-]{36}$/);
  await context.close();
});

test("while automation is paused, the policy page no longer promises automatic ship-by refunds", async ({
  browser,
}) => {
  const { context, page } = await signInStaff(browser, OWNER);
  const shopper = await browser.newPage({ baseURL: test.info().project.use.baseURL! });
  await shopper.goto("/policy");
  const cancelling = shopper.getByRole("region", { name: "Cancelling an order" });
  await expect(cancelling).toContainText("we cancel what hasn't shipped and refund you automatically");

  await page.goto("/merchant/settings");
  await page.getByRole("button", { name: "Pause automation…" }).click();
  await page.getByLabel("Reason").fill("Checking the ship-by gate");
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("button", { name: "Resume automation" })).toBeVisible();

  await shopper.reload();
  await expect(cancelling).toContainText("a person at the store looks at your order");
  await expect(cancelling).not.toContainText("automatically");
  await expect(shopper.getByRole("region", { name: "Returns" })).toContainText(
    "a person at the store refunds a return",
  );

  // Resume at once: other specs rely on automatic approvals.
  await page.getByRole("button", { name: "Resume automation" }).click();
  await expect(page.getByRole("button", { name: "Pause automation…" })).toBeVisible();
  await shopper.close();
  await context.close();
});
