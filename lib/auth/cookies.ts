// The session cookie's name and flags, shared by next-auth, the server helpers and proxy.ts,
// so all three read and write the same cookie.
import { env } from "@/lib/env";

/** The app's public origin when configured (AUTH_URL or NEXTAUTH_URL). */
export function authOrigin(): string | undefined {
  const e = env();
  return e.AUTH_URL ?? e.NEXTAUTH_URL;
}

/** Secure cookies whenever the app is served over https (or is a production deployment). */
export function secureCookies(): boolean {
  const origin = authOrigin();
  return origin ? origin.startsWith("https://") : env().isProduction;
}

export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}aftercare.session`;
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: secureCookies(),
    maxAge: maxAgeSeconds,
  };
}
