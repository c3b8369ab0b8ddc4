import { Languages } from "@/components/icons/lucide/languages";
import { LogOut } from "@/components/icons/lucide/log-out";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers";
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/roles";
import { LocaleSwitcher } from "./locale-switcher";
import { LogoMark } from "./logo-mark";
import { AdminNav, type AdminNavLink } from "./admin-nav";
import { SignOutButton } from "./sign-out-button";
import { useShellClientText } from "./shell-props";
import { SkipLink } from "./skip-link";

export type AdminShellProps = {
  userName: string;
  /** The staff role (OPERATOR / FINANCE / ADMIN); shown translated via common.roles. */
  role: Role;
  /** Replaces the default links (概览, 用户查询, and by role 营业厅充值 / 财务 / 设置). */
  links?: AdminNavLink[];
  children: ReactNode;
};

/** The /admin frame: a sidebar from lg up, a top bar with a scrolling link row below it. */
export function AdminShell({ userName, role, links, children }: AdminShellProps) {
  const t = useTranslations("common");
  const tq = useTranslations("queues");
  const tau = useTranslations("audit");
  const tcat = useTranslations("catalogue");
  const client = useShellClientText();
  const navLinks: AdminNavLink[] = links ?? [
    { href: "/admin", label: t("nav.adminOverview"), icon: "overview", exact: true },
    { href: "/admin/users", label: t("nav.adminUsers"), icon: "users" },
    { href: "/admin/queues", label: tq("nav"), icon: "queues" },
    ...(can(role, "counter.recharge") ? [{ href: "/admin/counter", label: t("nav.adminCounter"), icon: "counter" } satisfies AdminNavLink] : []),
    ...(can(role, "finance.view") ? [{ href: "/admin/finance", label: t("nav.adminFinance"), icon: "finance" } satisfies AdminNavLink] : []),
    ...(can(role, "settings.manage") ? [{ href: "/admin/settings", label: t("nav.adminSettings"), icon: "settings" } satisfies AdminNavLink] : []),
    ...(can(role, "catalogue.manage") ? [{ href: "/admin/catalogue", label: tcat("nav"), icon: "finance" } satisfies AdminNavLink] : []),
    ...(can(role, "notices.send") ? [{ href: "/admin/notices", label: t("nav.adminNotices"), icon: "notices" } satisfies AdminNavLink] : []),
    ...(can(role, "lifecycle.bulk") ? [{ href: "/admin/lifecycle", label: t("nav.adminLifecycle"), icon: "users" } satisfies AdminNavLink] : []),
    ...(can(role, "audit.view") ? [{ href: "/admin/audit", label: tau("nav"), icon: "audit" } satisfies AdminNavLink] : []),
    ...(can(role, "jobs.manage") ? [{ href: "/admin/jobs", label: t("nav.adminJobs"), icon: "settings" } satisfies AdminNavLink] : []),
  ];
  const roleLabel = t.has(`roles.${role}`) ? t(`roles.${role}`) : role;

  return (
    <div className="min-h-dvh lg:flex">
      <SkipLink label={t("nav.skipToContent")} />
      <aside className="sticky top-0 z-20 border-b border-slate-200 bg-white pt-[env(safe-area-inset-top)] lg:fixed lg:inset-y-0 lg:left-0 lg:flex lg:w-64 lg:flex-col lg:border-r lg:border-b-0">
        <div className="flex h-14 items-center gap-2.5 px-4 lg:h-16">
          <Link
            href="/admin"
            className="flex min-w-0 items-center gap-2.5 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            <LogoMark />
            <span className="min-w-0">
              <span className="block truncate text-sm leading-tight font-semibold text-slate-900">{t("appName")}</span>
              <span className="block text-xs leading-tight text-slate-500">{t("nav.admin")}</span>
            </span>
          </Link>
          <div className="ml-auto flex items-center gap-0.5 lg:hidden">
            <LocaleSwitcher className="max-sm:px-2" text={client.localeSwitch} icon={<Languages aria-hidden className="size-4" />} />
            <SignOutButton iconOnlyOnMobile text={client.signOut} icon={<LogOut aria-hidden className="size-4" />} />
          </div>
        </div>
        <div className="px-3 pb-2 lg:flex-1 lg:overflow-y-auto lg:py-3">
          <AdminNav links={navLinks} label={t("nav.adminNav")} />
        </div>
        <div className="hidden border-t border-slate-200 p-3 lg:block">
          <div className="flex items-center gap-2 px-2 py-1.5">
            <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">{userName}</span>
            <Badge tone="blue">{roleLabel}</Badge>
          </div>
          <div className="mt-1 flex items-center justify-between">
            <LocaleSwitcher text={client.localeSwitch} icon={<Languages aria-hidden className="size-4" />} />
            <SignOutButton text={client.signOut} icon={<LogOut aria-hidden className="size-4" />} />
          </div>
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none lg:pl-64">
        <div className="mx-auto max-w-6xl px-4 py-6 pb-[calc(1.5rem+env(safe-area-inset-bottom))] sm:px-6 lg:px-8 lg:py-8">
          {/* The staff pages poll (dashboard, refunds): TanStack Query is theirs, not every page's. */}
          <QueryProvider>{children}</QueryProvider>
        </div>
      </main>
    </div>
  );
}
