"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/format";
import { DOWNLOAD_COLOR, UPLOAD_COLOR, type UsageBar } from "./usage-chart-data";

const AXIS_COLOR = "#64748b";
const GRID_COLOR = "#e2e8f0";

export type UsageBarsProps = {
  bars: UsageBar[];
  /** one sentence: what the chart shows (the svg's title) */
  summary: string;
  /** the tallest bar's width in px (wide for months, narrow for days) */
  maxBarSize?: number;
  locale: string;
  labels: UsageLabels;
};

/** The series' names, translated on the server (home.usage): no next-intl on the client. */
export type UsageLabels = { download: string; upload: string; total: string };

/**
 * Stacked download/upload bars in GB, the recharts part of ./usage-bar-chart-lazy.tsx (which
 * renders the caption and the screen-reader table on the server and loads this module only
 * when the chart comes into view). The container has a fixed height so the chart never
 * collapses; ResponsiveContainer fills its width.
 */
export function UsageBars({ bars, summary, maxBarSize = 18, locale, labels }: UsageBarsProps) {
  const axisNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  return (
    <div className="h-52 w-full sm:h-60">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} barCategoryGap="22%" title={summary}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} strokeDasharray="3 3" />
          <XAxis
            dataKey="label"
            tickLine={false}
            axisLine={{ stroke: GRID_COLOR }}
            tick={{ fontSize: 11, fill: AXIS_COLOR }}
            interval="preserveStartEnd"
            minTickGap={6}
          />
          <YAxis
            tickLine={false}
            axisLine={false}
            width={36}
            tick={{ fontSize: 11, fill: AXIS_COLOR }}
            tickFormatter={(value: number) => axisNumber.format(value)}
          />
          <Tooltip
            cursor={{ fill: "rgb(15 111 163 / 0.08)" }}
            isAnimationActive={false}
            content={({ active, payload }) => (
              <UsageTooltip
                active={active}
                payload={payload}
                locale={locale}
                downloadLabel={labels.download}
                uploadLabel={labels.upload}
                totalLabel={labels.total}
              />
            )}
          />
          <Bar dataKey="downloadGB" name={labels.download} stackId="usage" fill={DOWNLOAD_COLOR} maxBarSize={maxBarSize} />
          <Bar dataKey="uploadGB" name={labels.upload} stackId="usage" fill={UPLOAD_COLOR} maxBarSize={maxBarSize} radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function UsageTooltip({
  active,
  payload,
  locale,
  downloadLabel,
  uploadLabel,
  totalLabel,
}: {
  active: boolean;
  payload: ReadonlyArray<{ payload?: unknown }> | undefined;
  locale: string;
  downloadLabel: string;
  uploadLabel: string;
  totalLabel: string;
}) {
  const bar = active ? (payload?.[0]?.payload as UsageBar | undefined) : undefined;
  if (!bar) return null;
  const rows = [
    { label: downloadLabel, color: DOWNLOAD_COLOR, bytes: bar.downloadBytes },
    { label: uploadLabel, color: UPLOAD_COLOR, bytes: bar.uploadBytes },
  ];
  return (
    <div className="min-w-36 rounded-xl bg-white px-3 py-2.5 text-xs shadow-lg ring-1 ring-slate-900/10">
      <p className="mb-1.5 font-semibold text-slate-900">{bar.fullLabel}</p>
      <dl className="space-y-1">
        {rows.map((row) => (
          <div key={row.label} className="flex items-center justify-between gap-4">
            <dt className="flex items-center gap-1.5 text-slate-600">
              <span aria-hidden className="size-2 rounded-sm" style={{ backgroundColor: row.color }} />
              {row.label}
            </dt>
            <dd className="font-medium text-slate-900 tabular-nums">{formatBytes(row.bytes, locale)}</dd>
          </div>
        ))}
        <div className="flex items-center justify-between gap-4 border-t border-slate-100 pt-1">
          <dt className="text-slate-600">{totalLabel}</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{formatBytes(bar.downloadBytes + bar.uploadBytes, locale)}</dd>
        </div>
      </dl>
    </div>
  );
}
