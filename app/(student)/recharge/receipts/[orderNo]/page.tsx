import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { PrintButton } from "@/modules/recharge/components/print-button";
import { Receipt } from "@/modules/recharge/components/receipt";
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
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} backHref="/recharge/records" backLabel={t("back")} actions={<PrintButton variant="secondary" size="sm" className="print:hidden" />} />
      <Receipt
        receipt={{
          orderNo: r.orderNo,
          channel: r.channel,
          amountFen: r.amountFen.toString(),
          refundedFen: r.refundedFen.toString(),
          account: r.account,
          paidAt: r.paidAt?.toISOString() ?? null,
          creditedAt: r.creditedAt.toISOString(),
          gatewayTxnRef: r.gatewayTxnRef,
          journalEntryId: r.journalEntryId,
          operator: r.operator,
          note: r.note,
        }}
      />
    </div>
  );
}
