"use client";

import { RefreshCw } from "@/components/icons/lucide/refresh-cw";
import { TriangleAlert } from "@/components/icons/lucide/triangle-alert";
import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatClock } from "./network-view";

/** "每 10 秒自动刷新 · 更新于 12:03:05" under a live panel, or a quiet warning when polling fails. */
export function LiveStatus({ updatedAt, error, fetching, className }: { updatedAt: number; error: boolean; fetching: boolean; className?: string }) {
  const t = useTranslations("network.live");
  const locale = useLocale();
  return (
    <p className={cn("flex items-center gap-1.5 text-xs text-slate-500", className)} aria-live="off">
      {error ? (
        <>
          <TriangleAlert aria-hidden className="size-3.5 text-amber-600" />
          <span>{t("stale")}</span>
        </>
      ) : (
        <>
          <RefreshCw aria-hidden className={cn("size-3.5", fetching && "animate-spin motion-reduce:animate-none")} />
          <span>{t("refreshing")}</span>
        </>
      )}
      <span aria-hidden>·</span>
      <time dateTime={new Date(updatedAt).toISOString()} className="tabular-nums" data-testid="live-updated-at">
        {t("updatedAt", { time: formatClock(updatedAt, locale) })}
      </time>
    </p>
  );
}
