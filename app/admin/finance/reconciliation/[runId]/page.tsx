import { Download } from "@/components/icons/lucide/download";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { getReconciliationRun } from "@/modules/finance/reconcile.service";
import { orNotFound } from "@/lib/or-not-found";

export async function generateMetadata() {
  const t = await getTranslations("finance.reconciliation");
  return { title: t("reportTitle") };
}

export default async function ReconciliationRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  await requireStaff("finance.view", `/admin/finance/reconciliation/${encodeURIComponent(runId)}`);
  const [t, tc, locale] = await Promise.all([getTranslations("finance.reconciliation"), getTranslations("finance.channel"), getLocale()]);
  const run = await orNotFound(getReconciliationRun(runId));
  const s = run.summary;
  const fen = (v: string | null) => (v === null ? "—" : formatFen(v, locale));
  return (
    <div className="space-y-5" data-testid="recon-report">
      <PageHeader
        title={t("reportHeading", { channel: tc(run.channel), day: run.day })}
        description={t("reportDescription", { at: formatDateTime(run.createdAt, locale), mode: t(`mode.${s.mode}`) })}
        backHref="/admin/finance/reconciliation"
        backLabel={t("title")}
        actions={
          <a href={`/api/finance/reconciliation/${run.id}`} className={buttonVariants({ variant: "secondary", size: "sm" })} download data-testid="recon-csv">
            <Download aria-hidden />
            {t("csvDownload")}
          </a>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("statement")} value={fen(s.statementTotalFen)} sub={t("count", { count: s.statementCount })} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("credited")} value={fen(s.creditedTotalFen)} sub={t("count", { count: s.creditedCount })} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("matched")} value={String(s.matched)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("repaired")} value={String(s.repaired)} sub={t("repairedSub")} />
          </CardContent>
        </Card>
      </div>
      <dl className="flex flex-wrap gap-2 text-sm">
        {(["paidNotCredited", "amountMismatch", "creditedNotInStatement", "unknownOrders", "secondPayments"] as const).map((k) => (
          <div key={k} className="rounded-lg bg-white px-3 py-1.5 ring-1 ring-slate-900/10">
            <dt className="inline text-slate-500">{t(`summary.${k}`)}</dt>{" "}
            <dd className={s[k] > 0 ? "inline font-semibold text-red-700" : "inline font-semibold"}>{s[k]}</dd>
          </div>
        ))}
      </dl>
      <Table aria-label={t("items")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("type")}</TableHead>
            <TableHead>{t("orderNo")}</TableHead>
            <TableHead numeric>{t("statementAmount")}</TableHead>
            <TableHead numeric>{t("orderAmount")}</TableHead>
            <TableHead>{t("action")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {run.items.length === 0 ? (
            <TableEmpty colSpan={5}>{t("noItems")}</TableEmpty>
          ) : (
            run.items.map((i, n) => (
              <TableRow key={`${i.orderNo}-${n}`} data-testid="recon-item">
                <TableCell>
                  <Badge tone={i.type === "PAID_NOT_CREDITED" ? "blue" : "red"}>{t(`itemType.${i.type}`)}</Badge>
                </TableCell>
                <TableCell>
                  <Link href={`/admin/finance/orders/${encodeURIComponent(i.orderNo)}`} className="font-mono text-[0.8125rem] text-brand-700 hover:underline">
                    {i.orderNo}
                  </Link>
                </TableCell>
                <TableCell numeric>{fen(i.statementAmountFen)}</TableCell>
                <TableCell numeric>{fen(i.orderAmountFen)}</TableCell>
                <TableCell>{t(`itemAction.${i.action}`)}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
