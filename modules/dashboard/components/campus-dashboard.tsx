"use client";
// "See the campus" on /admin: live figures, traffic per day (30 / 180 days) and per hour today,
// recharges and package sales per day, NAS health and the top users. The figures refresh by
// themselves (../hooks/use-campus-dashboard.ts); recharts is loaded with next/dynamic, only here.
// Each chart has a heading and a visually hidden table of the same numbers for screen readers;
// each table view has its CSV (GET /api/admin/dashboard/export, streamed and audited).
import dynamic from "next/dynamic";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { formatBytes } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { useCampusDashboard, useTopUsers, type CampusDashboardDto } from "../hooks/use-campus-dashboard";
import type { ChartRow } from "./campus-charts";

const StackedBars = dynamic(() => import("./campus-charts").then((m) => m.StackedBars), {
  ssr: false,
  loading: () => <Skeleton className="h-60 w-full" />,
});

const CHANNELS = ["SANDBOX", "WECHAT", "ALIPAY", "COUNTER"] as const;
type Channel = (typeof CHANNELS)[number];
const GIB = 1024 ** 3;
const gib = (bytes: string) => Number(BigInt(bytes)) / GIB;
const exportHref = (table: string, days?: number) => `/api/admin/dashboard/export?table=${table}${days ? `&days=${days}` : ""}`;

function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardContent className="space-y-3 pt-5">
        <section aria-labelledby={id} className="space-y-3" data-testid={`dashboard-${id}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id={id} className="text-base font-semibold text-slate-900">
              {title}
            </h3>
            <div className="flex flex-wrap items-center gap-2">{actions}</div>
          </div>
          {children}
        </section>
      </CardContent>
    </Card>
  );
}

function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className="text-sm font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950">
      {label}
    </a>
  );
}

/** A table of the chart's numbers for screen readers (the chart itself is a picture). */
function SrTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {c}
                </th>
              ) : (
                <td key={j}>{c}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Rows of one category each, one column per series, from (category, series, value) triples. */
function pivot<T>(items: T[], cat: (t: T) => string, ser: (t: T) => string, val: (t: T) => number) {
  const keys = [...new Set(items.map(ser))].sort();
  const byCat = new Map<string, ChartRow>();
  for (const it of items) {
    const c = cat(it);
    const row = byCat.get(c) ?? Object.fromEntries([["x", c.slice(5)], ["full", c], ...keys.map((k) => [k, 0])]);
    row[ser(it)] = (row[ser(it)] as number) + val(it);
    byCat.set(c, row);
  }
  return { keys, rows: [...byCat.values()].sort((a, b) => String(a.full).localeCompare(String(b.full))) };
}

export function CampusDashboard({ canReadTopUsers }: { canReadTopUsers: boolean }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const gbf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const [days, setDays] = useState<30 | 180>(30);
  const q = useCampusDashboard(days);
  const d = q.data;
  return (
    <section aria-labelledby="campus-title" className="space-y-4" data-testid="campus-dashboard">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="campus-title" className="text-base font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="text-xs text-slate-500" aria-live="polite">
          {d ? t("updated", { at: new Date(d.at) }) : q.isError ? t("loadFailed") : t("loading")}
        </p>
      </div>
      {d ? <LiveTiles d={d} nf={nf} /> : <Skeleton className="h-24 w-full" />}
      <div className="grid gap-4 xl:grid-cols-2">
        <Section
          id="traffic-daily"
          title={t("trafficDaily.title", { days })}
          actions={
            <>
              <div role="group" aria-label={t("trafficDaily.range")} className="flex gap-1">
                {([30, 180] as const).map((n) => (
                  <Button key={n} size="sm" variant={days === n ? "primary" : "secondary"} aria-pressed={days === n} onClick={() => setDays(n)}>
                    {t("trafficDaily.days", { days: n })}
                  </Button>
                ))}
              </div>
              <CsvLink href={exportHref("traffic-daily", days)} label={t("csv")} />
            </>
          }
        >
          {d ? (
            <>
              <StackedBars
                rows={d.trafficPerDay.map((r) => ({ x: r.day.slice(5), down: gib(r.downloadBytes), up: gib(r.uploadBytes) }))}
                x="x"
                series={[
                  { key: "down", name: t("download") },
                  { key: "up", name: t("upload") },
                ]}
                summary={t("trafficDaily.summary", { days })}
                format={(v) => `${gbf.format(v)} GB`}
              />
              <SrTable
                caption={t("trafficDaily.summary", { days })}
                head={[t("day"), t("download"), t("upload"), t("activeStudents")]}
                rows={d.trafficPerDay.map((r) => [r.day, formatBytes(r.downloadBytes, locale), formatBytes(r.uploadBytes, locale), nf.format(r.activeUsers)])}
              />
            </>
          ) : (
            <Skeleton className="h-60 w-full" />
          )}
        </Section>
        <Section id="traffic-hourly" title={t("trafficHourly.title")} actions={<CsvLink href={exportHref("traffic-hourly")} label={t("csv")} />}>
          {d ? (
            <>
              <StackedBars
                rows={d.trafficPerHour.map((r) => ({ x: `${r.hour}`, down: gib(r.downloadBytes), up: gib(r.uploadBytes) }))}
                x="x"
                series={[
                  { key: "down", name: t("download") },
                  { key: "up", name: t("upload") },
                ]}
                summary={t("trafficHourly.summary")}
                format={(v) => `${gbf.format(v)} GB`}
              />
              <SrTable
                caption={t("trafficHourly.summary")}
                head={[t("hour"), t("download"), t("upload")]}
                rows={d.trafficPerHour.map((r) => [
                  `${String(r.hour).padStart(2, "0")}:00`,
                  formatBytes(r.downloadBytes, locale),
                  formatBytes(r.uploadBytes, locale),
                ])}
              />
            </>
          ) : (
            <Skeleton className="h-60 w-full" />
          )}
        </Section>
        {d ? <SalesCharts d={d} locale={locale} nf={nf} /> : null}
      </div>
      {d ? <NasTable d={d} nf={nf} /> : null}
      {canReadTopUsers ? <TopUsers /> : null}
    </section>
  );
}

function LiveTiles({ d, nf }: { d: CampusDashboardDto; nf: Intl.NumberFormat }) {
  const t = useTranslations("dashboard");
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dashboard-live">
      <Card>
        <CardContent className="pt-5">
          <Stat size="md" label={t("live.online")} value={nf.format(d.live.onlineNow)} sub={t("live.sessions", { n: d.live.sessionsNow })} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-5">
          <Stat size="md" label={t("live.activeToday")} value={nf.format(d.live.activeToday)} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-5">
          <Stat size="md" label={t("live.throttled")} value={nf.format(d.live.throttledNow)} sub={t("live.throttledSub")} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-5">
          <Stat size="md" label={t("live.unknown")} value={nf.format(d.live.unknownRadiusUsers)} />
          <Link href="/admin/queues" className="mt-1 inline-block text-sm font-medium text-sky-800 underline underline-offset-2">
            {t("live.unknownLink")}
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}

function SalesCharts({ d, locale, nf }: { d: CampusDashboardDto; locale: string; nf: Intl.NumberFormat }) {
  const t = useTranslations("dashboard");
  const recharges = pivot(
    d.recharges,
    (r) => r.day,
    (r) => r.channel,
    (r) => Number(BigInt(r.amountFen)) / 100,
  );
  const sales = pivot(
    d.packageSales,
    (r) => r.day,
    (r) => r.packageCode,
    (r) => r.sold,
  );
  const yuan = (v: number) => formatFen(Math.round(v * 100), locale);
  return (
    <>
      <Section id="recharges" title={t("recharges.title")} actions={<CsvLink href={exportHref("recharges")} label={t("csv")} />}>
        {recharges.rows.length ? (
          <StackedBars
            rows={recharges.rows}
            x="x"
            series={recharges.keys.map((k) => ({ key: k, name: CHANNELS.includes(k as Channel) ? t(`channels.${k as Channel}`) : k }))}
            summary={t("recharges.summary")}
            format={yuan}
          />
        ) : (
          <p className="text-sm text-slate-600">{t("none")}</p>
        )}
        <SrTable
          caption={t("recharges.summary")}
          head={[t("day"), t("channel"), t("orders"), t("amount")]}
          rows={d.recharges.map((r) => [r.day, r.channel, nf.format(r.orders), formatFen(r.amountFen, locale)])}
        />
      </Section>
      <Section id="package-sales" title={t("packageSales.title")} actions={<CsvLink href={exportHref("package-sales")} label={t("csv")} />}>
        {sales.rows.length ? (
          <StackedBars
            rows={sales.rows}
            x="x"
            series={sales.keys.map((k) => ({ key: k, name: k }))}
            summary={t("packageSales.summary")}
            format={(v) => nf.format(v)}
          />
        ) : (
          <p className="text-sm text-slate-600">{t("none")}</p>
        )}
        <SrTable
          caption={t("packageSales.summary")}
          head={[t("day"), t("package"), t("sold"), t("amount")]}
          rows={d.packageSales.map((r) => [r.day, r.packageCode, nf.format(r.sold), formatFen(r.amountFen, locale)])}
        />
      </Section>
    </>
  );
}

function NasTable({ d, nf }: { d: CampusDashboardDto; nf: Intl.NumberFormat }) {
  const t = useTranslations("dashboard");
  return (
    <Section id="nas" title={t("nas.title")} actions={<CsvLink href={exportHref("nas")} label={t("csv")} />}>
      {d.nas.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t("nas.name")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("nas.ip")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("nas.lastAccounting")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("nas.live")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("nas.coaFailed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.nas.map((n) => (
                <tr key={n.ipAddress} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-medium">
                    {n.name}
                  </th>
                  <td className="py-1 pr-3 font-mono">{n.ipAddress}</td>
                  <td className="py-1 pr-3">{n.lastAccountingAt ? t("at", { at: new Date(n.lastAccountingAt) }) : t("never")}</td>
                  <td className="py-1 pr-3">{nf.format(n.liveSessions)}</td>
                  <td className={n.coaFailed > 0 ? "py-1 pr-3 font-semibold text-red-700" : "py-1 pr-3"}>
                    {t("nas.coaOf", { failed: n.coaFailed, sent: n.coaSent })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function TopUsers() {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const q = useTopUsers(true);
  return (
    <Section
      id="top-users"
      title={t("topUsers.title")}
      actions={
        <>
          <Button size="sm" variant="secondary" onClick={() => void q.refetch()}>
            {t("topUsers.refresh")}
          </Button>
          <CsvLink href={exportHref("top-users")} label={t("csv")} />
        </>
      }
    >
      <p className="text-xs text-slate-500">{t("topUsers.audited")}</p>
      {q.data ? (
        q.data.users.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t("topUsers.rank")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("topUsers.student")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("topUsers.total", { month: q.data.month })}
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.users.map((u, i) => (
                <tr key={u.studentNo} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{i + 1}</td>
                  <th scope="row" className="py-1 pr-3 font-medium">
                    <Link href={`/admin/users/${u.studentNo}`} className="text-sky-800 underline underline-offset-2">
                      {u.name} ({u.studentNo})
                    </Link>
                  </th>
                  <td className="py-1 pr-3">{formatBytes(u.totalBytes, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : q.isError ? (
        <p className="text-sm text-red-700">{t("loadFailed")}</p>
      ) : (
        <Skeleton className="h-24 w-full" />
      )}
    </Section>
  );
}
