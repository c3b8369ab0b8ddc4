import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Pager, pageHref } from "@/components/ui/pager";
import type { AppealRowView } from "@/modules/appeals/components/appeal-view";
import { ExchangeAppeal } from "@/modules/appeals/components/exchange-appeal";
import { ExchangeStateBadge } from "./exchange-state-badge";
import type { ExchangeRowView } from "./exchange-view";

/** 换购日志: one card row per exchange, the same on phones and desktops; `appeals` (by exchange id) adds the 误操作申诉 part. */
export function ExchangeLog({ rows, appeals }: { rows: ExchangeRowView[]; appeals?: Record<string, AppealRowView | null> }) {
  const t = useTranslations("exchanges");
  return (
    <ul aria-label={t("listLabel")} className="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5">
      {rows.map((row) => {
        const live = row.state === "ACTIVE";
        return (
          <li key={row.id} data-testid="exchange-row" data-state={row.state} className="px-4 py-4 sm:px-5">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{row.name}</p>
                <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
                  <span className="sr-only">{t("time")}: </span>
                  <time dateTime={row.createdAtIso}>{row.timeText}</time>
                </p>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1.5">
                <p className={cn("font-semibold tabular-nums", row.state === "REFUNDED" ? "text-slate-500 line-through" : "text-slate-900")}>
                  <span className="sr-only">{t("price")}: </span>
                  {row.priceText}
                </p>
                <ExchangeStateBadge state={row.state} />
              </div>
            </div>
            <div className="mt-3">
              <div aria-hidden className="h-1.5 overflow-hidden rounded-full bg-slate-100">
                <div className={cn("h-full rounded-full", live ? "bg-brand-600" : "bg-slate-300")} style={{ width: `${row.usedPercent}%` }} />
              </div>
              <div className="mt-1.5 flex flex-wrap justify-between gap-x-3 gap-y-0.5 text-xs text-slate-500 tabular-nums">
                <span>{t("used", { used: row.usedText, total: row.totalText })}</span>
                <span>
                  {row.state === "FROZEN" ? (
                    t("frozen")
                  ) : (
                    <time dateTime={row.expiresAtIso}>{live ? t("expires", { date: row.expiresText }) : t("expired", { date: row.expiresText })}</time>
                  )}
                </span>
              </div>
            </div>
            {appeals?.[row.id] ? <ExchangeAppeal view={appeals[row.id]!} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Previous / next links for `?page=`, with "第 n / m 页" between them. */
export function ExchangePagination({ page, pages, basePath }: { page: number; pages: number; basePath: string }) {
  const t = useTranslations("exchanges.pagination");
  return (
    <Pager
      page={page}
      pages={pages}
      href={(n) => pageHref(basePath, n)}
      labels={{ label: t("label"), previous: t("previous"), next: t("next"), status: t("status", { page, pages }) }}
    />
  );
}
