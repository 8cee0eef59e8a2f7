// Sign-in links in the outbox are hidden from staff: whoever reads one could sign in as its
// recipient — a shopper, or a colleague with a stronger role. The demo (AFTERCARE_DEMO, no mail
// server) shows shoppers' links, so a visitor can finish signing in to /account; staff links stay
// hidden there too.
const SIGN_IN_LINK = /https?:\/\/[^\s"'<>]*\/api\/auth\/callback\/([\w-]+)[^\s"'<>]*/g;
export const HIDDEN_LINK = "[sign-in link hidden]";

export function redactSignInLinks(text: string, options: { showShopperLinks?: boolean } = {}): string {
  return text.replace(SIGN_IN_LINK, (link, provider: string) =>
    options.showShopperLinks && provider === "shopper-email" ? link : HIDDEN_LINK,
  );
}

/** The shopper sign-in link an e-mail carries, when the demo may show it. */
export function shopperSignInLink(text: string): string | null {
  for (const match of text.matchAll(SIGN_IN_LINK)) if (match[1] === "shopper-email") return match[0];
  return null;
}
