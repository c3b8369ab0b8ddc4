import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { now } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { dayKey } from "@/lib/time";
import { searchOrders } from "@/modules/finance/service";
import { CounterForm } from "@/modules/recharge/components/counter-form";
import { counterPrices } from "@/modules/recharge/counter.service";

export async function generateMetadata() {
  const t = await getTranslations("counter");
  return { title: t("title") };
}

export default async function CounterPage() {
  const staff = await requireStaff("counter.recharge", "/admin/counter");
  const today = dayKey(now());
  const [t, locale, prices, recent] = await Promise.all([
    getTranslations("counter"),
    getLocale(),
    counterPrices(),
    searchOrders(staff, { channel: "COUNTER", fromDay: today, toDay: today, take: 20 }),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <div className="max-w-2xl">
        <CounterForm pricesFen={prices.map((p) => p.toString())} />
      </div>

      <section aria-labelledby="counter-today" className="space-y-3">
        <h2 id="counter-today" className="text-base font-semibold text-slate-900">
          {t("today.title", { count: recent.total })}
        </h2>
        <Card>
          <Table aria-labelledby="counter-today" containerClassName="shadow-none ring-0">
            <TableHeader>
              <TableRow>
                <TableHead>{t("today.time")}</TableHead>
                <TableHead>{t("today.student")}</TableHead>
                <TableHead numeric>{t("today.amount")}</TableHead>
                <TableHead>{t("today.operator")}</TableHead>
                <TableHead>{t("today.receipt")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {recent.items.length === 0 ? (
                <TableEmpty colSpan={5}>{t("today.empty")}</TableEmpty>
              ) : (
                recent.items.map((o) => (
                  <TableRow key={o.orderNo} data-testid="counter-today-row">
                    <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(o.createdAt, locale)}</TableCell>
                    <TableCell>
                      <span className="font-medium">{o.user.name}</span>
                      <span className="ml-2 text-slate-500 tabular-nums">{o.user.studentNo}</span>
                    </TableCell>
                    <TableCell numeric>{formatFen(o.amountFen, locale)}</TableCell>
                    <TableCell>{o.createdBy.name}</TableCell>
                    <TableCell>
                      <Link
                        href={`/admin/counter/receipts/${encodeURIComponent(o.orderNo)}`}
                        className="font-medium text-brand-700 underline-offset-2 hover:underline"
                      >
                        {t("today.view")}
                      </Link>
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </Card>
      </section>
    </div>
  );
}
