import { ChevronLeft } from "@/components/icons/lucide/chevron-left";
import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { Download } from "@/components/icons/lucide/download";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { now } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { dayKey, isDayKey, shanghaiDayRange } from "@/lib/time";
import { shiftDay } from "@/modules/finance/components/finance-view";
import { ReverseEntryForm } from "@/modules/finance/components/reason-action-form";
import { dailyTotals } from "@/modules/finance/service";

export async function generateMetadata() {
  const t = await getTranslations("finance");
  return { title: t("daily.title") };
}

export default async function FinanceDailyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("finance.view", "/admin/finance");
  const sp = await searchParams;
  const today = dayKey(now());
  const day = typeof sp.day === "string" && isDayKey(sp.day) && sp.day <= today ? sp.day : today;
  const [t, tc, locale, totals] = await Promise.all([getTranslations("finance"), getTranslations("finance.channel"), getLocale(), dailyTotals(day)]);
  const fen = (v: bigint) => formatFen(v, locale);
  const nf = new Intl.NumberFormat(locale);
  const nav = "inline-flex h-10 items-center gap-1 rounded-xl px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("daily.title")}
        description={t("daily.description", { day: formatDate(shanghaiDayRange(day).from, locale) })}
        actions={
          <a href={`/api/finance/ledger?day=${day}`} className={buttonVariants({ variant: "secondary", size: "sm" })} data-testid="ledger-csv" download>
            <Download aria-hidden />
            {t("daily.ledgerCsv")}
          </a>
        }
      />

      <div className="flex flex-wrap items-end gap-3">
        <Link href={`/admin/finance?day=${shiftDay(day, -1)}`} className={nav} rel="prev">
          <ChevronLeft aria-hidden className="size-4" />
          {t("daily.prev")}
        </Link>
        <form method="get" className="flex items-end gap-2">
          <div>
            <Label htmlFor="finance-day">{t("daily.day")}</Label>
            <Input id="finance-day" type="date" name="day" defaultValue={day} max={today} className="w-44" />
          </div>
          <button type="submit" className={buttonVariants({ size: "md" })}>
            {t("daily.show")}
          </button>
        </form>
        {day < today ? (
          <Link href={`/admin/finance?day=${shiftDay(day, 1)}`} className={nav} rel="next">
            {t("daily.next")}
            <ChevronRight aria-hidden className="size-4" />
          </Link>
        ) : null}
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("daily.recharges")} value={fen(totals.total.rechargesFen)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("daily.refunds")} value={fen(totals.total.refundsFen)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("daily.net")} value={fen(totals.total.netFen)} sub={t("daily.netSub")} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat
              size="md"
              label={t("daily.packageRevenue")}
              value={fen(totals.packageRevenueFen)}
              sub={t("daily.exchanges", { count: totals.exchangeCount })}
            />
          </CardContent>
        </Card>
      </div>

      <Table aria-label={t("daily.byChannel")} data-testid="finance-totals">
        <TableHeader>
          <TableRow>
            <TableHead>{t("daily.channel")}</TableHead>
            <TableHead numeric>{t("daily.rechargeCount")}</TableHead>
            <TableHead numeric>{t("daily.recharges")}</TableHead>
            <TableHead numeric>{t("daily.refundCount")}</TableHead>
            <TableHead numeric>{t("daily.refunds")}</TableHead>
            <TableHead numeric>{t("daily.reversals")}</TableHead>
            <TableHead numeric>{t("daily.net")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {totals.channels.map((c) => (
            <TableRow key={c.channel} data-channel={c.channel}>
              <TableCell className="font-medium">{tc(c.channel)}</TableCell>
              <TableCell numeric>{nf.format(c.rechargeCount)}</TableCell>
              <TableCell numeric>{fen(c.rechargesFen)}</TableCell>
              <TableCell numeric>{nf.format(c.refundCount)}</TableCell>
              <TableCell numeric>{fen(c.refundsFen)}</TableCell>
              <TableCell numeric>{fen(c.reversalsFen)}</TableCell>
              <TableCell numeric className="font-semibold">
                {fen(c.netFen)}
              </TableCell>
            </TableRow>
          ))}
          <TableRow className="bg-slate-50/70 font-semibold">
            <TableCell>{t("daily.total")}</TableCell>
            <TableCell numeric>{nf.format(totals.channels.reduce((s, c) => s + c.rechargeCount, 0))}</TableCell>
            <TableCell numeric>{fen(totals.total.rechargesFen)}</TableCell>
            <TableCell numeric>{nf.format(totals.channels.reduce((s, c) => s + c.refundCount, 0))}</TableCell>
            <TableCell numeric>{fen(totals.total.refundsFen)}</TableCell>
            <TableCell numeric>{fen(totals.channels.reduce((s, c) => s + c.reversalsFen, 0n))}</TableCell>
            <TableCell numeric>{fen(totals.total.netFen)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <p className="text-xs text-slate-500">{t("daily.footnote")}</p>

      <Card>
        <CardHeader>
          <CardTitle>{t("reverse.cardTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="max-w-xl">
          <ReverseEntryForm />
        </CardContent>
      </Card>
    </div>
  );
}
