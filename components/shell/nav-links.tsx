"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type NavLink = {
  href: string;
  label: string;
  /**
   * Drawn by the (server) shell, so this island ships no icon library; it is inside the link,
   * which is a `group` with aria-current on the active tab (style the active icon with
   * group-aria-[current=page]:…).
   */
  icon?: ReactNode;
  /** Active only on this exact path (for "/" and "/admin"); otherwise also on sub-paths. */
  exact?: boolean;
};

export function isActivePath(pathname: string, link: Pick<NavLink, "href" | "exact">): boolean {
  if (link.exact) return pathname === link.href;
  return pathname === link.href || pathname.startsWith(`${link.href}/`);
}

/**
 * The student tabs: a fixed bottom tab bar on phones, an inline top nav from md up.
 */
export function StudentTabs({ links, label }: { links: NavLink[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label={label}
      className={cn(
        "fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur",
        "md:static md:z-auto md:border-0 md:bg-transparent md:pb-0 md:backdrop-blur-none",
      )}
    >
      <ul className="mx-auto flex max-w-lg md:max-w-none md:gap-1">
        {links.map((link) => {
          const active = isActivePath(pathname, link);
          return (
            <li key={link.href} className="min-w-0 flex-1 md:flex-none">
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  // min-h, not h, and labels that may wrap anywhere: at 320 px with 200 % text "Network" is wider than its tab.
                  "group flex min-h-16 flex-col items-center justify-center gap-1 px-0.5 text-center text-xs leading-tight font-medium [overflow-wrap:anywhere] transition-colors",
                  "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700",
                  "md:h-9 md:flex-row md:gap-1.5 md:rounded-lg md:px-3 md:text-sm md:focus-visible:outline-offset-2 md:focus-visible:outline-white",
                  active
                    ? "text-brand-700 md:bg-white/20 md:text-white"
                    : "text-slate-500 hover:text-slate-800 md:text-white/80 md:hover:bg-white/10 md:hover:text-white",
                )}
              >
                {link.icon}
                <span>{link.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
