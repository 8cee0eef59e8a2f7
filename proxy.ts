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

// Server actions share Next.js's one body limit, raised for the return form's photos; every other
// action is held to this. Browsers always send Content-Length with a form post.
const ACTION_BODY_LIMIT = 1024 * 1024;
const PHOTO_ACTION_PATH = /^\/orders\/[^/]+\/return\/?$/;

/** A refusal for a server-action post that Next.js would fail with a 500, or take too large. */
function refuseAction(request: NextRequest): NextResponse | null {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  // The same host Next.js compares the Origin with; a mismatch there is a 500, here a 403.
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const origin = request.headers.get("origin");
  if (origin !== null && originHost(origin) !== host) {
    return NextResponse.json(
      { error: { code: "forbidden", message: "This form was posted from another site." } },
      { status: 403 },
    );
  }
  if (PHOTO_ACTION_PATH.test(request.nextUrl.pathname)) return null;
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (!(length <= ACTION_BODY_LIMIT)) {
    return NextResponse.json(
      { error: { code: "payload_too_large", message: "The form is larger than 1 MB." } },
      { status: Number.isFinite(length) ? 413 : 411 },
    );
  }
  return null;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export async function proxy(request: NextRequest) {
  const refused = refuseAction(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  // Shop pages come here only for their actions' checks above.
  if (!/^\/(merchant|account)(\/|$)/.test(pathname)) return NextResponse.next();
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

export const config = {
  matcher: [
    "/merchant",
    "/merchant/:path*",
    "/account",
    "/account/:path*",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
