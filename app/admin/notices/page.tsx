import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageCount, pageHref, Pager, parsePage } from "@/components/ui/pager";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { NoticeForm } from "@/modules/notices/components/notice-form";
import type { Audience } from "@/modules/notices/schemas";
import { listColleges, listNotices, NOTICES_PAGE_SIZE } from "@/modules/notices/service";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("title") };
}

export default async function AdminNoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("notices.send", "/admin/notices");
  const page = parsePage((await searchParams).page);
  const [t, locale, colleges, { rows, total }] = await Promise.all([getTranslations("notices"), getLocale(), listColleges(), listNotices(page)]);
  const pages = pageCount(total, NOTICES_PAGE_SIZE);
  const audienceText = (a: Audience) =>
    a.audience === "ALL"
      ? t("history.all")
      : a.audience === "STUDENT"
        ? t("history.student", { studentNo: a.studentNo })
        : [a.year ? t("history.cohortYear", { year: a.year }) : null, a.college].filter(Boolean).join(" · ");

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card aria-labelledby="notice-form-title">
        <CardHeader>
          <CardTitle id="notice-form-title">{t("form.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <NoticeForm colleges={colleges} />
        </CardContent>
      </Card>
      <Card aria-labelledby="notice-history-title">
        <CardHeader>
          <CardTitle id="notice-history-title">{t("history.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">{t("history.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("history.sentAt")}</TableHead>
                  <TableHead>{t("history.notice")}</TableHead>
                  <TableHead>{t("history.audience")}</TableHead>
                  <TableHead>{t("history.sender")}</TableHead>
                  <TableHead numeric>{t("history.recipients")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} data-testid="notice-row">
                    <TableCell className="whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</TableCell>
                    <TableCell className="max-w-md">
                      <span className="font-medium text-slate-900">{r.titleZh}</span>
                      {r.titleEn ? (
                        <Badge tone="gray" className="ml-2">
                          {t("history.hasEnglish")}
                        </Badge>
                      ) : null}
                      <span className="mt-0.5 block truncate text-sm text-slate-600" title={r.textZh}>
                        {r.textZh}
                      </span>
                    </TableCell>
                    <TableCell>{audienceText(r.audience)}</TableCell>
                    <TableCell>
                      {r.senderName} <span className="text-slate-600">({r.senderNo})</span>
                    </TableCell>
                    <TableCell numeric>{r.recipients.toLocaleString(locale)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Pager
            page={page}
            pages={pages}
            href={(n) => pageHref("/admin/notices", n)}
            labels={{ label: t("history.pager"), previous: t("history.previous"), next: t("history.next"), status: t("history.page", { page, pages }) }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
