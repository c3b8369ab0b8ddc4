"use client";

import { type ReactNode, useState } from "react";
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

/**
 * next-auth's own sign-out, without its ~5 KB browser client (docs/decisions/024-web-speed.md):
 * the same two requests `signOut()` from next-auth/react makes. GET /api/auth/csrf returns the
 * token and (re)sets the CSRF cookie it is checked against; POST /api/auth/signout with both clears
 * the session cookie and answers with where to go (JSON, as next-auth/react asks for it).
 */
async function signOut(callbackUrl: string) {
  const { csrfToken } = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await res.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}

/** Its two labels, translated by the shell (components/shell/shell-props.ts). */
export type SignOutText = { signOut: string; signingOut: string };

export function SignOutButton({
  text,
  icon,
  className,
  tone = "light",
  iconOnlyOnMobile = false,
}: {
  text: SignOutText;
  /** drawn by the (server) shell: no icon library in this island */
  icon: ReactNode;
  className?: string;
  tone?: "light" | "dark";
  /** Hide the text below the sm breakpoint (the label stays for screen readers). */
  iconOnlyOnMobile?: boolean;
}) {
  const [pending, setPending] = useState(false);

  return (
    <button
      type="button"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={async () => {
        setPending(true);
        await clearPageCaches();
        try {
          await signOut("/signed-out");
        } catch {
          setPending(false); // offline or the server failed: still signed in, the button works again
        }
      }}
      className={cn(
        "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
        tone === "dark" ? "text-white/90 hover:bg-white/15 focus-visible:outline-white" : "text-slate-600 hover:bg-slate-100 focus-visible:outline-brand-700",
        className,
      )}
    >
      {pending ? <Spinner /> : icon}
      <span className={cn(iconOnlyOnMobile && "max-sm:sr-only")}>{pending ? text.signingOut : text.signOut}</span>
    </button>
  );
}
