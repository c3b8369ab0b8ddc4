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

export default async function CounterReceiptPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const user = await requirePageUser({ roles: ["OPERATOR", "ADMIN"], callbackUrl: `/admin/counter/receipts/${encodeURIComponent(orderNo)}` });
  const [t, tc] = await Promise.all([getTranslations("recharge.receipt"), getTranslations("counter")]);
  let r;
  try {
    r = await getReceipt(orderNo, { id: user.id, role: user.role });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} backHref="/admin/counter" backLabel={tc("title")} actions={<PrintButton size="sm" className="print:hidden" />} />
      <Receipt
        receipt={{
          orderNo: r.orderNo,
          channel: r.channel,
          amountFen: r.amountFen.toString(),
          refundedFen: r.refundedFen.toString(),
          account: r.account,
          paidAt: r.channel === "COUNTER" ? null : (r.paidAt?.toISOString() ?? null),
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
