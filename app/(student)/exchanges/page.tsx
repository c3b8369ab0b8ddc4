import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import { ReceiptText } from "@/components/icons/lucide/receipt-text";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageCount, pageHref, parsePage } from "@/components/ui/pager";
import { requirePageUser } from "@/lib/auth";
import { toAppealRowView } from "@/modules/appeals/components/appeal-view";
import { getAppealStatuses } from "@/modules/appeals/service";
import { ExchangeLog, ExchangePagination } from "@/modules/packages/components/exchange-log";
import { EXCHANGES_PER_PAGE, toExchangeRowView } from "@/modules/packages/components/exchange-view";
import { listExchanges } from "@/modules/packages/service";

const BASE_PATH = "/exchanges";

export async function generateMetadata() {
  const t = await getTranslations("exchanges");
  return { title: t("title") };
}

export default async function ExchangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ callbackUrl: BASE_PATH });
  const page = parsePage((await searchParams).page);
  const [locale, t, log] = await Promise.all([
    getLocale(),
    getTranslations("exchanges"),
    listExchanges(user.id, { take: EXCHANGES_PER_PAGE, skip: (page - 1) * EXCHANGES_PER_PAGE }),
  ]);
  // 误操作申诉: each exchange's appeal, or whether it can still be appealed and why not.
  const appealStatuses = await getAppealStatuses(
    user.id,
    log.items.map((row) => row.id),
  );
  const rows = log.items.map((row) => toExchangeRowView(row, locale));
  const appeals = Object.fromEntries(rows.map((row) => [row.id, toAppealRowView(appealStatuses.byHolding.get(row.id), row, appealStatuses, locale)]));
  const pages = pageCount(log.total, EXCHANGES_PER_PAGE);
  // A page past the end (an old link, a hand-typed number) goes to the last page.
  if (log.items.length === 0 && log.total > 0 && page > pages) redirect(pageHref(BASE_PATH, pages));

  return (
    <div>
      <PageHeader title={t("title")} description={log.total > 0 ? t("description", { total: log.total }) : undefined} />
      {log.total === 0 ? (
        <Card>
          <EmptyState
            icon={<ReceiptText />}
            title={t("empty.title")}
            description={t("empty.text")}
            action={
              <Link href="/packages" className={buttonVariants()}>
                {t("empty.cta")}
                <ArrowRight aria-hidden />
              </Link>
            }
          />
        </Card>
      ) : (
        <>
          <ExchangeLog rows={rows} appeals={appeals} />
          <ExchangePagination page={page} pages={pages} basePath={BASE_PATH} />
        </>
      )}
    </div>
  );
}
