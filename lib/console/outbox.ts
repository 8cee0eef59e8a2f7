// Sign-in links in the outbox are hidden from staff: whoever reads one could sign in as its
// recipient — a shopper, or a colleague with a stronger role.
const SIGN_IN_LINK = /https?:\/\/[^\s"'<>]*\/api\/auth\/callback\/[^\s"'<>]*/g;
export const HIDDEN_LINK = "[sign-in link hidden]";

export function redactSignInLinks(text: string): string {
  return text.replace(SIGN_IN_LINK, HIDDEN_LINK);
}
