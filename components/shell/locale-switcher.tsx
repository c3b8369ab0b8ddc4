"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { type AppLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/i18n/config";

export type LocaleSwitchText = { next: AppLocale; nextLabel: string; switchTo: string };

export function setLocaleCookie(locale: AppLocale) {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
}

/**
 * Switches between the two languages: stores the choice in the NEXT_LOCALE cookie (one
 * year) and re-renders the current route on the server. The label names the other
 * language in that language ("English" / "中文"). The shells (Server Components) pass the text:
 * `localeSwitchText` below.
 */
export function LocaleSwitcher({
  className,
  tone = "light",
  text,
  icon,
}: {
  className?: string;
  tone?: "light" | "dark";
  text: LocaleSwitchText;
  /** drawn by the (server) shell: no icon library in this island */
  icon: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { next, nextLabel } = text;

  return (
    <button
      type="button"
      lang={next}
      aria-label={text.switchTo}
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
      {icon}
      <span>{nextLabel}</span>
    </button>
  );
}
