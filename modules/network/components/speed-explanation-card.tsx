"use client";

import { ArrowDown } from "@/components/icons/lucide/arrow-down";
import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { ArrowUp } from "@/components/icons/lucide/arrow-up";
import { CircleHelp } from "@/components/icons/lucide/circle-help";
import { Lightbulb } from "@/components/icons/lucide/lightbulb";
import { LoaderCircle } from "@/components/icons/lucide/loader-circle";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatDate } from "@/lib/format";
import { formatMonthDay, formatSpeed, localizedName } from "@/modules/quota/components/quota-view";
import { SpeedModeBadge } from "@/modules/quota/components/speed-mode-badge";
import { useLiveNetwork } from "@/modules/network/hooks/use-live-network";
import type { LiveNetworkDto } from "./network-view";

/**
 * "Why am I slow?": the speed mode and why, the rate actually sent to the network (and the
 * exact RADIUS attributes), the high-speed data left and when the free quota comes back.
 * Refreshes with the live panel, so a throttle mid-session shows up by itself.
 */
export function SpeedExplanationCard({ initial }: { initial: LiveNetworkDto }) {
  const t = useTranslations("network.speed");
  const locale = useLocale();
  const query = useLiveNetwork(initial);
  const s = query.data.speed;
  const throttled = s.speedMode === "THROTTLED";
  const blocked = s.status !== "ACTIVE";
  const bytes = (b: string) => formatBytes(b, locale);
  const resetDate = formatMonthDay(new Date(s.resetsAt), locale);
  const rateTone = blocked ? "text-slate-500" : throttled ? "text-amber-700" : "text-slate-900";

  return (
    <Card aria-labelledby="why-slow-title" data-testid="speed-explanation" data-mode={s.speedMode} data-reason={s.reason}>
      <div className="flex items-start justify-between gap-3 px-5 pt-5">
        <h2 id="why-slow-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <CircleHelp aria-hidden className="size-5 text-brand-700" />
          {t("title")}
        </h2>
        {blocked ? null : <SpeedModeBadge mode={s.speedMode} />}
      </div>
      <p className="px-5 pt-2 text-[0.9375rem] leading-relaxed text-slate-700" data-testid="speed-reason">
        {t(`reason.${s.reason}`, { remaining: bytes(s.totalRemainingBytes) })}
      </p>

      <dl className="mx-5 mt-4 grid gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-900/5 ring-inset sm:grid-cols-3">
        <div>
          <dt className="text-xs font-medium text-slate-500">{t("rateSent")}</dt>
          {blocked ? (
            <dd className="mt-1 text-sm font-medium text-slate-500">{t("rateNone")}</dd>
          ) : (
            <dd className={cn("mt-1 space-y-0.5 font-semibold tabular-nums", rateTone)} data-testid="rate-sent">
              <span className="flex items-center gap-1">
                <ArrowDown aria-hidden className="size-4" />
                <span className="sr-only">{t("down")} </span>
                {formatSpeed(s.rate.downKbps, locale)}
              </span>
              <span className="flex items-center gap-1 text-sm font-medium text-slate-600">
                <ArrowUp aria-hidden className="size-4" />
                <span className="sr-only">{t("up")} </span>
                {formatSpeed(s.rate.upKbps, locale)}
              </span>
            </dd>
          )}
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">{t("quotaLeft")}</dt>
          <dd className="mt-1">
            <span className={cn("font-semibold tabular-nums", s.totalRemainingBytes === "0" ? "text-amber-700" : "text-slate-900")} data-testid="quota-left">
              {bytes(s.totalRemainingBytes)}
            </span>
            <span className="mt-0.5 block text-xs text-slate-500 tabular-nums">
              {t("quotaFree", { remaining: bytes(s.freeRemainingBytes), total: bytes(s.freeBytes) })}
            </span>
            <span className="block text-xs text-slate-500 tabular-nums">
              {s.package
                ? t("quotaPackage", {
                    name: localizedName(s.package, locale),
                    remaining: bytes(s.package.remainingBytes),
                    date: formatDate(s.package.expiresAt, locale),
                  })
                : t("quotaNoPackage")}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">{t("resets")}</dt>
          <dd className="mt-1 text-sm font-medium text-slate-900">
            <time dateTime={s.resetsAt}>{t("resetsValue", { date: resetDate })}</time>
          </dd>
        </div>
      </dl>

      {s.outOfStep > 0 ? (
        <p className="mx-5 mt-3 flex items-start gap-2 text-sm text-brand-800" role="status">
          <LoaderCircle aria-hidden className="mt-0.5 size-4 shrink-0 animate-spin motion-reduce:animate-none" />
          {t("syncing", { count: s.outOfStep })}
        </p>
      ) : null}

      {blocked ? null : (
        <p className="mx-5 mt-3 flex items-start gap-2 text-sm text-slate-600">
          <Lightbulb aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-500" />
          {throttled
            ? t("throttledTips", {
                down: formatSpeed(s.rate.downKbps, locale),
                up: formatSpeed(s.rate.upKbps, locale),
                highDown: formatSpeed(s.highSpeed.downKbps, locale),
              })
            : t("highSpeedTips")}
        </p>
      )}

      {throttled && !blocked ? (
        <div className="mx-5 mt-4">
          <Link href="/packages" className={buttonVariants({ fullWidth: true, className: "sm:w-auto" })}>
            {t("throttledCta")}
            <ArrowRight aria-hidden />
          </Link>
        </div>
      ) : null}
      {s.status === "PAUSED" ? (
        <div className="mx-5 mt-4">
          <a href="#pause" className={buttonVariants({ variant: "secondary", fullWidth: true, className: "sm:w-auto" })}>
            {t("pausedCta")}
            <ArrowRight aria-hidden />
          </a>
        </div>
      ) : null}

      <details className="group mx-5 mt-4 text-sm">
        <summary className="cursor-pointer rounded-lg py-1 font-medium text-brand-700 select-none hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-700">
          {t("attributesToggle")}
        </summary>
        <p className="mt-2 text-xs text-slate-500">{t("attributesText")}</p>
        <dl className="mt-2 overflow-x-auto rounded-lg bg-slate-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-slate-100" data-testid="rate-attributes">
          {s.attributes.map(([name, value]) => (
            <div key={name} className="flex gap-2 whitespace-nowrap">
              <dt className="text-sky-300">{name}</dt>
              <dd>= {value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="h-5" />
    </Card>
  );
}
