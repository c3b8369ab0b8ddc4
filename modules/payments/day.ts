// Asia/Shanghai day helpers for statements and reconciliation (no DST since 1991: +08:00).
const OFFSET_MS = 8 * 3600_000;

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
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses "YYYY-MM-DD HH:mm:ss" (Shanghai); null when malformed. */
export function parseShanghaiDateTime(text: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((text ?? "").trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - OFFSET_MS;
  return Number.isNaN(t) ? null : new Date(t);
}
