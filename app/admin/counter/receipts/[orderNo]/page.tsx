import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { PrintButton } from "@/modules/recharge/components/print-button";
import { ReceiptPage } from "@/modules/recharge/components/receipt-page";
import { getReceipt } from "@/modules/recharge/records.service";
import { orNotFound } from "@/lib/or-not-found";

export async function generateMetadata() {
  const t = await getTranslations("recharge.receipt");
  return { title: t("title") };
}

export default async function CounterReceiptPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const user = await requireStaff("counter.recharge", `/admin/counter/receipts/${encodeURIComponent(orderNo)}`);
  const [t, tc] = await Promise.all([getTranslations("recharge.receipt"), getTranslations("counter")]);
  const r = await orNotFound(getReceipt(orderNo, { id: user.id, role: user.role }));
  return (
    <ReceiptPage
      receipt={r}
      header={<PageHeader title={t("title")} backHref="/admin/counter" backLabel={tc("title")} actions={<PrintButton size="sm" className="print:hidden" />} />}
      hideCounterPaidAt
    />
  );
}
