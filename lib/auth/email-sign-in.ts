// E-mail magic-link sign-in (next-auth's Email provider): one provider for staff, one for
// shoppers, so a link always says which kind of session it opens. Links go out through the
// notifications outbox, and only to addresses that may use them — an active staff member, or
// a shopper with at least one order — without telling the person asking which it was.
import { and, eq } from "drizzle-orm";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import type { Provider } from "next-auth/providers/index";
import { cookies, headers } from "next/headers";
import type { Db } from "@/lib/db";
import { LOCALE_COOKIE, type Locale, requestLocale } from "@/lib/i18n/config";
import { customers, orders, staffUsers, verificationTokens } from "@/lib/db/schema";
import { queueNotification } from "@/lib/notifications/outbox";
import { hit } from "@/lib/rate-limit/limiter";
import type { SessionClaims } from "./session-policy";

export const STAFF_EMAIL_PROVIDER = "staff-email";
export const SHOPPER_EMAIL_PROVIDER = "shopper-email";
/** Matches the e-mail's copy ("works once and expires in 24 hours"). */
const LINK_MAX_AGE_SECONDS = 24 * 60 * 60;
const LINK_LIMIT = { limit: 5, windowMs: 15 * 60_000 };

export const isStaffEmailProvider = (provider: string) => provider === STAFF_EMAIL_PROVIDER;

type EmailClaims = Omit<SessionClaims, "signedInAt" | "lastSeenAt">;

/** Who a verified e-mail signs in as through `provider`, or null when it may not sign in. */
export async function signInClaimsForEmail(
  db: Db,
  provider: string,
  rawEmail: string,
): Promise<EmailClaims | null> {
  const email = rawEmail.trim().toLowerCase();
  if (provider === SHOPPER_EMAIL_PROVIDER) return { kind: "shopper", email };
  if (provider !== STAFF_EMAIL_PROVIDER) return null;
  const staff = await activeStaff(db, email);
  return staff ? { kind: "staff", email, staffId: staff.id, role: staff.role } : null;
}

async function activeStaff(db: Db, email: string) {
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.email, email)).limit(1);
  return staff && !staff.disabledAt ? staff : null;
}

/** The shopper's preferred language, when any of their orders says one. */
async function shopperLocale(db: Db, email: string): Promise<string | null | undefined> {
  const [order] = await db
    .select({ id: orders.id, locale: orders.locale, customerLocale: customers.locale })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.email, email))
    .limit(1);
  if (!order) return undefined;
  return order.customerLocale ?? order.locale ?? null;
}

/**
 * Queues the sign-in e-mail when the address may use it; says nothing either way. A shopper's
 * e-mail speaks `pageLocale` (the language of the page they asked on), else their orders'.
 */
export async function sendSignInLink(
  db: Db,
  provider: string,
  rawEmail: string,
  url: string,
  pageLocale?: Locale,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  if (!(await hit(db, `signin-link:${email}`, LINK_LIMIT)).allowed) return;
  let locale: string | null | undefined = "en";
  if (provider === STAFF_EMAIL_PROVIDER) {
    if (!(await activeStaff(db, email))) return;
  } else {
    const ordersLocale = await shopperLocale(db, email);
    if (ordersLocale === undefined) return;
    locale = pageLocale ?? ordersLocale;
  }
  await db.transaction((tx) =>
    queueNotification(tx, { orderId: null, to: email, locale, template: "sign_in_link", params: { url } }),
  );
}

/** Where a shopper lands when their link fails: their own page, which explains it in their language. */
export const SHOPPER_LINK_FAILED_PATH = "/account?link=used";

/**
 * next-auth sends a failed e-mail link (used, expired, altered) to its error page, which is the
 * staff's. For the shopper provider's callback, the redirect goes to the shopper's page instead.
 */
export function shopperLinkFailureRedirect(requestUrl: string, location: string | null): string | null {
  if (!location || !new URL(requestUrl).pathname.endsWith(`/callback/${SHOPPER_EMAIL_PROVIDER}`)) return null;
  const to = new URL(location, requestUrl);
  return to.pathname.endsWith("/error") || to.searchParams.has("error") ? SHOPPER_LINK_FAILED_PATH : null;
}

/** The language of the page the link was asked for on: its cookie, else Accept-Language (as next-intl). */
async function askingPageLocale(): Promise<Locale> {
  return requestLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
}

export function emailProviders(getDb: () => Promise<Db>): Provider[] {
  return [STAFF_EMAIL_PROVIDER, SHOPPER_EMAIL_PROVIDER].map((id) =>
    // next-auth merges these options over the provider's defaults, id included (its types say "email" only).
    EmailProvider({
      id,
      name: id === STAFF_EMAIL_PROVIDER ? "Staff e-mail link" : "E-mail link",
      maxAge: LINK_MAX_AGE_SECONDS,
      // Sent through the outbox (SMTP when configured); next-auth's own transport is never used.
      server: {},
      sendVerificationRequest: async ({ identifier, url, provider }) =>
        sendSignInLink(await getDb(), provider.id, identifier, url, await askingPageLocale()),
    } as Parameters<typeof EmailProvider>[0]),
  );
}

/**
 * The minimal adapter next-auth's Email provider needs: one-time tokens in verification_tokens
 * (hashed by next-auth before they reach us). Users are not stored here: a session's identity is
 * the verified e-mail, and the callbacks in options.ts turn it into a staff or shopper session.
 */
export function verificationTokenAdapter(getDb: () => Promise<Db>): Adapter {
  const user = (email: string, emailVerified: Date | null = null) => ({
    id: email.toLowerCase(),
    email: email.toLowerCase(),
    emailVerified,
  });
  return {
    async createVerificationToken(token) {
      const db = await getDb();
      await db.insert(verificationTokens).values({
        identifier: token.identifier.toLowerCase(),
        token: token.token,
        expires: token.expires,
      });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      const db = await getDb();
      // Deleting is what makes a link work once, even when two clicks race.
      const [row] = await db
        .delete(verificationTokens)
        .where(
          and(
            eq(verificationTokens.identifier, identifier.toLowerCase()),
            eq(verificationTokens.token, token),
          ),
        )
        .returning();
      return row ?? null;
    },
    getUserByEmail: (email) => user(email),
    createUser: (u: { email: string; emailVerified: Date | null }) => user(u.email, u.emailVerified),
    updateUser: (u) => user(u.email ?? u.id, u.emailVerified ?? null),
    getUser: () => null,
  };
}
