// The Rules page as an owner uses it: the live rules in plain words, a draft that sends
// unfulfilled cancellations to review, simulated on recent requests. Never saved: other specs
// rely on the live rules.
import { expect, test } from "@playwright/test";
import { OWNER, signInStaff } from "./console-helpers";

test("the owner simulates a stricter draft and sees what would change, without saving", async ({
  browser,
}) => {
  const { context, page } = await signInStaff(browser, OWNER);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Rules" }).click();
  await expect(page.getByRole("heading", { name: "Rules", level: 1 })).toBeVisible();
  await expect(
    page.getByText("Type is cancellation and Fulfilment status in unfulfilled, partial"),
  ).toBeVisible();

  const editor = page.getByLabel("Draft rules (JSON)");
  const rules = JSON.parse(await editor.inputValue()) as { id: string; outcome: string }[];
  const draft = rules.map((r) => (r.id === "cancel-unfulfilled" ? { ...r, outcome: "review" } : r));
  await editor.fill(JSON.stringify(draft, null, 2));
  await page.getByRole("button", { name: "Simulate" }).click();

  const totals = page.getByRole("table", { name: "Simulation totals" });
  await expect(totals).toBeVisible();
  const review = totals.getByRole("row", { name: /Sent to review/ });
  const [live, drafted] = await review.getByRole("cell").allInnerTexts();
  expect(Number(drafted)).toBeGreaterThan(Number(live));
  const changed = page
    .getByRole("table", { name: "Simulated requests" })
    .getByRole("row")
    .filter({ has: page.getByText("Changed", { exact: true }) });
  await expect(changed.first()).toBeVisible();
  await expect(changed.first()).toContainText("cancel-unfulfilled");

  // Nothing was saved: version 1 is still the only, live version.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Live rules (version 1)" })).toBeVisible();
  await context.close();
});

test("an owner pauses automation: every console page says so until it is resumed", async ({ browser }) => {
  const { context, page } = await signInStaff(browser, OWNER);
  await page.goto("/merchant/settings");
  await page.getByRole("button", { name: "Pause automation…" }).click();
  await page.getByLabel("Reason").fill("Checking a refund spike");
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("button", { name: "Resume automation" })).toBeVisible();

  for (const path of ["/merchant", "/merchant/requests", "/merchant/refunds"]) {
    await page.goto(path);
    const banner = page.getByRole("alert").filter({ hasText: "Automatic refunds are paused" });
    await expect(banner).toContainText("Checking a refund spike");
    await expect(banner.getByRole("link", { name: "Review automation" })).toBeVisible();
  }

  // Resume at once: shopper specs rely on automatic approvals.
  await page.goto("/merchant/settings");
  await page.getByRole("button", { name: "Resume automation" }).click();
  await expect(page.getByRole("button", { name: "Pause automation…" })).toBeVisible();
  await page.goto("/merchant/requests");
  await expect(page.getByRole("alert").filter({ hasText: "Automatic refunds are paused" })).toHaveCount(0);
  await context.close();
});
