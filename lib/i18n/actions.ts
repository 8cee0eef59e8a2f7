"use server";
// The language switcher: remembers the choice in a cookie for a year and goes back to the page
// it was used on. A plain form post, so it works without JavaScript.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, LOCALE_COOKIE } from "./config";

const ONE_YEAR = 365 * 24 * 60 * 60;

export async function setLocale(form: FormData): Promise<void> {
  const locale = form.get("locale");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: "/",
      maxAge: ONE_YEAR,
      sameSite: "lax",
      httpOnly: true,
    });
  }
  redirect(pathOf((await headers()).get("referer")));
}

/** Only the path of the referer, so the redirect can never leave this site; "/" without one. */
function pathOf(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer, "http://placeholder.invalid");
    const path = `${url.pathname}${url.search}`;
    return path.startsWith("/") && !path.startsWith("//") ? path : "/";
  } catch {
    return "/";
  }
}
