import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { PrintButton } from "@/modules/recharge/components/print-button";
import { ReceiptPage } from "@/modules/recharge/components/receipt-page";
import { getReceipt } from "@/modules/recharge/records.service";
import { orNotFound } from "@/lib/or-not-found";

export async function generateMetadata() {
  const t = await getTranslations("recharge.receipt");
  return { title: t("title") };
}

export default async function RechargeReceiptPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const user = await requirePageUser({ callbackUrl: `/recharge/receipts/${encodeURIComponent(orderNo)}` });
  const t = await getTranslations("recharge.receipt");
  const r = await orNotFound(getReceipt(orderNo, { id: user.id, role: user.role }));
  return (
    <ReceiptPage
      receipt={r}
      header={
        <PageHeader
          title={t("title")}
          backHref="/recharge/records"
          backLabel={t("back")}
          actions={<PrintButton variant="secondary" size="sm" className="print:hidden" />}
        />
      }
    />
  );
}
