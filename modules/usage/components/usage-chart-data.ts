// Pure helpers that turn the usage service's bigint rollups into what the charts draw:
// plain numbers (bytes and GB) and labels per locale. Shared by server, client and tests.
import { formatMonth, monthKeyToStart, TIME_ZONE } from "@/lib/format";
import { shanghaiDayRange } from "@/lib/time";
import { GiB } from "@/lib/units";

// Brand 600 / 300 from globals.css: SVG presentation attributes do not take CSS variables everywhere.
export const DOWNLOAD_COLOR = "#0f6fa3";
export const UPLOAD_COLOR = "#7bc3e4";

export interface UsageInput {
  uploadBytes: bigint;
  downloadBytes: bigint;
}

/** One bar of a usage chart. Bytes stay numbers (exact below 8 PiB) for the tooltip; GB for the axis. */
export interface UsageBar {
  key: string;
  /** short axis label: "5" (day of month) or "7月" / "Jul" */
  label: string;
  /** tooltip heading: "12月5日 周五" / "Fri, Dec 5" or "2026年7月" / "July 2026" */
  fullLabel: string;
  downloadBytes: number;
  uploadBytes: number;
  downloadGB: number;
  uploadGB: number;
}

/** Bytes → GB (binary, like formatBytes) with three decimals, for chart axes. */
export function bytesToGB(bytes: bigint): number {
  if (bytes <= 0n) return 0;
  // Round to thousandths in bigint (half up), so huge values never lose digits in float.
  const thousandths = (bytes * 2000n + GiB) / (2n * GiB);
  return Number(thousandths) / 1000;
}

export function sumUsage(points: readonly UsageInput[]): { uploadBytes: bigint; downloadBytes: bigint; totalBytes: bigint } {
  let up = 0n;
  let down = 0n;
  for (const p of points) {
    up += p.uploadBytes;
    down += p.downloadBytes;
  }
  return { uploadBytes: up, downloadBytes: down, totalBytes: up + down };
}

export function hasUsage(points: readonly UsageInput[]): boolean {
  return points.some((p) => p.uploadBytes > 0n || p.downloadBytes > 0n);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, kind: "dayFull" | "monthShort"): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const zh = locale.startsWith("zh");
    f = new Intl.DateTimeFormat(
      locale,
      kind === "dayFull" ? { month: zh ? "long" : "short", day: "numeric", weekday: "short", timeZone: TIME_ZONE } : { month: "short", timeZone: TIME_ZONE },
    );
    formatters.set(key, f);
  }
  return f;
}

function bar(key: string, label: string, fullLabel: string, p: UsageInput): UsageBar {
  return {
    key,
    label,
    fullLabel,
    downloadBytes: Number(p.downloadBytes),
    uploadBytes: Number(p.uploadBytes),
    downloadGB: bytesToGB(p.downloadBytes),
    uploadGB: bytesToGB(p.uploadBytes),
  };
}

/** Days "YYYY-MM-DD" → bars labelled by day of month. */
export function toDailyBars(points: readonly (UsageInput & { day: string })[], locale: string): UsageBar[] {
  return points.map((p) => bar(p.day, String(Number(p.day.slice(8, 10))), formatter(locale, "dayFull").format(shanghaiDayRange(p.day).from), p));
}

/** Months "YYYY-MM" → bars labelled by short month name. */
export function toMonthlyBars(points: readonly (UsageInput & { month: string })[], locale: string): UsageBar[] {
  return points.map((p) => bar(p.month, formatter(locale, "monthShort").format(monthKeyToStart(p.month)), formatMonth(p.month, locale), p));
}

/** The bar with the most traffic (for the chart's text summary), or null when there is none. */
export function peakBar(bars: readonly UsageBar[]): UsageBar | null {
  let best: UsageBar | null = null;
  for (const b of bars) {
    const total = b.downloadBytes + b.uploadBytes;
    if (total > 0 && (!best || total > best.downloadBytes + best.uploadBytes)) best = b;
  }
  return best;
}
