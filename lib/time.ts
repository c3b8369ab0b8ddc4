// Billing time. Stored instants are UTC; a billing month / day is an Asia/Shanghai calendar
// month / day. Shanghai has had no DST since 1991, so a fixed +08:00 offset is exact.
export const SHANGHAI_TZ = "Asia/Shanghai";
const OFFSET_MS = 8 * 3600_000;

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export function shanghaiParts(at: Date): LocalDate {
  const s = new Date(at.getTime() + OFFSET_MS);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM" of the Shanghai billing month containing `at`. */
export function monthKey(at: Date): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}`;
}

/** "YYYY-MM-DD" of the Shanghai calendar day containing `at`. */
export function dayKey(at: Date): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The value stored in a DATE column for the Shanghai day containing `at` (UTC midnight of that date). */
export function dayDate(at: Date): Date {
  const p = shanghaiParts(at);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/** Instant of Shanghai midnight starting the billing month containing `at`. */
export function startOfMonth(at: Date): Date {
  const p = shanghaiParts(at);
  return new Date(Date.UTC(p.year, p.month - 1, 1) - OFFSET_MS);
}

/** Instant of Shanghai midnight starting the day containing `at`. */
export function startOfDay(at: Date): Date {
  const p = shanghaiParts(at);
  return new Date(Date.UTC(p.year, p.month - 1, p.day) - OFFSET_MS);
}

export function startOfNextMonth(at: Date): Date {
  const p = shanghaiParts(at);
  return new Date(Date.UTC(p.year, p.month, 1) - OFFSET_MS);
}

/** Instant of Shanghai midnight starting the billing month `key` ("YYYY-MM"). */
export function monthStart(key: string): Date {
  const [y, m] = key.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS);
}

export function daysInMonth(key: string): number {
  const [y, m] = key.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Shift a month key by n months: shiftMonthKey("2026-01", -1) = "2025-12". */
export function shiftMonthKey(key: string, n: number): string {
  const [y, m] = key.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** Same Shanghai wall-clock time n calendar months later; the day is clamped (Jan 31 + 1 → Feb 28/29). */
export function addMonths(at: Date, n: number): Date {
  if (!Number.isInteger(n)) throw new RangeError(`Months must be an integer, got ${n}`);
  const local = new Date(at.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(shifted - OFFSET_MS);
}
