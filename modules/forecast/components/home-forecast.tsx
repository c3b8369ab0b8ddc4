import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { CalendarCheck } from "@/components/icons/lucide/calendar-check";
import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { FileText } from "@/components/icons/lucide/file-text";
import { Gauge } from "@/components/icons/lucide/gauge";
import { TrendingUp } from "@/components/icons/lucide/trending-up";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { getForecast } from "../service";
import { forecastTexts } from "./forecast-text";

/**
 * The home page's pace forecast: the day high-speed data runs out at the current pace (or
 * "lasts the month"), the package that would carry the student to the month's end, and the
 * way to the monthly statement. Server-rendered: no client JS.
 */
export async function HomeForecast({ userId, now }: { userId: string; now: Date }) {
  const [f, locale, t] = await Promise.all([getForecast(userId, now), getLocale(), getTranslations("forecast")]);
  if (!f) return null;
  const view = forecastTexts(f, locale, t);
  const Icon = view.kind === "LASTS" ? CalendarCheck : view.kind === "NO_HISTORY" ? TrendingUp : CalendarClock;
  const warn = view.kind === "RUNS_OUT" || view.kind === "USED_UP";
  return (
    <Card aria-labelledby="forecast-title" data-testid="home-forecast" data-kind={view.kind} className="px-5 py-4">
      <h2 id="forecast-title" className="flex items-center gap-1.5 text-sm font-medium text-slate-500">
        <Gauge aria-hidden className="size-4" />
        {t("title")}
      </h2>
      <p className="mt-2 flex items-start gap-2 text-[0.9375rem] font-semibold text-slate-900" data-testid="forecast-headline">
        <Icon aria-hidden className={cn("mt-0.5 size-5 shrink-0", warn ? "text-amber-600" : "text-emerald-600")} />
        {view.headline}
      </p>
      {view.pace ? <p className="mt-1 pl-7 text-sm text-slate-500 tabular-nums">{view.pace}</p> : null}
      {view.advice ? (
        <p className="mt-3 rounded-xl bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900 ring-1 ring-amber-600/15 ring-inset" data-testid="forecast-advice">
          {view.advice}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {view.showCta ? (
          <Link href="/packages" className="inline-flex items-center gap-1 font-semibold text-brand-700 hover:text-brand-800">
            {t("advice.cta")}
            <ArrowRight aria-hidden className="size-4" />
          </Link>
        ) : null}
        <Link href="/statement" className="inline-flex items-center gap-1 font-medium text-slate-600 hover:text-slate-900" data-testid="statement-link">
          <FileText aria-hidden className="size-4" />
          {t("statementLink")}
        </Link>
      </div>
    </Card>
  );
}
