// Bytes are bigint; time is stored in UTC and shown in Asia/Shanghai. A billing month is an
// Asia/Shanghai calendar month, so month/day keys are computed in that zone, not the server's.

import { monthStart } from "./time";
import { GiB, KiB, MiB, TiB } from "./units";
export const TIME_ZONE = "Asia/Shanghai";

const BYTE_UNITS = [
  { unit: "B", size: 1n, decimals: 0 },
  { unit: "KB", size: KiB, decimals: 1 },
  { unit: "MB", size: MiB, decimals: 1 },
  { unit: "GB", size: GiB, decimals: 2 },
  { unit: "TB", size: TiB, decimals: 2 },
] as const;

function toBigIntBytes(bytes: bigint | string | number): bigint {
  if (typeof bytes === "bigint") return bytes;
  if (typeof bytes === "number") {
    if (!Number.isFinite(bytes)) throw new RangeError(`Bytes must be finite, got ${bytes}`);
    return BigInt(Math.trunc(bytes));
  }
  const text = bytes.trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`Bytes must be an integer string, got ${JSON.stringify(bytes)}`);
  return BigInt(text);
}

/** Rounds abs/size to `decimals` places (half up) and returns it as a decimal string. */
function divideToDecimalString(abs: bigint, size: bigint, decimals: number): { text: string; scaled: bigint } {
  const scale = 10n ** BigInt(decimals);
  const scaled = (abs * scale * 2n + size) / (size * 2n);
  const intPart = scaled / scale;
  const frac = decimals > 0 ? (scaled % scale).toString().padStart(decimals, "0") : "";
  return { text: frac ? `${intPart}.${frac}` : intPart.toString(), scaled };
}

const numberFormatters = new Map<string, Intl.NumberFormat>();
function decimalFormatter(locale: string, maxDecimals: number): Intl.NumberFormat {
  const key = `${locale}|${maxDecimals}`;
  let formatter = numberFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals });
    numberFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Human-readable size in binary units: 0 → "0 B", 512 MiB → "512 MB", 1.5 GiB → "1.5 GB",
 * 20 GiB → "20 GB". GB/TB keep up to two decimals, KB/MB one; trailing zeros are dropped.
 */
export function formatBytes(bytes: bigint | string | number, locale: string): string {
  const value = toBigIntBytes(bytes);
  const negative = value < 0n;
  const abs = negative ? -value : value;

  let index = 0;
  for (let i = BYTE_UNITS.length - 1; i > 0; i--) {
    if (abs >= BYTE_UNITS[i]!.size) {
      index = i;
      break;
    }
  }
  let unit = BYTE_UNITS[index]!;
  const first = divideToDecimalString(abs, unit.size, unit.decimals);
  let text = first.text;
  const scaled = first.scaled;
  // 1023.96 MB rounds to "1024 MB": show it as the next unit instead.
  const next = BYTE_UNITS[index + 1];
  if (next && scaled >= 1024n * 10n ** BigInt(unit.decimals)) {
    unit = next;
    ({ text } = divideToDecimalString(abs, unit.size, unit.decimals));
  }
  const formatted = decimalFormatter(locale, unit.decimals).format(text as Intl.StringNumericLiteral);
  return `${negative && abs !== 0n ? "-" : ""}${formatted} ${unit.unit}`;
}

/** Whole gibibytes to bytes: gib(20) → 20 GiB. */
export function gib(n: number | bigint): bigint {
  return BigInt(n) * GiB;
}

export type DateInput = Date | string | number;

function toDate(date: DateInput): Date {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date: ${String(date)}`);
  return d;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(locale: string, kind: "datetime" | "date" | "month" | "time"): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      kind === "datetime"
        ? { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : kind === "date"
          ? { year: "numeric", month: "2-digit", day: "2-digit" }
          : kind === "month"
            ? { year: "numeric", month: "long" }
            : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE });
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

/** "2026/12/01 00:30" (zh-CN) / "12/01/2026, 00:30" (en), always in Asia/Shanghai. */
export function formatDateTime(date: DateInput, locale: string): string {
  return dateFormatter(locale, "datetime").format(toDate(date));
}

/** "2026/12/01" (zh-CN) / "12/01/2026" (en), in Asia/Shanghai. */
export function formatDate(date: DateInput, locale: string): string {
  return dateFormatter(locale, "date").format(toDate(date));
}

/** "00:30", in Asia/Shanghai. */
export function formatTime(date: DateInput, locale: string): string {
  return dateFormatter(locale, "time").format(toDate(date));
}

/** "2026年12月" (zh-CN) / "December 2026" (en). Accepts a date or a "YYYY-MM" key. */
export function formatMonth(month: DateInput, locale: string): string {
  const date = typeof month === "string" && /^\d{4}-\d{2}$/.test(month) ? monthKeyToStart(month) : toDate(month);
  return dateFormatter(locale, "month").format(date);
}

// Billing-time arithmetic (month/day keys, month starts, adding months) lives in lib/time.ts.

/** "2026-12" → the UTC instant 2026-11-30T16:00:00Z (start of that Shanghai month). */
export function monthKeyToStart(key: string): Date {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  const month = match ? Number(match[2]) : NaN;
  if (!match || month < 1 || month > 12) throw new RangeError(`Invalid month key: ${JSON.stringify(key)}`);
  return monthStart(key);
}
