import { Download } from "@/components/icons/lucide/download";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { now } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";
import { dayKey } from "@/lib/time";
import { shiftDay } from "@/modules/finance/components/finance-view";
import { ReconcileForm } from "@/modules/finance/components/reconcile-form";
import { listReconciliationRuns } from "@/modules/finance/reconcile.service";
import { availableChannels } from "@/modules/payments/gateways";

export async function generateMetadata() {
  const t = await getTranslations("finance.reconciliation");
  return { title: t("title") };
}

export default async function ReconciliationPage() {
  await requireStaff("finance.view", "/admin/finance/reconciliation");
  const today = dayKey(now());
  const [t, tc, locale, runs] = await Promise.all([
    getTranslations("finance.reconciliation"),
    getTranslations("finance.channel"),
    getLocale(),
    listReconciliationRuns({ take: 50 }),
  ]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("runTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ReconcileForm channels={availableChannels()} defaultDay={shiftDay(today, -1)} maxDay={today} />
        </CardContent>
      </Card>
      <section aria-labelledby="recon-runs" className="space-y-2">
        <h2 id="recon-runs" className="text-base font-semibold text-slate-900">
          {t("runs")}
        </h2>
        <Table aria-labelledby="recon-runs">
          <TableHeader>
            <TableRow>
              <TableHead>{t("day")}</TableHead>
              <TableHead>{t("channel")}</TableHead>
              <TableHead>{t("ranAt")}</TableHead>
              <TableHead numeric>{t("matched")}</TableHead>
              <TableHead numeric>{t("repaired")}</TableHead>
              <TableHead numeric>{t("problems")}</TableHead>
              <TableHead>{t("csv")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.length === 0 ? (
              <TableEmpty colSpan={7}>{t("noRuns")}</TableEmpty>
            ) : (
              runs.map((r) => {
                const problems = r.summary.amountMismatch + r.summary.creditedNotInStatement + r.summary.unknownOrders + r.summary.secondPayments;
                return (
                  <TableRow key={r.id} data-testid="recon-run-row">
                    <TableCell>
                      <Link href={`/admin/finance/reconciliation/${r.id}`} className="font-medium text-brand-700 hover:underline">
                        {r.day}
                      </Link>
                    </TableCell>
                    <TableCell>{tc(r.channel)}</TableCell>
                    <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(r.createdAt, locale)}</TableCell>
                    <TableCell numeric>{r.summary.matched}</TableCell>
                    <TableCell numeric>{r.repaired}</TableCell>
                    <TableCell numeric className={problems > 0 ? "font-semibold text-red-700" : undefined}>
                      {problems}
                    </TableCell>
                    <TableCell>
                      <a href={`/api/finance/reconciliation/${r.id}`} className="inline-flex items-center gap-1 text-brand-700 hover:underline" download>
                        <Download aria-hidden className="size-4" />
                        CSV
                      </a>
                    </TableCell>
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
