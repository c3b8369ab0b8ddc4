import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { History } from "@/components/icons/lucide/history";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageCount, parsePage } from "@/components/ui/pager";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { formatMonth } from "@/lib/format";
import { parseMonthParam, recentMonths, SESSIONS_PER_PAGE, toSessionDto, usageHref } from "@/modules/network/components/network-view";
import { MonthPicker, SessionHistory, UsagePagination } from "@/modules/network/components/session-history";
import { listSessions } from "@/modules/network/service";
import { GuestUsageCard } from "@/modules/guest/components/guest-usage-card";
import { listGuestUsage } from "@/modules/guest/service";
import { monthStart, shiftMonthKey } from "@/lib/time";

export async function generateMetadata() {
  const t = await getTranslations("network.usage");
  return { title: t("title") };
}

/** /network/usage?month=YYYY-MM&page=n: 流量详情, one row per session. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ callbackUrl: "/network/usage" });
  const params = await searchParams;
  const now = clockNow();
  const months = recentMonths(now);
  const month = parseMonthParam(params.month, months);
  const page = parsePage(params.page);
  const [locale, t, result, guests] = await Promise.all([
    getLocale(),
    getTranslations("network.usage"),
    listSessions(user.id, { month, page, pageSize: SESSIONS_PER_PAGE }, now),
    listGuestUsage(user.id, monthStart(month), monthStart(shiftMonthKey(month, 1))),
  ]);
  const pages = pageCount(result.total, SESSIONS_PER_PAGE);
  // A page past the end (an old link, a hand-typed number) goes to the last page.
  if (result.items.length === 0 && result.total > 0 && page > pages) redirect(usageHref(month, pages, months[0]));
  const monthText = formatMonth(month, locale);

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} backHref="/network" backLabel={t("back")} className="mb-1" />
      <MonthPicker months={months} selected={month} />
      <GuestUsageCard
        items={guests.map((g) => ({ id: g.id, code: g.code, label: g.label, usedBytes: g.usedBytes.toString(), createdAt: g.createdAt.toISOString() }))}
        monthText={monthText}
      />
      {result.total === 0 ? (
        <Card>
          <EmptyState
            icon={<History />}
            title={t("emptyTitle", { month: monthText })}
            description={t("emptyText")}
            action={
              <Link href="/network" className={buttonVariants({ variant: "secondary" })}>
                {t("emptyCta")}
                <ArrowRight aria-hidden />
              </Link>
            }
          />
        </Card>
      ) : (
        <section aria-labelledby="usage-summary">
          <p id="usage-summary" className="mb-2 text-sm text-slate-500" data-testid="usage-summary">
            {t("summary", { month: monthText, total: result.total })}
          </p>
          <SessionHistory sessions={result.items.map(toSessionDto)} month={month} now={now.toISOString()} />
          <UsagePagination month={month} currentMonth={months[0]!} page={page} pages={pages} />
        </section>
      )}
    </div>
  );
}
