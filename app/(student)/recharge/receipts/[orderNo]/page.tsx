import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { PrintButton } from "@/modules/recharge/components/print-button";
import { ReceiptPage } from "@/modules/recharge/components/receipt-page";
import { getReceipt } from "@/modules/recharge/service";

export async function generateMetadata() {
  const t = await getTranslations("recharge.receipt");
  return { title: t("title") };
}

export default async function RechargeReceiptPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const user = await requirePageUser({ callbackUrl: `/recharge/receipts/${encodeURIComponent(orderNo)}` });
  const t = await getTranslations("recharge.receipt");
  let r;
  try {
    r = await getReceipt(orderNo, { id: user.id, role: user.role });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <ReceiptPage
      receipt={r}
      header={<PageHeader title={t("title")} backHref="/recharge/records" backLabel={t("back")} actions={<PrintButton variant="secondary" size="sm" className="print:hidden" />} />}
    />
  );
}
