import NextAuth from "next-auth";
import { shopperLinkFailureRedirect } from "@/lib/auth/email-sign-in";
import { getAuthOptions } from "@/lib/auth/options";
import { retryAfterSeconds } from "@/lib/auth/sign-in-errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request, not at import: `next build` must not need the environment.
async function handler(request: Request, context: Context) {
  const response = (await NextAuth(request as never, context as never, getAuthOptions())) as Response;
  const failed = shopperLinkFailureRedirect(request.url, response.headers.get("Location"));
  if (failed) {
    const headers = new Headers(response.headers);
    // Relative: the browser stays on the origin it used (its language cookie is there).
    headers.set("Location", failed);
    return new Response(null, { status: 302, headers });
  }
  return throttledAsTooManyRequests(response);
}

/**
 * next-auth answers a throttled password attempt like any failed one (401 with an error URL, or a
 * redirect for a plain form post). Scripts and the sign-in form's fetch get 429 and Retry-After.
 */
async function throttledAsTooManyRequests(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const body = (await response.clone().json()) as { url?: string };
  const error = body.url ? new URL(body.url, "http://aftercare.invalid").searchParams.get("error") : null;
  const seconds = retryAfterSeconds(error);
  if (seconds === null) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(seconds));
  return new Response(response.body, { status: 429, headers });
}

export { handler as GET, handler as POST };
