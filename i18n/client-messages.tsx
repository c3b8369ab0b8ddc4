import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type Area, areaNamespaces, pickMessages } from "./client-namespaces";

/**
 * Sends the browser only the message namespaces its client components use
 * (i18n/client-namespaces.ts): the common ones plus an area's, or every namespace for the staff
 * pages (not sized for phones). The root layout has none (the home needs none). Locale, time zone and formats come from the request config.
 */
export async function ClientMessages({ area, children }: { area: Area | "all"; children: ReactNode }) {
  const messages = await getMessages();
  const picked = area === "all" ? messages : pickMessages(messages, areaNamespaces(area));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
