import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { Info } from "@/components/icons/lucide/info";
import { Package } from "@/components/icons/lucide/package";
import { Wallet } from "@/components/icons/lucide/wallet";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { QuotaMeter } from "@/modules/quota/components/quota-meter";
import type { QuotaView } from "@/modules/quota/components/quota-view";
import { SpeedModeBadge } from "@/modules/quota/components/speed-mode-badge";

/**
 * The top of the packages page: the network-fee balance (and why the campus card cannot pay),
 * and the current package with the one-package-at-a-time rule.
 */
export function AccountSummary({ balanceText, quota }: { balanceText: string; quota: QuotaView }) {
  const t = useTranslations("packages");
  const th = useTranslations("home.quota");
  const pkg = quota.package;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Card aria-labelledby="packages-balance-label" className="p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id="packages-balance-label" className="flex items-center gap-1.5 text-sm font-medium text-slate-500">
            <Wallet aria-hidden className="size-4" />
            {t("balance.label")}
          </h2>
          <SpeedModeBadge mode={quota.throttled ? "THROTTLED" : "HIGH_SPEED"} />
        </div>
        <p className="mt-1.5 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">
          <span data-testid="balance">{balanceText}</span>
        </p>
        <p className="mt-3 flex gap-1.5 text-xs leading-relaxed text-slate-500">
          <Info aria-hidden className="mt-0.5 size-3.5 shrink-0" />
          {t("balance.earmarked")}
        </p>
      </Card>

      {pkg ? (
        <Card aria-labelledby="current-package-label" className="p-5">
          <h2 id="current-package-label" className="flex items-center gap-1.5 text-sm font-medium text-slate-500">
            <Package aria-hidden className="size-4" />
            {t("current.title")}
          </h2>
          <p className="mt-1.5 font-semibold text-slate-900">{pkg.name}</p>
          <QuotaMeter
            className="mt-3"
            label={t("dialog.quota")}
            bar={pkg}
            note={
              <span className="inline-flex items-center gap-1">
                <CalendarClock aria-hidden className="size-3.5" />
                {th("expires", { date: pkg.expiresText })}
              </span>
            }
          />
        </Card>
      ) : null}
    </div>
  );
}
