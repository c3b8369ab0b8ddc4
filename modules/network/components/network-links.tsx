import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { History } from "@/components/icons/lucide/history";
import { KeyRound } from "@/components/icons/lucide/key-round";
import { MonitorSmartphone } from "@/components/icons/lucide/monitor-smartphone";
import { ShieldAlert } from "@/components/icons/lucide/shield-alert";
import { Ticket } from "@/components/icons/lucide/ticket";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { formatDate, formatTime } from "@/lib/format";

export type CredentialSummary = { hasPassword: boolean; updatedAt: string | null; lockedUntil: string | null };

/** The hub's links: devices, usage details, network password (each with one line of status). */
export function NetworkLinks({
  deviceCount,
  credential,
  loginProblems,
  guestPasses = 0,
}: {
  deviceCount: number;
  credential: CredentialSummary;
  /** sign-in refusals and device-limit sign-outs in the last 7 days */
  loginProblems?: number;
  /** live guest passes (访客码) */
  guestPasses?: number;
}) {
  const t = useTranslations("network.links");
  const tp = useTranslations("network.loginProblems");
  const tg = useTranslations("guest.link");
  const locale = useLocale();
  const passwordText = credential.lockedUntil
    ? t("passwordLocked", { time: formatTime(credential.lockedUntil, locale) })
    : credential.hasPassword && credential.updatedAt
      ? t("passwordSet", { date: formatDate(credential.updatedAt, locale) })
      : t("passwordNotSet");
  return (
    <nav aria-label={t("title")}>
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5">
        <LinkRow href="/network/devices" icon={<MonitorSmartphone />} title={t("devices")} text={t("devicesText", { count: deviceCount })} />
        <LinkRow href="/network/usage" icon={<History />} title={t("usage")} text={t("usageText")} />
        <LinkRow href="/network/guests" icon={<Ticket />} title={tg("title")} text={tg("text", { count: guestPasses })} />
        <LinkRow
          href="/network/password"
          icon={<KeyRound />}
          title={t("password")}
          text={passwordText}
          warn={!credential.hasPassword || credential.lockedUntil !== null}
        />
        <LinkRow
          href="/network/login-problems"
          icon={<ShieldAlert />}
          title={tp("linkTitle")}
          text={loginProblems ? tp("linkText", { count: loginProblems }) : tp("linkHint")}
          warn={!!loginProblems}
        />
      </ul>
    </nav>
  );
}

function LinkRow({ href, icon, title, text, warn = false }: { href: string; icon: ReactNode; title: string; text: string; warn?: boolean }) {
  return (
    <li>
      <Link
        href={href}
        className="flex min-h-16 items-center gap-3 px-5 py-3 transition-colors hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700"
      >
        <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700 [&_svg]:size-5">
          {icon}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block font-medium text-slate-900">{title}</span>
          <span className={cn("block text-sm", warn ? "text-amber-700" : "text-slate-500")}>{text}</span>
        </span>
        <ChevronRight aria-hidden className="size-5 shrink-0 text-slate-400" />
      </Link>
    </li>
  );
}
