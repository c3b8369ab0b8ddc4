import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatDate, formatDateTime, formatMonth } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { localizedName } from "@/modules/quota/components/quota-view";
import type { Statement, StatementEntry } from "../service";

// A print stylesheet for the statement pages only: the shell's bar and tabs, the picker and the
// button go; the sheet fills one A4 page in black on white.
const PRINT_CSS = `@media print {
  @page { size: A4; margin: 12mm; }
  html, body { background: #fff !important; }
  header:not([data-statement]), nav { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  [data-statement-sheet] { box-shadow: none !important; border: 0 !important; font-size: 11pt; break-inside: avoid; }
  [data-statement-sheet] * { color: #000 !important; background: transparent !important; }
}`;

function signed(fen: bigint, locale: string) {
  return fen > 0n ? `+${formatFen(fen, locale)}` : fen < 0n ? `−${formatFen(-fen, locale)}` : formatFen(0n, locale);
}

function entryDetail(e: StatementEntry, locale: string, t: ReturnType<typeof useTranslations<"statement">>): string | null {
  if (e.nameZh && e.nameEn) return localizedName({ nameZh: e.nameZh, nameEn: e.nameEn }, locale);
  if (e.orderNo) return t("entries.order", { orderNo: e.orderNo });
  return null;
}

/** One month's statement: money (opening, lines, closing, each transaction) and data used. Printable. */
export function StatementSheet({ statement: s, locale, now, actions }: { statement: Statement; locale: string; now: Date; actions?: ReactNode }) {
  const t = useTranslations("statement");
  const lastDay = new Date(s.to.getTime() - 1);
  return (
    <Card className="overflow-hidden" data-statement-sheet data-testid="statement-sheet" aria-labelledby="statement-title">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 pt-5 pb-4">
        <div className="min-w-0">
          <h2 id="statement-title" className="text-lg font-semibold text-slate-900">
            {t("monthTitle", { month: formatMonth(s.month, locale) })}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("account", { name: s.name, studentNo: s.studentNo })}</p>
          <p className="mt-0.5 text-xs text-slate-500">{t("period", { from: formatDate(s.from, locale), to: formatDate(lastDay, locale) })}</p>
          {s.partial ? <p className="mt-1 text-xs font-medium text-amber-700">{t("partial", { time: formatDateTime(now, locale) })}</p> : null}
        </div>
        {actions}
      </div>

      <section aria-labelledby="statement-money" className="px-5 py-4">
        <h3 id="statement-money" className="text-sm font-semibold text-slate-900">
          {t("money.title")}
        </h3>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4" data-testid="statement-money">
          {(
            [
              ["opening", formatFen(s.openingFen, locale)],
              ["in", signed(s.inFen, locale)],
              ["out", signed(s.outFen, locale)],
              ["closing", formatFen(s.closingFen, locale)],
            ] as const
          ).map(([key, value]) => (
            <div key={key} data-testid={`statement-${key}`}>
              <dt className="text-xs text-slate-500">{t(`money.${key}`)}</dt>
              <dd className={cn("mt-0.5 font-semibold tabular-nums", key === "closing" ? "text-brand-800" : "text-slate-900")}>{value}</dd>
            </div>
          ))}
        </dl>

        {s.lines.length > 0 ? (
          <>
            <h4 className="mt-5 text-xs font-medium text-slate-500">{t("lines.title")}</h4>
            <ul className="mt-1.5 divide-y divide-slate-100 text-sm" data-testid="statement-lines">
              {s.lines.map((l) => (
                <li key={l.kind} className="flex items-baseline justify-between gap-3 py-2" data-kind={l.kind}>
                  <span className="text-slate-700">
                    {t(`lines.${l.kind}`)} <span className="text-xs text-slate-500">{t("lines.count", { count: l.count })}</span>
                  </span>
                  <span className="text-right font-medium text-slate-900 tabular-nums">
                    {l.inFen > 0n ? <span className="block text-emerald-700">{signed(l.inFen, locale)}</span> : null}
                    {l.outFen < 0n ? <span className="block">{signed(l.outFen, locale)}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h4 className="mt-5 text-xs font-medium text-slate-500">{t("entries.title")}</h4>
        {s.entries.length === 0 ? (
          <p className="mt-1.5 rounded-xl bg-slate-50 px-3.5 py-3 text-sm text-slate-500" data-testid="statement-no-entries">
            {t("entries.empty")}
          </p>
        ) : (
          <table className="mt-1.5 w-full text-sm" data-testid="statement-entries">
            <thead className="sr-only">
              <tr>
                <th scope="col">{t("entries.time")}</th>
                <th scope="col">{t("entries.item")}</th>
                <th scope="col">{t("entries.amount")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {s.entries.map((e) => {
                const detail = entryDetail(e, locale, t);
                return (
                  <tr key={e.id} data-kind={e.kind}>
                    <td className="py-2 pr-2 align-top text-xs whitespace-nowrap text-slate-500 tabular-nums">{formatDateTime(e.at, locale)}</td>
                    <td className="py-2 pr-2 align-top text-slate-700">
                      {t(`lines.${e.kind}`)}
                      {detail ? <span className="block text-xs break-all text-slate-500">{detail}</span> : null}
                    </td>
                    <td
                      className={cn(
                        "py-2 text-right align-top font-medium whitespace-nowrap tabular-nums",
                        e.amountFen > 0n ? "text-emerald-700" : "text-slate-900",
                      )}
                    >
                      {signed(e.amountFen, locale)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="statement-data" className="border-t border-slate-100 px-5 py-4">
        <h3 id="statement-data" className="text-sm font-semibold text-slate-900">
          {t("data.title")}
        </h3>
        {s.data.totalBytes === 0n ? (
          <p className="mt-2 text-sm text-slate-500">{t("data.empty")}</p>
        ) : (
          <>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4" data-testid="statement-data">
              <div>
                <dt className="text-xs text-slate-500">{t("data.total")}</dt>
                <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{formatBytes(s.data.totalBytes, locale)}</dd>
                <dd className="text-xs text-slate-500 tabular-nums">
                  {t("data.upDown", { down: formatBytes(s.data.downloadBytes, locale), up: formatBytes(s.data.uploadBytes, locale) })}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("data.free")}</dt>
                <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{formatBytes(s.data.freeUsedBytes, locale)}</dd>
                {s.data.freeBytes > 0n ? (
                  <dd className="text-xs text-slate-500 tabular-nums">
                    {t("data.freeOf", { used: formatBytes(s.data.freeUsedBytes, locale), total: formatBytes(s.data.freeBytes, locale) })}
                  </dd>
                ) : null}
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("data.package")}</dt>
                <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{formatBytes(s.data.packageUsedBytes, locale)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("data.throttled")}</dt>
                <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{formatBytes(s.data.throttledBytes, locale)}</dd>
              </div>
            </dl>
            <p className="mt-3 text-xs text-slate-500">{t("data.note")}</p>
          </>
        )}
      </section>
    </Card>
  );
}
