// 修改历史: a policy's revisions newest first — when (Asia/Shanghai), who (工号 and name), what
// changed (old → new, in the form's units) and why. A server component: nothing here runs in the browser.
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { POLICY_FIELDS, bytesToGbText, bytesToMbText, kbpsToMbpsText, type PolicyFieldUnit, type PolicyKindParam } from "@/modules/admin/schemas";
import type { PolicyRevisionView } from "@/modules/policy/service";

type Translate = (key: "units.minutes" | "units.hours" | "units.days", values: { n: number }) => string;

function formatValue(unit: PolicyFieldUnit, raw: string | number | undefined, t: Translate, locale: string): string {
  if (raw === undefined) return "—";
  switch (unit) {
    case "gb":
      return `${bytesToGbText(BigInt(raw))} GB`;
    case "mb":
      return `${bytesToMbText(BigInt(raw))} MB`;
    case "mbps":
      return `${kbpsToMbpsText(Number(raw))} Mbit/s`;
    case "yuan":
      return formatFen(String(raw), locale);
    case "minutes":
      return t("units.minutes", { n: Number(raw) });
    case "hours":
      return t("units.hours", { n: Number(raw) });
    case "days":
      return t("units.days", { n: Number(raw) });
    case "count":
      return String(raw);
  }
}

export async function PolicyHistory({
  kind,
  rows,
  caption,
  moreHref,
  testId,
}: {
  kind: PolicyKindParam;
  rows: PolicyRevisionView[];
  caption: string;
  /** the next (older) page, when there is one */
  moreHref?: string | null;
  testId: string;
}) {
  const [t, tf, locale] = await Promise.all([getTranslations("settings.history"), getTranslations("settings.fields"), getLocale()]);
  const units = POLICY_FIELDS[kind];
  return (
    <div className="space-y-3">
      <Table data-testid={testId} className="min-w-[36rem]">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("when")}</TableHead>
            <TableHead>{t("who")}</TableHead>
            <TableHead>{t("what")}</TableHead>
            <TableHead>{t("reason")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableEmpty colSpan={4}>{t("empty")}</TableEmpty>
          ) : (
            rows.map((r) => (
              <TableRow key={r.id.toString()} data-testid={`${testId}-row`}>
                <TableCell className="align-top whitespace-nowrap tabular-nums">
                  <time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt, locale)}</time>
                </TableCell>
                <TableCell className="align-top">
                  {r.actor.name}
                  <span className="block text-xs text-slate-500 tabular-nums">{t("staffNo", { no: r.actor.studentNo })}</span>
                </TableCell>
                <TableCell className="align-top">
                  <ul className="space-y-1">
                    {r.changed.map((field) => {
                      const unit = units[field] ?? "count";
                      return (
                        <li key={field}>
                          <span className="text-slate-600">{field in units ? tf(field as never) : field}</span>{" "}
                          <span className="tabular-nums">
                            <del className="text-slate-500">{formatValue(unit, r.previous[field], t, locale)}</del>
                            {" → "}
                            <ins className="font-medium no-underline">{formatValue(unit, r.values[field], t, locale)}</ins>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </TableCell>
                <TableCell className="align-top break-words">{r.reason}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {moreHref ? (
        <p>
          <Link href={moreHref} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline" data-testid={`${testId}-more`}>
            {t("more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
