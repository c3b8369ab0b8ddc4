import { House } from "@/components/icons/lucide/house";
import { Languages } from "@/components/icons/lucide/languages";
import { LogOut } from "@/components/icons/lucide/log-out";
import { Package } from "@/components/icons/lucide/package";
import { ReceiptText } from "@/components/icons/lucide/receipt-text";
import { Wifi } from "@/components/icons/lucide/wifi";
import { WifiOff } from "@/components/icons/lucide/wifi-off";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { OfflineStatus } from "@/components/offline/offline-status";
import { LocaleSwitcher } from "./locale-switcher";
import { LogoMark } from "./logo-mark";
import { type NavLink, StudentTabs } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { useShellClientText } from "./shell-props";
import { SkipLink } from "./skip-link";

export type StudentShellProps = {
  userName: string;
  studentNo: string;
  /** the notification bell (modules/notifications), rendered by the layout with its unread count */
  bell?: ReactNode;
  children: ReactNode;
};

/**
 * The signed-in student frame: a brand-coloured top bar (app name, who is signed in,
 * language, sign out) and the main tabs — a bottom tab bar on phones, inline in the top
 * bar from md up.
 */
// The shell's icons are drawn here, on the server, and handed to its client islands: lucide's
// client runtime stays off the student pages' first load (docs/decisions/024-web-speed.md).
// A tab's icon is bolder on the active tab (the link is a group with aria-current="page").
const tabIcon = { "aria-hidden": true, strokeWidth: 1.75, className: "size-6 md:size-4 group-aria-[current=page]:stroke-[2.25]" } as const;

export function StudentShell({ userName, studentNo, bell, children }: StudentShellProps) {
  const t = useTranslations("common");
  const tn = useTranslations("network");
  const tOffline = useTranslations("offline");
  const client = useShellClientText();
  const links: NavLink[] = [
    { href: "/", label: t("nav.home"), icon: <House {...tabIcon} />, exact: true },
    { href: "/packages", label: t("nav.packages"), icon: <Package {...tabIcon} /> },
    { href: "/exchanges", label: t("nav.exchanges"), icon: <ReceiptText {...tabIcon} /> },
    { href: "/network", label: tn("title"), icon: <Wifi {...tabIcon} /> },
  ];

  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink label={t("nav.skipToContent")} />
      <header className="sticky top-0 z-20 bg-brand-700 pt-[env(safe-area-inset-top)] text-white shadow-sm">
        <div className="mx-auto flex h-16 max-w-5xl items-center gap-3 pr-[max(0.75rem,env(safe-area-inset-right))] pl-[max(1rem,env(safe-area-inset-left))]">
          <Link
            href="/"
            className="flex min-w-0 items-center gap-2.5 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            <LogoMark tone="onBrand" />
            <span className="min-w-0">
              <span className="block truncate text-[0.9375rem] leading-tight font-semibold">{t("appName")}</span>
              <span className="block truncate text-xs leading-tight text-white/80">
                {userName}
                <span aria-hidden> · </span>
                <span className="tabular-nums">{t("user.studentNo", { studentNo })}</span>
              </span>
            </span>
          </Link>
          <div className="md:ml-4">
            <StudentTabs links={links} label={t("nav.main")} />
          </div>
          <div className="ml-auto flex shrink-0 items-center gap-0.5">
            {bell}
            <LocaleSwitcher tone="dark" className="max-sm:px-2" text={client.localeSwitch} icon={<Languages aria-hidden className="size-4" />} />
            <SignOutButton tone="dark" iconOnlyOnMobile text={client.signOut} icon={<LogOut aria-hidden className="size-4" />} />
          </div>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl flex-1 pt-5 pr-[max(1rem,env(safe-area-inset-right))] pb-[calc(5.5rem+env(safe-area-inset-bottom))] pl-[max(1rem,env(safe-area-inset-left))] focus:outline-none md:pt-8 md:pb-12"
      >
        <OfflineStatus
          studentNo={studentNo}
          locale={client.locale}
          icon={<WifiOff aria-hidden className="size-4 shrink-0" />}
          text={{
            banner: tOffline("banner"),
            balance: tOffline("balance"),
            quota: tOffline("quota"),
            speed: tOffline("speed"),
            highSpeed: tOffline("mode.highSpeed"),
            throttled: tOffline("mode.throttled"),
            asOf: tOffline.raw("asOf") as string,
            noSummary: tOffline("noSummary"),
          }}
        />
        {children}
      </main>
    </div>
  );
}
