// The error codes the staff password sign-in hands back (`signIn(...).error`), shared by the
// credentials provider, the auth route (which answers a throttled attempt with 429) and the form.

export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  disabled: "account_disabled",
  rate_limited: "rate_limited",
} as const;

/** "rate_limited:<seconds>": the wait travels with the code to the route handler and the form. */
export function rateLimitedError(retryAfterMs: number): string {
  return `${SIGN_IN_ERRORS.rate_limited}:${Math.max(1, Math.ceil(retryAfterMs / 1000))}`;
}

/** The seconds to wait when `error` is a throttled attempt's code, else null. */
export function retryAfterSeconds(error: string | null | undefined): number | null {
  const match = /^rate_limited:(\d+)$/.exec(error ?? "");
  return match ? Number(match[1]) : null;
}
