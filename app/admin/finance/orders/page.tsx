import { SearchX } from "@/components/icons/lucide/search-x";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { formatFen } from "@/lib/money";
import { FinanceOrderTable } from "@/modules/finance/components/finance-order-table";
import { ORDER_CHANNELS, ORDER_STATES, orderSearchHref, parseOrderSearch } from "@/modules/finance/components/finance-view";
import { searchOrders } from "@/modules/finance/service";

const PAGE_SIZE = 50;

export async function generateMetadata() {
  const t = await getTranslations("finance");
  return { title: t("orders.title") };
}

export default async function FinanceOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("finance.view", "/admin/finance/orders");
  const p = parseOrderSearch(await searchParams);
  const [t, ts, tc, locale] = await Promise.all([
    getTranslations("finance"),
    getTranslations("finance.state"),
    getTranslations("finance.channel"),
    getLocale(),
  ]);
  const result = await searchOrders(staff, {
    query: p.query || undefined,
    state: p.state || undefined,
    channel: p.channel || undefined,
    fromDay: p.from || undefined,
    toDay: p.to || undefined,
    take: PAGE_SIZE,
    skip: (p.page - 1) * PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const sum = result.items.reduce((s, o) => s + o.amountFen, 0n);

  return (
    <div className="space-y-5">
      <PageHeader title={t("orders.title")} description={t("orders.description")} />
      <Card>
        <CardContent className="pt-5">
          <form method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end" data-testid="finance-search">
            <div>
              <Label htmlFor="fo-q">{t("orders.query")}</Label>
              <Input id="fo-q" name="q" defaultValue={p.query} placeholder={t("orders.queryPlaceholder")} maxLength={64} />
            </div>
            <div>
              <Label htmlFor="fo-state">{t("orders.state")}</Label>
              <Select id="fo-state" name="state" defaultValue={p.state}>
                <option value="">{t("orders.any")}</option>
                {ORDER_STATES.map((s) => (
                  <option key={s} value={s}>
                    {ts(s)}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor="fo-channel">{t("orders.channel")}</Label>
              <Select id="fo-channel" name="channel" defaultValue={p.channel}>
                <option value="">{t("orders.any")}</option>
                {ORDER_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {tc(c)}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor="fo-from">{t("orders.from")}</Label>
              <Input id="fo-from" name="from" type="date" defaultValue={p.from} />
            </div>
            <div>
              <Label htmlFor="fo-to">{t("orders.to")}</Label>
              <Input id="fo-to" name="to" type="date" defaultValue={p.to} />
            </div>
            <div className="flex gap-2">
              <button type="submit" className={buttonVariants()}>
                {t("orders.search")}
              </button>
              <Link href="/admin/finance/orders" className={buttonVariants({ variant: "ghost" })}>
                {t("orders.reset")}
              </Link>
            </div>
          </form>
        </CardContent>
      </Card>

      {result.items.length === 0 ? (
        <Card>
          <EmptyState icon={<SearchX />} title={t("orders.empty")} description={t("orders.emptyText")} />
        </Card>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("orders.summary", { total: result.total, sum: formatFen(sum, locale) })}</p>
          <FinanceOrderTable orders={result.items} />
          {pages > 1 ? (
            <nav aria-label={t("orders.pagination")} className="flex items-center justify-between gap-3 text-sm">
              {p.page > 1 ? (
                <Link href={orderSearchHref("/admin/finance/orders", p, p.page - 1)} className={buttonVariants({ variant: "secondary", size: "sm" })}>
                  {t("orders.prev")}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-slate-500 tabular-nums">{t("orders.page", { page: p.page, pages })}</span>
              {p.page < pages ? (
                <Link href={orderSearchHref("/admin/finance/orders", p, p.page + 1)} className={buttonVariants({ variant: "secondary", size: "sm" })}>
                  {t("orders.next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
