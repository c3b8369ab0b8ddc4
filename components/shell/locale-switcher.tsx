"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { type AppLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, locales } from "@/i18n/config";

export function setLocaleCookie(locale: AppLocale) {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
}

/**
 * Switches between the two languages: stores the choice in the NEXT_LOCALE cookie (one
 * year) and re-renders the current route on the server. The label names the other
 * language in that language ("English" / "中文").
 */
export function LocaleSwitcher({ className, tone = "light" }: { className?: string; tone?: "light" | "dark" }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next = locales.find((l) => l !== locale) ?? locales[0];
  const nextLabel = t(next);

  return (
    <button
      type="button"
      lang={next}
      aria-label={t("switchTo", { language: nextLabel })}
      disabled={pending}
      onClick={() => {
        setLocaleCookie(next);
        startTransition(() => router.refresh());
      }}
      className={cn(
        "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
        tone === "dark" ? "text-white/90 hover:bg-white/15 focus-visible:outline-white" : "text-slate-600 hover:bg-slate-100 focus-visible:outline-brand-700",
        className,
      )}
    >
      <Languages aria-hidden className="size-4" />
      <span>{nextLabel}</span>
    </button>
  );
}
