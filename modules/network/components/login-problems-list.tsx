import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { ShieldAlert } from "@/components/icons/lucide/shield-alert";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatTime } from "@/lib/format";
import type { LoginProblemKind } from "@/modules/network/login-problems.service";

export interface LoginProblemDto {
  id: string;
  kind: LoginProblemKind;
  at: string;
  mac: string | null;
  deviceName: string | null;
  limit: number | null;
}

/** Where the student fixes each kind of problem (none: nothing to do in the app). */
const FIX_HREF: Partial<Record<LoginProblemKind, string>> = {
  BAD_CREDENTIALS: "/network/password",
  NO_NETWORK_PASSWORD: "/network/password",
  LOCKED: "/network/password",
  PASSWORD_EXPIRED: "/network/password",
  PAUSED: "/network#pause",
  DEVICE_BLOCKED: "/network/devices",
  SEAMLESS_AMBIGUOUS: "/network/devices",
  DEVICE_LIMIT: "/network",
};

/** "Why couldn't I sign in?": each refusal in plain words, when, from which device, and what to do. */
export function LoginProblemsList({ items, lockedUntil }: { items: LoginProblemDto[]; lockedUntil: string | null }) {
  const t = useTranslations("network.loginProblems");
  const locale = useLocale();
  if (items.length === 0) {
    return (
      <Card>
        <EmptyState icon={<ShieldAlert />} title={t("emptyTitle")} description={t("emptyText")} />
      </Card>
    );
  }
  return (
    <Card>
      <ul aria-label={t("listLabel")} className="divide-y divide-slate-100" data-testid="login-problems">
        {items.map((p) => {
          const device = p.deviceName ?? p.mac;
          const href = FIX_HREF[p.kind];
          return (
            <li key={p.id} className="px-5 py-4" data-testid="login-problem" data-kind={p.kind}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium text-slate-900">
                  {p.kind === "DEVICE_LIMIT" ? t("reason.DEVICE_LIMIT", { device: device ?? "—", limit: p.limit ?? 0 }) : t(`reason.${p.kind}`)}
                </p>
                <Badge tone={p.kind === "DEVICE_LIMIT" ? "blue" : "amber"}>{formatDateTime(p.at, locale)}</Badge>
              </div>
              {p.kind === "LOCKED" ? (
                <p className="mt-1 text-sm text-amber-800">{lockedUntil ? t("lockedNow", { time: formatTime(lockedUntil, locale) }) : t("lockedOver")}</p>
              ) : null}
              {p.kind !== "DEVICE_LIMIT" && p.mac ? <p className="mt-1 text-xs text-slate-500">{t("device", { mac: p.mac })}</p> : null}
              <p className="mt-2 text-sm leading-relaxed text-slate-600">{t(`fix.${p.kind}`)}</p>
              {href ? (
                <Link
                  href={href}
                  className="mt-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                >
                  {t(`action.${p.kind}` as "action.BAD_CREDENTIALS")}
                  <ChevronRight aria-hidden className="size-4" />
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
