import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { GraduationForm } from "@/modules/lifecycle/components/graduation-form";
import { LifecycleTabs } from "@/modules/lifecycle/components/lifecycle-tabs";
import { listCollegesForLifecycle, listGraduationRuns } from "@/modules/lifecycle/service";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle.graduation");
  return { title: t("title") };
}

export default async function AdminGraduationPage() {
  await requireStaff("lifecycle.bulk", "/admin/lifecycle/graduation");
  const [t, locale, colleges, runs] = await Promise.all([
    getTranslations("lifecycle.graduation"),
    getLocale(),
    listCollegesForLifecycle(),
    listGraduationRuns(),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <LifecycleTabs current="graduation" />
      <Card aria-labelledby="graduation-title">
        <CardHeader>
          <CardTitle id="graduation-title">{t("formTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <GraduationForm colleges={colleges} />
        </CardContent>
      </Card>
      <Card aria-labelledby="graduation-runs-title">
        <CardHeader>
          <CardTitle id="graduation-runs-title">{t("runs.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          {runs.length === 0 ? (
            <p className="text-sm text-slate-600">{t("runs.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("runs.at")}</TableHead>
                  <TableHead>{t("runs.cohort")}</TableHead>
                  <TableHead>{t("runs.mode")}</TableHead>
                  <TableHead numeric>{t("runs.accounts")}</TableHead>
                  <TableHead numeric>{t("runs.refunded")}</TableHead>
                  <TableHead numeric>{t("runs.sessions")}</TableHead>
                  <TableHead>{t("runs.staff")}</TableHead>
                  <TableHead>{t("runs.report")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {runs.map((r) => (
                  <TableRow key={r.id} data-testid="graduation-run">
                    <TableCell className="whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</TableCell>
                    <TableCell>{r.college ? `${r.year} · ${r.college}` : r.year}</TableCell>
                    <TableCell>{r.refundMode === "CASH" ? t("modeShort.CASH") : t("modeShort.ORIGINAL")}</TableCell>
                    <TableCell numeric>{r.accounts.toLocaleString(locale)}</TableCell>
                    <TableCell numeric>{formatFen(r.refundedFen, locale)}</TableCell>
                    <TableCell numeric>{r.sessionsEnded.toLocaleString(locale)}</TableCell>
                    <TableCell>{r.staffName}</TableCell>
                    <TableCell>
                      <a className="text-brand-700 underline" href={`/api/admin/lifecycle/graduation/${r.id}`} download>
                        {t("runs.download")}
                        <span className="sr-only"> {t("runs.downloadFor", { id: r.id })}</span>
                      </a>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
