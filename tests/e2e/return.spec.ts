import { expect, test } from "@playwright/test";
import { lookUp, money } from "./shopper-helpers";

// A 1×1 PNG: a real image, checked by its bytes on the server.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("#1002: return two of three lines with a reason; the stored request's amount equals the preview", async ({
  page,
}) => {
  await lookUp(page, "1002", "ada@example.com");
  await expect(page.getByText(/Returns are open until \d{1,2} \w+\./)).toBeVisible();
  await page.getByRole("link", { name: "Return items" }).click();
  await expect(page.getByRole("heading", { name: "Return items from order #1002" })).toBeVisible();

  const preview = page.getByRole("region", { name: "Your refund" });
  await expect(preview).toContainText("Choose at least one item");
  await page.getByLabel("Return Fjord Rain Jacket").selectOption("1");
  await page.getByLabel("Return Merino Base Layer").selectOption("2");
  const total = preview.getByTestId("refund-total");
  await expect(total).toBeVisible();
  await expect(preview).not.toHaveAttribute("aria-busy", "true");
  const shown = money(await total.textContent());

  await page.getByLabel("Reason").selectOption({ label: "Doesn't fit" });
  await page.getByLabel(/Anything else we should know/).fill("Both run a size small.");
  await page.getByRole("button", { name: "Request return" }).click();
  await expect(page).toHaveURL(/\/orders\/1002\?request=/);
  await expect(page.getByText("We've received your return request.")).toBeVisible();

  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry.getByRole("heading", { name: "Return request" })).toBeVisible();
  await expect(entry).toContainText(`Refund: ${shown}`);
  await expect(entry).toContainText("Fjord Rain Jacket (L / Navy) × 1");
  await expect(entry).toContainText("Merino Base Layer (S / Black) × 2");
  await expect(entry).not.toContainText("Trail Socks");
  // Approved by the return-in-window rule: the shopper is told to send the items, and where.
  await expect(entry.getByText("Send the items back")).toBeVisible();
  await expect(entry.getByText(/send them to the address below/)).toBeVisible();
  await expect(entry).not.toContainText("packing slip");
  const address = entry.locator("address");
  await expect(address).toHaveText(/Nordlys Supply AS – Returlager\s*Strømsveien 314\s*1081 Oslo\s*Norway/);

  const status = await (await page.request.get("/orders/1002/status")).json();
  const stored = status.timeline.entries.find((e: { subject: string }) => e.subject === "return");
  const formatted = new Intl.NumberFormat("en-GB", { style: "currency", currency: stored.currency }).format(
    stored.amount / 100,
  );
  expect(money(formatted)).toBe(shown);
});

test("#1007: a damaged item needs a photo; a disguised file is refused; a real photo is kept for this shopper only", async ({
  page,
  browser,
}) => {
  await lookUp(page, "1007", "dag@example.com");
  await page.getByRole("link", { name: "Return items" }).click();
  await page.getByLabel("Return Aurora Wool Sweater").selectOption("1");
  await page.getByLabel("Reason").selectOption({ label: "Arrived damaged" });
  await page.getByLabel(/Anything else we should know/).fill("Torn at the left sleeve.");
  await expect(page.getByLabel(/Photos of the item \(required\)/)).toBeVisible();
  const total = page.getByRole("region", { name: "Your refund" }).getByTestId("refund-total");
  await expect(total).toBeVisible();
  const shown = money(await total.textContent());

  // Each server-side error leaves the form as the shopper filled it in, and the refund with it.
  const expectKept = async () => {
    await expect(page.getByLabel("Return Aurora Wool Sweater")).toHaveValue("1");
    await expect(page.getByLabel("Reason")).toHaveValue("damaged");
    await expect(page.getByLabel(/Anything else we should know/)).toHaveValue("Torn at the left sleeve.");
    await expect(total).toHaveText(shown);
  };
  await page.getByRole("button", { name: "Request return" }).click();
  await expect(page.getByText("Add a photo of the item")).toBeVisible();
  await expectKept();

  await page.getByLabel(/Photos of the item/).setInputFiles({
    name: "torn.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<script>alert(1)</script>"),
  });
  await page.getByRole("button", { name: "Request return" }).click();
  await expect(page.getByText("Photos must be JPEG, PNG or WebP images.")).toBeVisible();
  await expectKept();

  await page
    .getByLabel(/Photos of the item/)
    .setInputFiles({ name: "torn.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Request return" }).click();
  await expect(page).toHaveURL(/\/orders\/1007\?request=/);

  const photo = page.getByRole("img", { name: /Photo 1 you sent/ });
  await expect(photo).toBeVisible();
  const src = await photo.getAttribute("src");
  const own = await page.request.get(src!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("image/png");
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");

  const stranger = await browser.newContext();
  expect((await stranger.request.get(new URL(src!, page.url()).toString())).status()).toBe(404);
  await stranger.close();
});

test("#1004's final-sale line cannot be selected", async ({ page }) => {
  await lookUp(page, "1004", "bo@example.com");
  await expect(
    page.getByRole("region", { name: "Items" }).getByText("Final sale — not returnable"),
  ).toBeVisible();
  await page.getByRole("link", { name: "Return items" }).click();
  const lines = page.getByRole("group", { name: "Items you can return" });
  await expect(lines.getByText("Clearance Mittens", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Return Clearance Mittens")).toHaveCount(0);
  await expect(lines.getByText("Final sale — not returnable")).toBeVisible();
  await expect(page.getByLabel("Return Thermal Bottle 0.75 l")).toBeVisible();
});

test("#1003 shows the closed window and offers no return", async ({ page }) => {
  await lookUp(page, "1003", "bo@example.com");
  await expect(
    page.getByText(/The return window for this order closed on \d{1,2} \w+ \d{4}\./),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Return items" })).toHaveCount(0);
  await page.goto("/orders/1003/return");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "return window for this order has closed",
  );
  await expect(page.getByRole("button", { name: "Request return" })).toHaveCount(0);
});

test("/policy says where returns go, in the shopper's language", async ({ page, context }) => {
  await page.goto("/policy");
  const returns = page.getByRole("region", { name: "Returns" });
  await expect(returns).toContainText("Once your return is approved, send the items to:");
  await expect(returns.locator("address")).toHaveText(/Strømsveien 314\s*1081 Oslo\s*Norway/);
  await context.addCookies([{ name: "aftercare_locale", value: "nb", url: page.url() }]);
  await page.reload();
  await expect(page.locator("address")).toHaveText(/Strømsveien 314\s*1081 Oslo\s*Norge/);
});
