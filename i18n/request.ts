import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale, timeZone } from "./config";
import { loadMessages } from "./messages";

export default getRequestConfig(async ({ locale: requested }) => {
  // An explicit locale (getTranslations({ locale })) wins; otherwise cookie, then header.
  const locale = isLocale(requested)
    ? requested
    : resolveLocale({
        cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
        acceptLanguage: (await headers()).get("accept-language"),
      });

  return {
    locale,
    timeZone,
    messages: await loadMessages(locale),
  };
});
