import { CalendarCheck } from "@/components/icons/lucide/calendar-check";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { listFailedRenewals, PACKAGE_CHANGED } from "@/modules/plans/service";
import { QUEUES } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("names.renewals") };
}

export default async function RenewalsQueuePage() {
  const staff = await requireStaff(QUEUES.renewals.ability, "/admin/queues/renewals");
  const [t, locale, rows] = await Promise.all([getTranslations("queues"), getLocale(), listFailedRenewals(staff)]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("names.renewals")} description={t("hints.renewals")} backHref="/admin/queues" backLabel={t("back")} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={<CalendarCheck />} title={t("renewals.empty")} />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("student")}</TableHead>
                <TableHead>{t("renewals.month")}</TableHead>
                <TableHead>{t("renewals.package")}</TableHead>
                <TableHead>{t("renewals.outcome")}</TableHead>
                <TableHead>{t("renewals.at")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.runId} data-testid="renewal-row" data-reason={r.reason ?? undefined}>
                  <TableCell>
                    <Link href={`/admin/users/${encodeURIComponent(r.student.studentNo)}`} className="text-brand-700 hover:underline">
                      {r.student.name} · {r.student.studentNo}
                    </Link>
                  </TableCell>
                  <TableCell className="tabular-nums">{r.month}</TableCell>
                  <TableCell>{locale === "en" ? r.nameEn : r.nameZh}</TableCell>
                  <TableCell>
                    {r.outcome === "BALANCE_SHORT"
                      ? t("renewals.BALANCE_SHORT", { shortfall: formatFen(r.shortfallFen ?? 0n, locale) })
                      : r.reason === PACKAGE_CHANGED
                        ? t("renewals.packageChanged", {
                            from: locale === "en" ? r.nameEn : r.nameZh,
                            to: r.changedTo
                              ? `${locale === "en" ? r.changedTo.nameEn : r.changedTo.nameZh} ${formatFen(r.changedTo.priceFen, locale)}`
                              : t("renewals.offSale"),
                          })
                        : t("renewals.FAILED", { reason: r.reason ?? "—" })}
                  </TableCell>
                  <TableCell className="tabular-nums">{formatDateTime(r.createdAt, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
