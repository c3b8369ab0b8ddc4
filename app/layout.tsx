import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { BRAND_COLOR } from "@/components/shell/brand";
import { SwRegister } from "@/components/sw-register";
import { ClientMessages } from "@/i18n/client-messages";
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
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Only the shells' namespaces; each area adds its own (i18n/client-namespaces.ts). */}
        <ClientMessages area="shell">
          <Providers>{children}</Providers>
        </ClientMessages>
        <SwRegister />
      </body>
    </html>
  );
}
