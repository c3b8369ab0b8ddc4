"use client";

import {
  HandCoins,
  House,
  Landmark,
  LayoutDashboard,
  ListTodo,
  type LucideIcon,
  Megaphone,
  Package,
  ReceiptText,
  ScrollText,
  Settings,
  Users,
  Wifi,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

// Icons are named, not passed as components, so server components can describe the links.
const icons = {
  home: House,
  packages: Package,
  exchanges: ReceiptText,
  network: Wifi,
  overview: LayoutDashboard,
  users: Users,
  counter: HandCoins,
  finance: Landmark,
  settings: Settings,
  notices: Megaphone,
  queues: ListTodo,
  audit: ScrollText,
} satisfies Record<string, LucideIcon>;

export type NavIcon = keyof typeof icons;

export type NavLink = {
  href: string;
  label: string;
  icon?: NavIcon;
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
          const Icon = link.icon ? icons[link.icon] : null;
          return (
            <li key={link.href} className="min-w-0 flex-1 md:flex-none">
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  // min-h, not h, and labels that may wrap anywhere: at 320 px with 200 % text "Network" is wider than its tab.
                  "flex min-h-16 flex-col items-center justify-center gap-1 px-0.5 text-center text-xs leading-tight font-medium [overflow-wrap:anywhere] transition-colors",
                  "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700",
                  "md:h-9 md:flex-row md:gap-1.5 md:rounded-lg md:px-3 md:text-sm md:focus-visible:outline-offset-2 md:focus-visible:outline-white",
                  active
                    ? "text-brand-700 md:bg-white/20 md:text-white"
                    : "text-slate-500 hover:text-slate-800 md:text-white/80 md:hover:bg-white/10 md:hover:text-white",
                )}
              >
                {Icon ? <Icon aria-hidden className="size-6 md:size-4" strokeWidth={active ? 2.25 : 1.75} /> : null}
                <span>{link.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The admin links: a horizontal scroller on small screens, a vertical sidebar list from lg up. */
export function AdminNav({ links, label }: { links: NavLink[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="overflow-x-auto">
      <ul className="flex gap-1 lg:flex-col">
        {links.map((link) => {
          const active = isActivePath(pathname, link);
          const Icon = link.icon ? icons[link.icon] : null;
          return (
            <li key={link.href} className="shrink-0">
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex h-10 items-center gap-2.5 rounded-lg px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700",
                  active ? "bg-brand-50 text-brand-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {Icon ? <Icon aria-hidden className="size-4.5" /> : null}
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
