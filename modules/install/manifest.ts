// The web app manifest in one language. Pure: the route (app/manifest.webmanifest/route.ts)
// picks the language from Accept-Language and passes that language's messages.
import type { MetadataRoute } from "next";
import { BACKGROUND_COLOR, BRAND_COLOR } from "@/components/shell/brand";
import type { AppLocale } from "@/i18n/config";

export interface ManifestMessages {
  common: { appName: string; appShortName: string; appDescription: string };
  install: {
    manifest: { shortcutRecharge: string; shortcutPackages: string; screenshotHome: string; screenshotHomeWide: string };
  };
}

/** Committed under public/screenshots/ (made from the demo campus by `npx tsx dev/make-manifest-screenshots.ts`). */
export const SCREENSHOTS = {
  narrow: { src: "/screenshots/home-narrow.png", sizes: "824x1678" },
  wide: { src: "/screenshots/home-wide.png", sizes: "1280x800" },
} as const;

export function buildManifest(locale: AppLocale, messages: ManifestMessages): MetadataRoute.Manifest {
  const { appName, appShortName, appDescription } = messages.common;
  const m = messages.install.manifest;
  return {
    id: "/",
    name: appName,
    short_name: appShortName,
    description: appDescription,
    lang: locale,
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: BRAND_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ["education", "utilities"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      {
        name: m.shortcutRecharge,
        short_name: m.shortcutRecharge,
        url: "/recharge",
        icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }],
      },
      {
        name: m.shortcutPackages,
        short_name: m.shortcutPackages,
        url: "/packages",
        icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }],
      },
    ],
    screenshots: [
      { ...SCREENSHOTS.narrow, type: "image/png", form_factor: "narrow", label: m.screenshotHome },
      { ...SCREENSHOTS.wide, type: "image/png", form_factor: "wide", label: m.screenshotHomeWide },
    ],
  };
}
