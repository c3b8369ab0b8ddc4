import { SearchX } from "@/components/icons/lucide/search-x";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { AUDIT_ACTIONS, AUDIT_ACTION_PREFIXES, auditFilterFromParams, auditFilterQuery } from "@/modules/audit/schemas";
import { listAudit, type AuditPage, type AuditPageInput } from "@/modules/audit/service";

const PAGE_SIZE = 50;
const INVALID_REASONS = new Set(["day", "range", "studentNo", "action", "cursor", "id"]);

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

/** At most this much of an entry's data is shown in the table (the export has all of it). */
function dataText(data: unknown): string {
  if (data === null || data === undefined) return "";
  const s = JSON.stringify(data);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("audit.view", "/admin/audit");
  const raw = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("audit"), getLocale()]);
  let filter: AuditPageInput = {};
  let page: AuditPage | null = null;
  let invalid: string | null = null;
  try {
    filter = auditFilterFromParams(raw);
    page = await listAudit({ ...filter, take: PAGE_SIZE }, staff);
  } catch (e) {
    if (!isAppError(e) || e.code !== "VALIDATION") throw e;
    const reason = String(e.params?.reason ?? "");
    invalid = INVALID_REASONS.has(reason) ? reason : "day";
  }
  const value = (k: string) => {
    const v = raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const action = value("action");

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          page ? (
            <a
              href={`/api/admin/audit/export${auditFilterQuery(filter)}`}
              className={buttonVariants({ variant: "secondary" })}
              data-testid="audit-export"
              download
            >
              {t("filters.export")}
            </a>
          ) : null
        }
      />
      <Card>
        <CardContent className="pt-5">
          <form
            method="get"
            className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1.5fr_1fr_1fr_auto] lg:items-end"
            data-testid="audit-filters"
            aria-label={t("filters.title")}
          >
            <div>
              <Label htmlFor="au-actor">{t("filters.actor")}</Label>
              <Input id="au-actor" name="actor" defaultValue={value("actor")} maxLength={32} autoComplete="off" />
            </div>
            <div>
              <Label htmlFor="au-subject">{t("filters.subject")}</Label>
              <Input id="au-subject" name="subject" defaultValue={value("subject")} maxLength={32} autoComplete="off" />
            </div>
            <div>
              <Label htmlFor="au-action">{t("filters.action")}</Label>
              <Select id="au-action" name="action" defaultValue={action}>
                <option value="">{t("filters.anyAction")}</option>
                <optgroup label={t("filters.prefixes")}>
                  {AUDIT_ACTION_PREFIXES.map((p) => (
                    <option key={p} value={p}>
                      {t("filters.prefix", { prefix: p })}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t("filters.actions")}>
                  {AUDIT_ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                  {action && !(AUDIT_ACTIONS as readonly string[]).includes(action) && !(AUDIT_ACTION_PREFIXES as readonly string[]).includes(action) ? (
                    <option value={action}>{action}</option>
                  ) : null}
                </optgroup>
              </Select>
            </div>
            <div>
              <Label htmlFor="au-from">{t("filters.from")}</Label>
              <Input id="au-from" name="from" type="date" defaultValue={value("from")} />
            </div>
            <div>
              <Label htmlFor="au-to">{t("filters.to")}</Label>
              <Input id="au-to" name="to" type="date" defaultValue={value("to")} />
            </div>
            <div className="flex gap-2">
              <button type="submit" className={buttonVariants()} data-testid="audit-apply">
                {t("filters.apply")}
              </button>
              <Link href="/admin/audit" className={buttonVariants({ variant: "ghost" })}>
                {t("filters.reset")}
              </Link>
            </div>
            <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-6">{t("filters.timezone")}</p>
          </form>
        </CardContent>
      </Card>

      {invalid ? (
        <Alert tone="error" title={t("invalid.title")}>
          <span data-testid="audit-invalid">{t(`invalid.${invalid as "day"}`)}</span>
        </Alert>
      ) : !page || page.items.length === 0 ? (
        <Card>
          <EmptyState icon={<SearchX />} title={t("empty")} description={t("emptyText")} />
        </Card>
      ) : (
        <>
          <Card>
            <Table>
              <TableCaption className="sr-only">{t("table.caption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("table.time")}</TableHead>
                  <TableHead>{t("table.actor")}</TableHead>
                  <TableHead>{t("table.subject")}</TableHead>
                  <TableHead>{t("table.action")}</TableHead>
                  <TableHead>{t("table.data")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((r) => (
                  <TableRow key={r.id.toString()} data-testid="audit-row" data-action={r.action}>
                    <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(r.at, locale)}</TableCell>
                    <TableCell>{r.actor ? `${r.actor.name} · ${r.actor.studentNo}` : t("table.system")}</TableCell>
                    <TableCell>
                      {r.subject ? (
                        <Link href={`/admin/users/${encodeURIComponent(r.subject.studentNo)}`} className="text-brand-700 hover:underline">
                          {r.subject.name} · {r.subject.studentNo}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{r.action}</TableCell>
                    <TableCell className="max-w-80 font-mono text-xs break-all text-slate-600">{dataText(r.data)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <nav aria-label={t("pageNav")} className="flex items-center justify-between gap-3 text-sm">
            {filter.before !== undefined ? (
              <Link href={`/admin/audit${auditFilterQuery(filter)}`} className={buttonVariants({ variant: "secondary", size: "sm" })}>
                {t("newest")}
              </Link>
            ) : (
              <span />
            )}
            {page.nextBefore !== null ? (
              <Link
                href={`/admin/audit${auditFilterQuery(filter, { before: page.nextBefore.toString() })}`}
                className={buttonVariants({ variant: "secondary", size: "sm" })}
                data-testid="audit-older"
              >
                {t("older")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        </>
      )}
    </div>
  );
}
