"use client";

import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { BellRing } from "@/components/icons/lucide/bell-ring";
import { Check } from "@/components/icons/lucide/check";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatDateTime, formatMonth } from "@/lib/format";
import type { AlertDto } from "@/modules/network/components/network-view";
import { useSafeAction } from "@/lib/use-safe-action";
import { markNotificationsReadAction } from "@/modules/notifications/actions";

/** The 80 % / 100 % quota alerts, unread first, with "mark as read". */
export function QuotaAlerts({ alerts }: { alerts: AlertDto[] }) {
  const t = useTranslations("notifications");
  const tv = useTranslations("network.validation");
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const unread = alerts.filter((a) => !a.read);
  const markRead = useSafeAction(markNotificationsReadAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: () => startRefresh(() => router.refresh()),
  });
  // which button spins: one alert's id, or "all"
  const pending = markRead.pending ? (markRead.input?.ids?.[0] ?? "all") : null;
  const error = markRead.errorMessage;
  const mark = (ids?: string[]) => {
    if (!markRead.pending) markRead.execute({ ids });
  };

  if (alerts.length === 0) return null;

  return (
    <Card id="alerts" aria-labelledby="alerts-title" className="scroll-mt-24" data-testid="quota-alerts">
      <div className="flex flex-wrap items-center justify-between gap-2 px-5 pt-5">
        <h2 id="alerts-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <BellRing aria-hidden className="size-5 text-brand-700" />
          {t("title")}
          {unread.length > 0 ? (
            <Badge tone="red" className="ml-1" data-testid="alerts-unread">
              {t("unread", { count: unread.length })}
            </Badge>
          ) : null}
        </h2>
        {unread.length > 1 ? (
          <Button size="sm" variant="ghost" pending={pending === "all"} pendingLabel={t("pending")} onClick={() => mark()}>
            <Check aria-hidden />
            {t("markAllRead")}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mx-5 mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul aria-label={t("listLabel")} className="mt-3 divide-y divide-slate-100">
        {alerts.map((a) => {
          const month = a.month ? formatMonth(a.month, locale) : t("fallbackMonth");
          const full = a.threshold === 100;
          return (
            <li
              key={a.id}
              className={cn("px-5 py-3.5", !a.read && (full ? "bg-amber-50/60" : "bg-brand-50/40"))}
              data-testid="quota-alert"
              data-alert-id={a.id}
              data-read={a.read}
            >
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                    {full ? t("quota100.title", { month }) : t("quota80.title", { month })}
                    {!a.read ? (
                      <Badge tone={full ? "amber" : "blue"} className="px-2">
                        {t("newBadge")}
                      </Badge>
                    ) : null}
                  </p>
                  <p className="mt-0.5 text-sm text-slate-600">
                    {full
                      ? t("quota100.text")
                      : t("quota80.text", {
                          used: a.usedBytes ? formatBytes(a.usedBytes, locale) : "—",
                          total: a.grantedBytes ? formatBytes(a.grantedBytes, locale) : "—",
                        })}
                  </p>
                  <p className="mt-1 text-xs text-slate-500 tabular-nums">
                    <time dateTime={a.createdAt}>{formatDateTime(a.createdAt, locale)}</time>
                  </p>
                  {full && !a.read ? (
                    <Link href="/packages" className="mt-1.5 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
                      {t("buy")}
                      <ArrowRight aria-hidden className="size-4" />
                    </Link>
                  ) : null}
                </div>
                {!a.read ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    className="shrink-0"
                    pending={pending === a.id}
                    pendingLabel={t("pending")}
                    onClick={() => mark([a.id])}
                  >
                    {t("markRead")}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
