import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type Area, areaNamespaces, pickMessages, SHELL_NAMESPACES } from "./client-namespaces";

/**
 * Sends the browser only the message namespaces its client components use
 * (i18n/client-namespaces.ts): the shell's, plus an area's, or every namespace for the staff
 * pages (not sized for phones). Locale, time zone and formats come from the request config.
 */
export async function ClientMessages({ area, children }: { area: Area | "shell" | "all"; children: ReactNode }) {
  const messages = await getMessages();
  const picked = area === "all" ? messages : pickMessages(messages, area === "shell" ? SHELL_NAMESPACES : areaNamespaces(area));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
