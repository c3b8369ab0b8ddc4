// Pure view helpers for the quota and balance widgets: bigint in, display values out.
// No server-only imports, so server components, client components and tests share them.
import { formatBytes, formatDate, TIME_ZONE } from "@/lib/format";

/** A share of a quota as a whole percent 0–100; anything left shows at least 1 %, so a sliver is visible. */
export function remainingPercent(remaining: bigint, total: bigint): number {
  if (total <= 0n || remaining <= 0n) return 0;
  if (remaining >= total) return 100;
  const pct = Number((remaining * 100n) / total);
  return Math.min(99, Math.max(1, pct));
}

export type QuotaTone = "ok" | "low" | "empty";

/** Low from 80 % used (the alert threshold), empty at 100 %. */
export function quotaTone(percent: number): QuotaTone {
  if (percent <= 0) return "empty";
  if (percent <= 20) return "low";
  return "ok";
}

const speedFormatters = new Map<string, Intl.NumberFormat>();

/** 2048 → "2 Mbit/s", 1536 → "1.5 Mbit/s", 512 → "512 kbit/s" (the policy counts 1 Mbit = 1024 kbit). */
export function formatSpeed(kbps: number, locale: string): string {
  let nf = speedFormatters.get(locale);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    speedFormatters.set(locale, nf);
  }
  if (kbps >= 1024) return `${nf.format(kbps / 1024)} Mbit/s`;
  return `${nf.format(kbps)} kbit/s`;
}

const monthDayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "12月1日" (zh-CN) / "Dec 1" (en), in Asia/Shanghai. */
export function formatMonthDay(date: Date, locale: string): string {
  let f = monthDayFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { month: locale.startsWith("zh") ? "long" : "short", day: "numeric", timeZone: TIME_ZONE });
    monthDayFormatters.set(locale, f);
  }
  return f.format(date);
}

export interface QuotaSummaryInput {
  freeBytes: bigint;
  freeRemainingBytes: bigint;
  package: null | { code: string; nameZh: string; nameEn: string; quotaBytes: bigint; remainingBytes: bigint; expiresAt: Date };
  totalRemainingBytes: bigint;
  speedMode: "HIGH_SPEED" | "THROTTLED";
  resetsAt: Date;
}

export interface PolicyInput {
  throttledDownKbps: number;
  throttledUpKbps: number;
  highSpeedDownKbps: number;
}

export interface QuotaBarView {
  remainingText: string;
  totalText: string;
  percent: number;
  tone: QuotaTone;
}

export interface QuotaView {
  throttled: boolean;
  totalRemainingText: string;
  resetDateText: string;
  throttledDownText: string;
  throttledUpText: string;
  highSpeedDownText: string;
  free: QuotaBarView;
  package: null | (QuotaBarView & { code: string; name: string; expiresText: string });
}

/** Package names exist in both languages; anything but Chinese reads the English one. */
export function localizedName(item: { nameZh: string; nameEn: string }, locale: string): string {
  return locale.startsWith("zh") ? item.nameZh : item.nameEn || item.nameZh;
}

function bar(remaining: bigint, total: bigint, locale: string): QuotaBarView {
  const safeRemaining = remaining < 0n ? 0n : remaining;
  const percent = remainingPercent(safeRemaining, total);
  return { remainingText: formatBytes(safeRemaining, locale), totalText: formatBytes(total, locale), percent, tone: quotaTone(percent) };
}

export function buildQuotaView(summary: QuotaSummaryInput, policy: PolicyInput, locale: string): QuotaView {
  const pkg = summary.package;
  return {
    throttled: summary.speedMode === "THROTTLED",
    totalRemainingText: formatBytes(summary.totalRemainingBytes < 0n ? 0n : summary.totalRemainingBytes, locale),
    resetDateText: formatMonthDay(summary.resetsAt, locale),
    throttledDownText: formatSpeed(policy.throttledDownKbps, locale),
    throttledUpText: formatSpeed(policy.throttledUpKbps, locale),
    highSpeedDownText: formatSpeed(policy.highSpeedDownKbps, locale),
    free: bar(summary.freeRemainingBytes, summary.freeBytes, locale),
    package: pkg
      ? { ...bar(pkg.remainingBytes, pkg.quotaBytes, locale), code: pkg.code, name: localizedName(pkg, locale), expiresText: formatDate(pkg.expiresAt, locale) }
      : null,
  };
}
