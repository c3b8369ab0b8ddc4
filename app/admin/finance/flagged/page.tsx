import { ShieldCheck } from "@/components/icons/lucide/shield-check";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { FinanceStateBadge, FlagBadge } from "@/modules/finance/components/finance-badges";
import { ResolveFlagForm } from "@/modules/finance/components/reason-action-form";
import { listFlaggedOrders } from "@/modules/finance/service";
import { isFlagReason } from "@/modules/orders/flags";

export async function generateMetadata() {
  const t = await getTranslations("finance");
  return { title: t("flagged.title") };
}

export default async function FinanceFlaggedPage() {
  const staff = await requireStaff("finance.view", "/admin/finance/flagged");
  const [t, tc, locale, queue] = await Promise.all([
    getTranslations("finance"),
    getTranslations("finance.channel"),
    getLocale(),
    listFlaggedOrders(staff, { take: 100 }),
  ]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("flagged.title")} description={t("flagged.description", { count: queue.total })} />
      {queue.items.length === 0 ? (
        <Card>
          <EmptyState icon={<ShieldCheck />} title={t("flagged.empty")} description={t("flagged.emptyText")} />
        </Card>
      ) : (
        <ul className="space-y-3">
          {queue.items.map((o) => (
            <li key={o.orderNo} data-testid="flagged-order" data-state={o.state}>
              <Card className="grid gap-5 p-4 sm:p-5 lg:grid-cols-[1fr_22rem]">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/admin/finance/orders/${encodeURIComponent(o.orderNo)}`}
                      className="font-mono text-sm font-medium break-all text-brand-700 hover:underline"
                    >
                      {o.orderNo}
                    </Link>
                    <FinanceStateBadge state={o.state} />
                    <FlagBadge reason={o.flagReason} />
                  </div>
                  <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
                    <div>
                      <dt className="text-xs text-slate-500">{t("orders.student")}</dt>
                      <dd className="text-slate-900">
                        {o.user.name} <span className="text-slate-500 tabular-nums">{o.user.studentNo}</span>
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("orders.channel")}</dt>
                      <dd className="text-slate-900">{tc(o.channel)}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("orders.amount")}</dt>
                      <dd className="text-slate-900 tabular-nums">
                        {formatFen(o.amountFen, locale)}
                        {o.paidAmountFen !== null && o.paidAmountFen !== o.amountFen ? (
                          <span className="ml-1.5 text-red-700">{t("orders.paid", { amount: formatFen(o.paidAmountFen, locale) })}</span>
                        ) : null}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("flagged.flaggedAt")}</dt>
                      <dd className="text-slate-900 tabular-nums">{o.flaggedAt ? formatDateTime(o.flaggedAt, locale) : "—"}</dd>
                    </div>
                  </dl>
                  <p className="mt-3 rounded-lg bg-red-50/60 px-3 py-2 text-sm text-slate-700">
                    {t(`flagExplain.${o.state === "FLAGGED" ? "AMOUNT_MISMATCH" : isFlagReason(o.flagReason) ? o.flagReason : "OTHER"}`)}
                  </p>
                </div>
                <ResolveFlagForm orderNo={o.orderNo} resolution={o.state === "FLAGGED" ? "CREDIT_PAID_AMOUNT" : "ACKNOWLEDGE"} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
