/** Where to go after sign-in: a console path on this site only, never another origin. */
export function safeCallbackUrl(raw: string | undefined | null, fallback = "/merchant"): string {
  if (!raw || !raw.startsWith("/merchant") || /[\\\s]/.test(raw)) return fallback;
  if (raw.startsWith("/merchant/sign-in")) return fallback;
  // Resolve dot segments: "/merchant/../evil" must not escape the console.
  const url = new URL(raw, "http://console.invalid");
  if (url.origin !== "http://console.invalid" || !url.pathname.startsWith("/merchant")) return fallback;
  return url.pathname + url.search;
}
