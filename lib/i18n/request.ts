import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, requestLocale } from "./config";

export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = requestLocale(chosen, (await headers()).get("accept-language"));
  return {
    locale,
    timeZone: "Europe/Oslo",
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
