import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/providers";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { OrderStatus } from "@/modules/recharge/components/order-status";
import { toOrderStatusDto } from "@/modules/recharge/components/recharge-view";
import { readOrderStatus } from "@/modules/recharge/records.service";
import { orNotFound } from "@/lib/or-not-found";

export async function generateMetadata() {
  const t = await getTranslations("recharge.order");
  return { title: t("title") };
}

type Props = { params: Promise<{ orderNo: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RechargeOrderPage({ params, searchParams }: Props) {
  const [{ orderNo }, sp] = await Promise.all([params, searchParams]);
  const user = await requirePageUser({ callbackUrl: `/recharge/orders/${encodeURIComponent(orderNo)}` });
  const t = await getTranslations("recharge.order");
  // The first value without a gateway call; the polling route asks the gateway when stale.
  const view = await orNotFound(readOrderStatus(orderNo, user.id));
  return (
    <div>
      <PageHeader title={t("title")} backHref="/recharge/records" backLabel={t("backToRecords")} />
      {/* the status polls until the order settles (modules/recharge/hooks/use-order-status.ts) */}
      <QueryProvider>
        <OrderStatus initial={toOrderStatusDto(view)} returned={sp.returned === "1"} viewerName={user.name} />
      </QueryProvider>
    </div>
  );
}
