// #1010's refund failed at the bank (the card expired). Eva sees on her order page what she can
// do — a button to choose how to get the money — chooses a bank transfer among the ways the order
// can really be paid (no field for a card or payment of her naming), and then sees her choice;
// so does the owner, in the refund monitor and on the order. The merchant spec retries #1010's
// refund later; a retry stays possible after this choice.
import { expect, test } from "@playwright/test";
import { OWNER, signInStaff } from "./console-helpers";
import { lookUp } from "./shopper-helpers";

test("a failed refund offers a choice on the order page, and shows the choice once made", async ({
  page,
  browser,
}) => {
  await lookUp(page, "1010", "eva@example.com");
  const entry = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry.getByText("The refund didn't go through")).toBeVisible();
  await expect(entry).toContainText("Choose below how you would like to get the money instead");
  await expect(entry).not.toContainText("You don't need to do anything");
  await entry.getByRole("link", { name: "Choose how to get your refund" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Choose how to get your refund" })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "To your card again, once your bank has replaced it" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "As store credit" })).toHaveCount(0);
  // The shopper never names a card or payment to refund to.
  // The only fields on the page are the bank transfer's two.
  await expect(page.getByRole("main").getByRole("textbox")).toHaveCount(2);
  await expect(page.getByRole("main")).not.toContainText("pm_ok");

  const bank = page.getByRole("region", { name: "By bank transfer" });
  await bank.getByLabel("Account holder's name").fill("Eva Strand");
  await bank.getByLabel("IBAN").fill("NO93 8601 1117 947");
  await bank.getByRole("button", { name: "Send my bank details" }).click();
  await expect(page.getByText("We will transfer the money to NO••")).toBeVisible();

  await page.goto("/orders/1010");
  const after = page.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(after).toContainText("You chose a bank transfer to NO••");
  await expect(after).toContainText("You have chosen how to get the money");
  await expect(after.getByRole("link", { name: "Choose how to get your refund" })).toHaveCount(0);

  const staff = await signInStaff(browser, OWNER);
  await staff.page.goto("/merchant/refunds");
  await expect(staff.page.getByRole("row").filter({ hasText: "#1010" })).toContainText(
    "Shopper chose bank transfer",
  );
  await staff.page.goto("/merchant/orders/1010");
  await expect(staff.page.getByRole("table", { name: "Refunds" })).toContainText(
    "Shopper chose bank transfer",
  );
  await staff.context.close();
});
