// The one next-auth (v4) configuration, for staff and shoppers. Sessions are JWTs in an
// httpOnly cookie carrying `kind`, `email`, and for staff `staffId` and `role`, plus the
// sign-in and last-seen times that session-policy.ts turns into idle and absolute expiry.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { recordEvent } from "@/lib/events/record";
import { clientAddress } from "@/lib/net/client-address";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { authOrigin, sessionCookieName, sessionCookieOptions, secureCookies } from "./cookies";
import { authenticateStaff } from "./credentials";
import { SIGN_IN_PATH } from "./paths";
import { rateLimitedError, SIGN_IN_ERRORS } from "./sign-in-errors";
import {
  emailProviders,
  isStaffEmailProvider,
  signInClaimsForEmail,
  verificationTokenAdapter,
} from "./email-sign-in";
import { MAX_SESSION_SECONDS, nowSeconds, type SessionClaims, sessionState } from "./session-policy";

export const STAFF_PASSWORD_PROVIDER = "staff-password";

/** Thrown by the jwt callback when a session has ended; next-auth then clears the cookie. */
export const SESSION_ENDED = "aftercare_session_ended";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1000),
});

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

function buildAuthOptions(): NextAuthOptions {
  const e = env();
  // next-auth v4 reads its origin from NEXTAUTH_URL only; Aftercare documents AUTH_URL too.
  const origin = authOrigin();
  if (origin) process.env.NEXTAUTH_URL ??= origin;
  else if (!e.isProduction) process.env.AUTH_TRUST_HOST ??= "true";

  return {
    secret: e.authSecret,
    useSecureCookies: secureCookies(),
    cookies: {
      sessionToken: { name: sessionCookieName(), options: sessionCookieOptions(MAX_SESSION_SECONDS) },
    },
    session: { strategy: "jwt", maxAge: MAX_SESSION_SECONDS },
    adapter: verificationTokenAdapter(getDb),
    // Shopper links that fail are sent to /account instead (app/api/auth/[...nextauth]/route.ts).
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [
      CredentialsProvider({
        id: STAFF_PASSWORD_PROVIDER,
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const client = clientAddress(req.headers ?? {});
          const result = await authenticateStaff(await getDb(), { ...parsed.data, client });
          if (!result.ok) {
            if (result.reason === "invalid") return null;
            if (result.reason === "rate_limited") throw new Error(rateLimitedError(result.retryAfterMs));
            throw new Error(SIGN_IN_ERRORS[result.reason]);
          }
          const { staff } = result;
          return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, kind: "staff" };
        },
      }),
      ...emailProviders(getDb),
    ],
    callbacks: {
      async signIn({ user, account, email }) {
        // Asking for a link always "works" (sendVerificationRequest decides whether to send),
        // so the form never tells who is staff. Only an active staff member may use one.
        if (email?.verificationRequest) return true;
        if (account && isStaffEmailProvider(account.provider)) {
          return Boolean(
            user.email && (await signInClaimsForEmail(await getDb(), account.provider, user.email)),
          );
        }
        return true;
      },
      async jwt({ token, user, account }) {
        const now = nowSeconds();
        if (user && account) return { ...token, ...(await claimsAtSignIn(user, account.provider, now)) };
        if (sessionState(token as Partial<SessionClaims>, now) !== "active") throw new Error(SESSION_ENDED);
        return { ...token, lastSeenAt: now };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { email: token.email, name: token.name },
          kind: token.kind!,
          email: token.email!,
          role: token.role,
          staffId: token.staffId,
        };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.kind !== "staff" || !token.staffId) return;
        const db = await getDb();
        const store = await getStoreOrThrow(db);
        await recordEvent(db, {
          storeId: store.id,
          subjectType: "staff",
          subjectId: token.staffId,
          actor: { type: "staff", id: token.staffId },
          type: "staff.signed_out",
          data: {},
        });
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is routine: next-auth clears the cookie and the user signs in again.
        if ((metadata as Error | undefined)?.message === SESSION_ENDED) return;
        console.error(`[auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
}

async function claimsAtSignIn(
  user: { id: string; email?: string | null; role?: SessionClaims["role"]; kind?: SessionClaims["kind"] },
  provider: string,
  now: number,
): Promise<SessionClaims> {
  const times = { signedInAt: now, lastSeenAt: now };
  if (provider === STAFF_PASSWORD_PROVIDER) {
    return { kind: "staff", email: user.email!, staffId: user.id, role: user.role!, ...times };
  }
  const claims = await signInClaimsForEmail(await getDb(), provider, user.email!);
  if (!claims) throw new Error("AccessDenied");
  return { ...claims, ...times };
}
