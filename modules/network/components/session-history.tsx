import { ArrowDown } from "@/components/icons/lucide/arrow-down";
import { ArrowUp } from "@/components/icons/lucide/arrow-up";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Pager } from "@/components/ui/pager";
import { formatBytes, formatDateTime, formatMonth, formatTime } from "@/lib/format";
import { deviceLabel, formatDurationWith, sameShanghaiDay, terminateCauseKey, usageHref, type SessionDto } from "./network-view";

/** The last months as links (chips that scroll sideways on a phone): `?month=YYYY-MM`. */
export function MonthPicker({ months, selected }: { months: string[]; selected: string }) {
  const t = useTranslations("network.usage");
  const locale = useLocale();
  return (
    <nav aria-label={t("monthPicker")} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-2 pb-1">
        {months.map((m) => {
          const active = m === selected;
          return (
            <li key={m} className="shrink-0">
              <Link
                href={usageHref(m, 1, months[0])}
                aria-current={active ? "page" : undefined}
                data-month={m}
                className={cn(
                  "inline-flex h-10 items-center rounded-full px-4 text-sm font-medium whitespace-nowrap transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700",
                  active ? "bg-brand-700 text-white shadow-sm" : "bg-white text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50",
                )}
              >
                {formatMonth(m, locale)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** 流量详情 rows: device, start/stop (Asia/Shanghai), duration, bytes, IP, terminate cause. */
export function SessionHistory({ sessions, month, now }: { sessions: SessionDto[]; month: string; now: string }) {
  const t = useTranslations("network.usage");
  const td = useTranslations("network.duration");
  const ts = useTranslations("network.sessions");
  const locale = useLocale();
  return (
    <ul
      aria-label={t("listLabel", { month: formatMonth(month, locale) })}
      className="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5"
    >
      {sessions.map((s) => {
        const live = s.state === "ACTIVE";
        const end = s.stoppedAt ?? (live ? now : s.lastUpdateAt);
        const cause = terminateCauseKey(s.terminateCause);
        return (
          <li key={s.id} className="px-4 py-4 sm:px-5" data-testid="usage-row" data-state={s.state}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{deviceLabel(s) ?? ts("unknownDevice")}</p>
                {s.deviceName && s.mac ? <p className="font-mono text-xs text-slate-500">{s.mac}</p> : null}
              </div>
              {live ? (
                <Badge tone="green" dot className="shrink-0">
                  {t("online")}
                </Badge>
              ) : null}
            </div>
            <p className="mt-1.5 text-sm text-slate-700 tabular-nums">
              <span className="sr-only">{t("start")} </span>
              <time dateTime={s.startedAt}>{formatDateTime(s.startedAt, locale)}</time>
              <span aria-hidden> – </span>
              <span className="sr-only"> {t("stop")} </span>
              {live ? (
                <span className="text-emerald-700">{t("online")}</span>
              ) : (
                <time dateTime={end}>{sameShanghaiDay(s.startedAt, end) ? formatTime(end, locale) : formatDateTime(end, locale)}</time>
              )}
            </p>
            <dl className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 tabular-nums">
              <div className="flex gap-1">
                <dt className="sr-only">{t("duration")}</dt>
                <dd>{formatDurationWith(td, Date.parse(end) - Date.parse(s.startedAt))}</dd>
              </div>
              <div className="flex items-center gap-0.5">
                <dt>
                  <ArrowDown aria-hidden className="size-3.5 text-brand-600" />
                  <span className="sr-only">{t("download")}</span>
                </dt>
                <dd>{formatBytes(s.downloadBytes, locale)}</dd>
              </div>
              <div className="flex items-center gap-0.5">
                <dt>
                  <ArrowUp aria-hidden className="size-3.5 text-slate-400" />
                  <span className="sr-only">{t("upload")}</span>
                </dt>
                <dd>{formatBytes(s.uploadBytes, locale)}</dd>
              </div>
              {s.framedIp ? (
                <div className="flex gap-1">
                  <dt className="text-slate-500">{t("ip")}</dt>
                  <dd className="font-mono">{s.framedIp}</dd>
                </div>
              ) : null}
            </dl>
            {cause ? (
              <p className="mt-1 text-xs text-slate-500">
                {t("cause")}: {t(`causes.${cause}`, { cause: s.terminateCause ?? "" })}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Previous / next for `?month=&page=`. */
export function UsagePagination({ month, currentMonth, page, pages }: { month: string; currentMonth: string; page: number; pages: number }) {
  const t = useTranslations("network.usage.pagination");
  return (
    <Pager
      page={page}
      pages={pages}
      href={(n) => usageHref(month, n, currentMonth)}
      labels={{ label: t("label"), previous: t("previous"), next: t("next"), status: t("status", { page, pages }) }}
    />
  );
}
