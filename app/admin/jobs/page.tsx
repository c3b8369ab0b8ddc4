import { getLocale, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { RunJobButton } from "@/modules/jobs/components/run-job-button";
import { listJobRuns, type JobRunState } from "@/modules/jobs/service";

export async function generateMetadata() {
  const t = await getTranslations("admin.jobs");
  return { title: t("title") };
}

const TONE: Record<JobRunState, BadgeTone> = { created: "gray", retry: "amber", active: "blue", completed: "green", cancelled: "gray", failed: "red" };

export default async function JobsPage() {
  await requireStaff("jobs.manage", "/admin/jobs");
  const [t, locale, jobs] = await Promise.all([getTranslations("admin.jobs"), getLocale(), listJobRuns()]);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {jobs.map((job) => {
        const label = t(`names.${job.name}`);
        return (
          <Card key={job.name} aria-labelledby={`job-${job.name}`}>
            <CardHeader className="flex flex-row items-start justify-between gap-4">
              <div>
                <CardTitle id={`job-${job.name}`}>{label}</CardTitle>
                <CardDescription>
                  {job.cron ? t("scheduleCron", { cron: job.cron }) : job.everySeconds ? t("scheduleEvery", { seconds: job.everySeconds }) : t("scheduleOff")}
                </CardDescription>
              </div>
              <RunJobButton name={job.name} label={label} />
            </CardHeader>
            <CardContent>
              {job.runs.length === 0 ? (
                <p className="text-sm text-slate-600">{t("noRuns")}</p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t("state")}</TableHead>
                      <TableHead>{t("started")}</TableHead>
                      <TableHead numeric>{t("duration")}</TableHead>
                      <TableHead>{t("error")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {job.runs.map((run) => (
                      <TableRow key={run.id}>
                        <TableCell>
                          <Badge tone={TONE[run.state]}>{t(`states.${run.state}`)}</Badge>
                          {run.manual ? <span className="ml-2 text-xs text-slate-600">{t("manual")}</span> : null}
                          {run.retryCount > 0 ? <span className="ml-2 text-xs text-slate-600">{t("retries", { count: run.retryCount })}</span> : null}
                        </TableCell>
                        <TableCell>{formatDateTime(run.startedAt ?? run.createdAt, locale)}</TableCell>
                        <TableCell numeric>{run.durationMs === null ? "—" : t("ms", { ms: run.durationMs })}</TableCell>
                        <TableCell className="max-w-md truncate text-red-700" title={run.error ?? undefined}>
                          {run.error ?? ""}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}
