import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { CirclePlus } from "@/components/icons/lucide/circle-plus";
import { Package } from "@/components/icons/lucide/package";
import { ReceiptText } from "@/components/icons/lucide/receipt-text";
import { Wallet } from "@/components/icons/lucide/wallet";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { QuotaMeter } from "./quota-meter";
import type { QuotaView } from "./quota-view";
import { SpeedModeBadge } from "./speed-mode-badge";

/**
 * The home hero: network-fee balance (网费余额), speed mode with what it means, and the
 * remaining high-speed quota split into the monthly free grant and the package.
 */
export function AccountOverview({ balanceText, quota }: { balanceText: string; quota: QuotaView }) {
  const t = useTranslations("home");
  const tr = useTranslations("recharge.entry");
  const speedArgs = { down: quota.throttledDownText, up: quota.throttledUpText, resetDate: quota.resetDateText };

  return (
    <Card aria-labelledby="balance-label" className="overflow-hidden">
      <div className="relative isolate overflow-hidden bg-gradient-to-br from-brand-600 via-brand-700 to-brand-900 px-5 pt-5 pb-5 text-white">
        <div aria-hidden className="absolute -top-16 -right-12 -z-10 size-48 rounded-full bg-white/10" />
        <div aria-hidden className="absolute -right-20 -bottom-24 -z-10 size-56 rounded-full bg-white/5" />
        <div className="flex items-start justify-between gap-3">
          <h2 id="balance-label" className="flex items-center gap-1.5 text-sm font-medium text-white/85">
            <Wallet aria-hidden className="size-4" />
            {t("balance.label")}
          </h2>
          <SpeedModeBadge mode={quota.throttled ? "THROTTLED" : "HIGH_SPEED"} onBrand />
        </div>
        <p className="mt-2 text-[2.5rem] leading-none font-semibold tracking-tight tabular-nums sm:text-5xl">
          <span data-testid="balance">{balanceText}</span>
        </p>
        <p className="mt-2 text-xs text-white/70">{t("balance.earmarked")}</p>
        <p className="mt-4 flex items-start gap-2 rounded-xl bg-white/10 px-3 py-2 text-[0.8125rem] leading-snug text-white/90">
          <span aria-hidden className={cn("mt-1.5 size-1.5 shrink-0 rounded-full", quota.throttled ? "bg-amber-300" : "bg-emerald-300")} />
          {quota.throttled ? t("speed.throttledExplain", speedArgs) : t("speed.highExplain", speedArgs)}
        </p>
        {/* Columns at least 7rem wide: three on a phone, two at 320 px, one at 320 px with 200 % text (a label never spills into its neighbour). */}
        <div className="mt-4 grid grid-cols-[repeat(auto-fit,minmax(min(100%,7rem),1fr))] gap-2">
          <Link
            href="/recharge"
            data-testid="home-recharge"
            className={buttonVariants({
              size: "md",
              className: "bg-white px-2 text-brand-800 hover:bg-brand-50 focus-visible:outline-white active:bg-brand-100",
            })}
          >
            <CirclePlus aria-hidden />
            {tr("cta")}
          </Link>
          <Link
            href="/packages"
            className={buttonVariants({
              size: "md",
              className: "bg-white px-2 text-brand-800 hover:bg-brand-50 focus-visible:outline-white active:bg-brand-100",
            })}
          >
            <Package aria-hidden />
            {t("balance.buyPackage")}
          </Link>
          <Link
            href="/exchanges"
            className={buttonVariants({
              variant: "ghost",
              size: "md",
              className: "bg-white/10 px-2 text-white ring-1 ring-white/25 ring-inset hover:bg-white/20 focus-visible:outline-white active:bg-white/25",
            })}
          >
            <ReceiptText aria-hidden />
            {t("balance.exchangeLog")}
          </Link>
        </div>
      </div>

      <div className="px-5 pt-5 pb-5">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <h2 className="text-base font-semibold text-slate-900">{t("quota.title")}</h2>
          <p className="text-sm text-slate-500">
            {t("quota.total")} <span className="font-semibold text-slate-900 tabular-nums">{quota.totalRemainingText}</span>
          </p>
        </div>

        <div className="mt-4 space-y-5">
          <QuotaMeter label={t("quota.free")} bar={quota.free} testId="free-remaining" note={t("quota.freeResets", { resetDate: quota.resetDateText })} />
          {quota.package ? (
            <QuotaMeter
              label={
                <>
                  {t("quota.package")}
                  <span aria-hidden className="text-slate-300">
                    {" · "}
                  </span>
                  <span className="font-normal text-slate-600">{quota.package.name}</span>
                </>
              }
              bar={quota.package}
              testId="package-remaining"
              note={
                <span className="inline-flex items-center gap-1">
                  <CalendarClock aria-hidden className="size-3.5" />
                  {t("quota.expires", { date: quota.package.expiresText })}
                </span>
              }
            />
          ) : quota.throttled ? (
            <div className="rounded-xl bg-amber-50 p-4 ring-1 ring-amber-600/20 ring-inset">
              <p className="font-semibold text-amber-900">{t("quota.throttledTitle")}</p>
              <p className="mt-1 text-sm text-amber-900/90">{t("quota.throttledText", speedArgs)}</p>
              <Link href="/packages" className={buttonVariants({ size: "md", fullWidth: true, className: "mt-3" })}>
                {t("quota.throttledCta")}
                <ArrowRight aria-hidden />
              </Link>
            </div>
          ) : (
            <div className="flex items-start gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-900/5 ring-inset">
              <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
                <Package className="size-5" />
              </span>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold text-slate-900">{t("quota.noPackageTitle")}</p>
                <p className="mt-0.5 text-sm text-slate-600">{t("quota.noPackageText")}</p>
                <Link href="/packages" className="mt-2 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
                  {t("quota.noPackageCta")}
                  <ArrowRight aria-hidden className="size-4" />
                </Link>
              </div>
            </div>
          )}
        </div>
        <p className="mt-4 text-xs text-slate-500">{t("quota.drawOrder")}</p>
      </div>
    </Card>
  );
}
