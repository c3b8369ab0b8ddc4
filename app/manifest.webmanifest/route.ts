// The web app manifest in the language the browser asks for. Public on purpose (browsers fetch
// it without cookies, before anyone signs in) and it says nothing about anyone. A route handler
// rather than app/manifest.ts: a metadata route is built once and cannot vary by request header.
// The language comes from Accept-Language only (no cookie), so shared caches may keep one copy
// per language: Vary: Accept-Language.
import type { NextRequest } from "next/server";
import { defaultLocale, negotiateLocale } from "@/i18n/config";
import { loadMessages } from "@/i18n/messages";
import { buildManifest, type ManifestMessages } from "@/modules/install/manifest";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const locale = negotiateLocale(request.headers.get("accept-language")) ?? defaultLocale;
  const messages = (await loadMessages(locale)) as unknown as ManifestMessages;
  return new Response(JSON.stringify(buildManifest(locale, messages)), {
    headers: {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
      "Content-Language": locale,
      Vary: "Accept-Language",
    },
  });
}
