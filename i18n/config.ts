// Locale negotiation without locale routing: URLs carry no locale prefix. The choice comes
// from the NEXT_LOCALE cookie (set by the locale switcher), else Accept-Language.
// Pure and dependency-free so client components and tests can import it.

export const locales = ["zh-CN", "en"] as const;
export type AppLocale = (typeof locales)[number];

export const defaultLocale: AppLocale = "zh-CN";
export const timeZone = "Asia/Shanghai";

export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60; // one year, in seconds

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Maps one BCP 47 tag to a supported locale: zh* → zh-CN, en* → en, else null. */
export function matchLocaleTag(tag: string | null | undefined): AppLocale | null {
  const t = (tag ?? "").trim().toLowerCase();
  if (t === "zh" || t.startsWith("zh-") || t.startsWith("zh_")) return "zh-CN";
  if (t === "en" || t.startsWith("en-") || t.startsWith("en_")) return "en";
  return null;
}

/** Picks the best supported locale from an Accept-Language header, honouring q-values. */
export function negotiateLocale(acceptLanguage: string | null | undefined): AppLocale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const match = matchLocaleTag(tag);
    if (match) return match;
  }
  return null;
}

export function resolveLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): AppLocale {
  return matchLocaleTag(input.cookie) ?? negotiateLocale(input.acceptLanguage) ?? defaultLocale;
}
