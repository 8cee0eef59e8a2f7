import NextAuth from "next-auth";
import { shopperLinkFailureRedirect } from "@/lib/auth/email-sign-in";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request, not at import: `next build` must not need the environment.
async function handler(request: Request, context: Context) {
  const response = (await NextAuth(request as never, context as never, getAuthOptions())) as Response;
  const failed = shopperLinkFailureRedirect(request.url, response.headers.get("Location"));
  if (!failed) return response;
  const headers = new Headers(response.headers);
  // Relative: the browser stays on the origin it used (its language cookie is there).
  headers.set("Location", failed);
  return new Response(null, { status: 302, headers });
}

export { handler as GET, handler as POST };
