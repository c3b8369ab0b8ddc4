// Billing time. Stored instants are UTC; a billing month / day is an Asia/Shanghai calendar
// month / day. Shanghai has had no DST since 1991, so a fixed +08:00 offset is exact.
export const SHANGHAI_TZ = "Asia/Shanghai";
const OFFSET_MS = 8 * 3600_000;

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** A Date whose UTC fields read the Shanghai wall clock of `at` (for hours, minutes, weekday). */
export function shanghaiWall(at: Date): Date {
  return new Date(at.getTime() + OFFSET_MS);
}

export function shanghaiParts(at: Date): LocalDate {
  const s = shanghaiWall(at);
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
  const local = shanghaiWall(at);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(shifted - OFFSET_MS);
}

/** Whether `value` is a real calendar day "YYYY-MM-DD" (years 2000–2999), as statements and reports take. */
export function isDayKey(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 2000 && y <= 2999;
}

/** [from, to) instants of the Shanghai calendar day "YYYY-MM-DD". */
export function shanghaiDayRange(day: string): { from: Date; to: Date } {
  if (!isDayKey(day)) throw new RangeError(`not a day: ${day}`);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** "YYYY-MM-DD HH:mm:ss" in Shanghai time, as statements and Alipay write times. */
export function shanghaiDateTime(at: Date): string {
  return shanghaiWall(at).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses "YYYY-MM-DD HH:mm:ss" (Shanghai); null when malformed. */
export function parseShanghaiDateTime(text: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((text ?? "").trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - OFFSET_MS;
  return Number.isNaN(t) ? null : new Date(t);
}
