"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";

/** Deletes the service worker's page caches so a shared phone keeps no one's pages. */
async function clearPageCaches() {
  if (typeof caches === "undefined") return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => !n.includes("precache")).map((n) => caches.delete(n)));
  } catch {
    // Cache storage can be unavailable (private mode); signing out must still work.
  }
}

export function SignOutButton({
  className,
  tone = "light",
  iconOnlyOnMobile = false,
}: {
  className?: string;
  tone?: "light" | "dark";
  /** Hide the text below the sm breakpoint (the label stays for screen readers). */
  iconOnlyOnMobile?: boolean;
}) {
  const t = useTranslations("common.actions");
  const [pending, setPending] = useState(false);

  return (
    <button
      type="button"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={async () => {
        setPending(true);
        await clearPageCaches();
        await signOut({ callbackUrl: "/signed-out" });
      }}
      className={cn(
        "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
        tone === "dark" ? "text-white/90 hover:bg-white/15 focus-visible:outline-white" : "text-slate-600 hover:bg-slate-100 focus-visible:outline-brand-700",
        className,
      )}
    >
      {pending ? <Spinner /> : <LogOut aria-hidden className="size-4" />}
      <span className={cn(iconOnlyOnMobile && "max-sm:sr-only")}>{pending ? t("signingOut") : t("signOut")}</span>
    </button>
  );
}
