import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FinanceOrderTable } from "@/modules/finance/components/finance-order-table";
import { ResolveFlagForm } from "@/modules/finance/components/reason-action-form";
import { listFlaggedOrders } from "@/modules/finance/service";

export async function generateMetadata() {
  const t = await getTranslations("finance");
  return { title: t("flagged.title") };
}

export default async function FinanceFlaggedPage() {
  const [t, queue] = await Promise.all([getTranslations("finance"), listFlaggedOrders({ take: 100 })]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("flagged.title")} description={t("flagged.description", { count: queue.total })} />
      {queue.items.length === 0 ? (
        <Card>
          <EmptyState icon={<ShieldCheck />} title={t("flagged.empty")} description={t("flagged.emptyText")} />
        </Card>
      ) : (
        <FinanceOrderTable
          orders={queue.items}
          action={(o) => (
            <details className="min-w-56">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("flagged.resolve")}</summary>
              <div className="mt-3 space-y-2">
                <p className="text-xs text-slate-600">{t(`flagExplain.${o.state === "FLAGGED" ? "AMOUNT_MISMATCH" : (o.flagReason ?? "OTHER")}`)}</p>
                <ResolveFlagForm orderNo={o.orderNo} resolution={o.state === "FLAGGED" ? "CREDIT_PAID_AMOUNT" : "ACKNOWLEDGE"} />
                <Link href={`/admin/finance/orders/${encodeURIComponent(o.orderNo)}`} className="block text-xs text-brand-700 hover:underline">
                  {t("flagged.details")}
                </Link>
              </div>
            </details>
          )}
        />
      )}
    </div>
  );
}
