// Runs before /merchant and /account requests. Two jobs only: keep the idle clock of an
// active session running (the session cookie gets a fresh `lastSeenAt`), and send signed-out
// page visits to the sign-in page early. Authorisation itself is checked in every page,
// action and route handler (lib/auth/session.ts), never only here.
import { decode, encode } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { PATH_HEADER, SIGN_IN_PATH } from "@/lib/auth/paths";
import {
  MAX_SESSION_SECONDS,
  nowSeconds,
  type SessionClaims,
  sessionState,
  shouldTouch,
} from "@/lib/auth/session-policy";
import { env } from "@/lib/env";

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, pathname + search);

  const name = sessionCookieName();
  const secret = env().authSecret;
  const raw = request.cookies.get(name)?.value;
  const claims = raw
    ? ((await decode({ token: raw, secret }).catch(() => null)) as SessionClaims | null)
    : null;
  const now = nowSeconds();
  const state = raw ? sessionState(claims, now) : "invalid";

  const isConsolePage =
    request.method === "GET" && pathname.startsWith("/merchant") && !pathname.startsWith(SIGN_IN_PATH);
  if (isConsolePage && (state !== "active" || claims?.kind !== "staff")) {
    const url = new URL(SIGN_IN_PATH, request.url);
    url.searchParams.set("callbackUrl", pathname + search);
    if (state === "idle" || state === "expired") url.searchParams.set("reason", "expired");
    const response = NextResponse.redirect(url);
    if (raw && state !== "active") response.cookies.delete(name);
    return response;
  }

  const response = NextResponse.next({ request: { headers } });
  if (raw && state !== "active") response.cookies.delete(name);
  const prefetch = request.headers.has("next-router-prefetch");
  if (state === "active" && claims && !prefetch && shouldTouch(claims, now)) {
    const token = await encode({
      token: { ...claims, lastSeenAt: now },
      secret,
      maxAge: MAX_SESSION_SECONDS,
    });
    response.cookies.set(name, token, sessionCookieOptions(MAX_SESSION_SECONDS));
  }
  return response;
}

export const config = { matcher: ["/merchant", "/merchant/:path*", "/account", "/account/:path*"] };
