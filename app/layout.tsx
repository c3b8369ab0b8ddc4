import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BRAND_COLOR } from "@/components/shell/brand";
import { ShellTextProvider } from "@/components/shell/shell-text";
import { SwRegister } from "@/components/sw-register";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  const appName = t("appName");
  return {
    title: { template: `%s · ${appName}`, default: appName },
    description: t("appDescription"),
    applicationName: appName,
    // app/manifest.webmanifest/route.ts (in the language of Accept-Language).
    manifest: "/manifest.webmanifest",
    appleWebApp: { capable: true, title: t("appShortName"), statusBarStyle: "default" },
    formatDetection: { telephone: false, email: false, address: false },
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Lets content reach under the notch; the shells pad with env(safe-area-inset-*).
  viewportFit: "cover",
  themeColor: BRAND_COLOR,
  colorScheme: "light",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  // No next-intl client provider here: the shells' client parts get their text as props, the
  // error page through ShellTextProvider, and each area that has client components using
  // next-intl adds the provider with its own namespaces (i18n/client-namespaces.ts). The home
  // ships none of next-intl's client code (docs/decisions/024-web-speed.md).
  const shellText = {
    errorTitle: t("errors.unexpectedTitle"),
    errorDescription: t("errors.unexpectedDescription"),
    errorId: t.raw("errors.errorId") as string,
    retry: t("actions.retry"),
    backHome: t("actions.backHome"),
  };
  return (
    <html lang={locale}>
      <body>
        <ShellTextProvider value={shellText}>{children}</ShellTextProvider>
        <SwRegister />
      </body>
    </html>
  );
}
