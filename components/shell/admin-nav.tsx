"use client";

import { HandCoins } from "@/components/icons/lucide/hand-coins";
import { Landmark } from "@/components/icons/lucide/landmark";
import { LayoutDashboard } from "@/components/icons/lucide/layout-dashboard";
import { ListTodo } from "@/components/icons/lucide/list-todo";
import { Megaphone } from "@/components/icons/lucide/megaphone";
import { ScrollText } from "@/components/icons/lucide/scroll-text";
import { Settings } from "@/components/icons/lucide/settings";
import { Users } from "@/components/icons/lucide/users";
import type { IconComponent } from "@/components/icons/icon";
import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActivePath, type NavLink } from "./nav-links";

const icons = {
  overview: LayoutDashboard,
  users: Users,
  counter: HandCoins,
  finance: Landmark,
  settings: Settings,
  notices: Megaphone,
  queues: ListTodo,
  audit: ScrollText,
} satisfies Record<string, IconComponent>;

export type AdminNavIcon = keyof typeof icons;
export type AdminNavLink = Omit<NavLink, "icon"> & { icon?: AdminNavIcon };

/** The admin links: a horizontal scroller on small screens, a vertical sidebar list from lg up. */
export function AdminNav({ links, label }: { links: AdminNavLink[]; label: string }) {
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
