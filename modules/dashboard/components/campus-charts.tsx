"use client";
// The recharts part of the /admin overview (./campus-dashboard.tsx loads it with next/dynamic, so
// only the admin overview downloads recharts for it). Stacked bars of one series per key.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const AXIS_COLOR = "#64748b";
const GRID_COLOR = "#e2e8f0";
/** Series colours with ≥ 3:1 contrast on white (WCAG 1.4.11). */
export const SERIES_COLORS = ["#0f6fa3", "#b45309", "#15803d", "#7c3aed", "#be123c", "#475569"];

export type ChartRow = Record<string, string | number>;

export interface StackedBarsProps {
  rows: ChartRow[];
  /** the category key (x axis) */
  x: string;
  /** one bar segment per series key, with its legend name */
  series: { key: string; name: string }[];
  /** the svg's title: what the chart shows */
  summary: string;
  format: (value: number) => string;
}

export function StackedBars({ rows, x, series, summary, format }: StackedBarsProps) {
  return (
    <div className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={summary}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} strokeDasharray="3 3" />
          <XAxis dataKey={x} tickLine={false} axisLine={{ stroke: GRID_COLOR }} tick={{ fontSize: 11, fill: AXIS_COLOR }} minTickGap={8} />
          <YAxis tickLine={false} axisLine={false} width={56} tick={{ fontSize: 11, fill: AXIS_COLOR }} tickFormatter={(v: number) => format(v)} />
          <Tooltip isAnimationActive={false} formatter={(v) => format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="a" fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
