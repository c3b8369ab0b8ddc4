import { ArrowDown } from "@/components/icons/lucide/arrow-down";
import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { ArrowUp } from "@/components/icons/lucide/arrow-up";
import { ChartColumn } from "@/components/icons/lucide/chart-column";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatBytes } from "@/lib/format";
import { UsageBarChart } from "./usage-bar-chart-figure";
import { DOWNLOAD_COLOR, peakBar, UPLOAD_COLOR, type UsageBar } from "./usage-chart-data";

export type UsageOverviewProps = {
  daily: UsageBar[];
  monthly: UsageBar[];
  /** this month's totals, already formatted */
  totals: { total: string; download: string; upload: string };
  hasMonthUsage: boolean;
  /** any traffic in the six months shown (this month included) */
  hasAnyUsage: boolean;
  /** the monthly free quota, formatted ("20 GB"), for the welcome text */
  freeQuotaText: string;
};

/**
 * 本月用量: this month's total, a daily stacked-bar chart, and the last six months. A brand
 * new student sees a friendly explanation instead of empty charts.
 */
export function UsageOverview({ daily, monthly, totals, hasMonthUsage, hasAnyUsage, freeQuotaText }: UsageOverviewProps) {
  const t = useTranslations("home.usage");
  const locale = useLocale();

  if (!hasAnyUsage) {
    return (
      <Card aria-labelledby="usage-title">
        <CardHeader>
          <CardTitle id="usage-title">{t("title")}</CardTitle>
        </CardHeader>
        <EmptyState
          icon={<ChartColumn />}
          title={t("emptyTitle")}
          description={t("emptyText", { free: freeQuotaText })}
          action={
            <Link href="/packages" className={buttonVariants({ variant: "secondary" })}>
              {t("emptyCta")}
              <ArrowRight aria-hidden />
            </Link>
          }
          className="pt-6 pb-8"
        />
      </Card>
    );
  }

  const peak = peakBar(daily);
  const dailySummary = peak
    ? t("dailySummary", { total: totals.total, peakDay: peak.fullLabel, peak: formatBytes(peak.downloadBytes + peak.uploadBytes, locale) })
    : t("emptyTitle");
  const labels = { download: t("download"), upload: t("upload"), total: t("total") };
  const monthlySummary = t("monthlySummary", {
    list: new Intl.ListFormat(locale, { type: "conjunction", style: "narrow" }).format(
      monthly.map((m) => `${m.fullLabel} ${formatBytes(m.downloadBytes + m.uploadBytes, locale)}`),
    ),
  });

  return (
    <>
      <Card aria-labelledby="usage-title">
        <CardHeader>
          <div>
            <CardTitle id="usage-title">{t("title")}</CardTitle>
            <p className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="month-usage">
              {totals.total}
            </p>
            <p className="text-sm text-slate-500">{t("totalUsed")}</p>
          </div>
          <dl className="shrink-0 space-y-1 text-right text-sm">
            <div className="flex items-center justify-end gap-1.5">
              <dt className="flex items-center gap-1 text-slate-500">
                <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: DOWNLOAD_COLOR }} />
                <ArrowDown aria-hidden className="size-3.5" />
                {t("download")}
              </dt>
              <dd className="font-medium text-slate-900 tabular-nums">{totals.download}</dd>
            </div>
            <div className="flex items-center justify-end gap-1.5">
              <dt className="flex items-center gap-1 text-slate-500">
                <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: UPLOAD_COLOR }} />
                <ArrowUp aria-hidden className="size-3.5" />
                {t("upload")}
              </dt>
              <dd className="font-medium text-slate-900 tabular-nums">{totals.upload}</dd>
            </div>
          </dl>
        </CardHeader>
        <CardContent className="pt-5">
          <div className="mb-2 flex items-baseline justify-between">
            <h3 className="text-sm font-medium text-slate-700">{t("dailyTitle")}</h3>
            <span className="text-xs text-slate-500">{t("unit")}</span>
          </div>
          {hasMonthUsage ? (
            <UsageBarChart bars={daily} summary={dailySummary} periodHeading={t("tableDay")} maxBarSize={14} locale={locale} labels={labels} />
          ) : (
            <p className="rounded-xl bg-slate-50 px-4 py-8 text-center text-sm text-slate-500">{t("emptyTitle")}</p>
          )}
        </CardContent>
      </Card>

      <Card aria-labelledby="usage-monthly-title">
        <CardHeader>
          <CardTitle id="usage-monthly-title">{t("monthlyTitle")}</CardTitle>
          <span className="text-xs text-slate-500">{t("unit")}</span>
        </CardHeader>
        <CardContent>
          <UsageBarChart bars={monthly} summary={monthlySummary} periodHeading={t("tableMonth")} maxBarSize={36} locale={locale} labels={labels} />
        </CardContent>
      </Card>
    </>
  );
}
