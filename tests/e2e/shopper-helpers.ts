import { expect, type Page } from "@playwright/test";

/** Looks an order up as a shopper would and lands on its page. */
export async function lookUp(page: Page, number: string, email: string) {
  await page.goto("/");
  await page.getByLabel("Order number").fill(number);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}$`));
}

/**
 * A client address of its own, so one test's wrong guesses never rate-limit another's lookups: the
 * specs act as the proxy that playwright.config.ts declares (TRUSTED_PROXIES=127.0.0.1).
 */
export function ownClientAddress(page: Page) {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  return page.setExtraHTTPHeaders({ "x-forwarded-for": `198.18.${octet()}.${octet()}` });
}

export const money = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
