import { ReceiptText } from "@/components/icons/lucide/receipt-text";
import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { ExchangePagination } from "@/modules/packages/components/exchange-log";
import { RechargeRecords } from "@/modules/recharge/components/recharge-records";
import { listRechargeRecords } from "@/modules/recharge/records.service";

const PAGE_SIZE = 20;

export async function generateMetadata() {
  const t = await getTranslations("recharge.records");
  return { title: t("title") };
}

export default async function RechargeRecordsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ callbackUrl: "/recharge/records" });
  const sp = await searchParams;
  const requested = Number(typeof sp.page === "string" ? sp.page : "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const [t, records] = await Promise.all([
    getTranslations("recharge.records"),
    listRechargeRecords(user.id, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(records.total / PAGE_SIZE));

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/recharge" className={buttonVariants({ size: "sm" })}>
            {t("recharge")}
          </Link>
        }
      />
      {records.items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<ReceiptText />}
            title={page > 1 ? t("emptyPage") : t("empty")}
            description={t("emptyText")}
            action={
              <Link href="/recharge" className={buttonVariants()}>
                {t("recharge")}
              </Link>
            }
          />
        </Card>
      ) : (
        <>
          <RechargeRecords
            rows={records.items.map((r) => ({
              orderNo: r.orderNo,
              channel: r.channel,
              amountFen: r.amountFen.toString(),
              refundedFen: r.refundedFen.toString(),
              displayState: r.displayState,
              createdAt: r.createdAt.toISOString(),
              creditedAt: r.creditedAt?.toISOString() ?? null,
              target: r.target,
              forOther: r.forOther,
              hasReceipt: r.hasReceipt,
            }))}
          />
          <ExchangePagination page={page} pages={pages} basePath="/recharge/records" />
        </>
      )}
    </div>
  );
}
