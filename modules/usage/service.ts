import "server-only";
// Usage rollups for the charts: per Shanghai day, and per billing month.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { daysInMonth, monthKey, shanghaiParts, shiftMonthKey } from "@/lib/time";

export interface DailyPoint {
  day: string; // YYYY-MM-DD
  uploadBytes: bigint;
  downloadBytes: bigint;
}

export interface MonthlyPoint {
  month: string; // YYYY-MM
  uploadBytes: bigint;
  downloadBytes: bigint;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Every day of `month` up to today (Shanghai), with zeros for days without traffic. */
export async function getDailyUsage(userId: string, month: string, now = clockNow()): Promise<DailyPoint[]> {
  const first = new Date(`${month}-01T00:00:00Z`);
  const days = daysInMonth(month);
  const last = new Date(first.getTime() + (days - 1) * 86_400_000);
  const rows = await db().dailyUsage.findMany({
    where: { userId, day: { gte: first, lte: last } },
    select: { day: true, uploadBytes: true, downloadBytes: true },
  });
  const byDay = new Map(rows.map((r) => [isoDay(r.day), r]));
  const current = monthKey(now) === month;
  const todayIndex = current ? shanghaiParts(now).day : days;
  const out: DailyPoint[] = [];
  for (let i = 0; i < Math.min(days, todayIndex); i++) {
    const key = isoDay(new Date(first.getTime() + i * 86_400_000));
    const r = byDay.get(key);
    out.push({ day: key, uploadBytes: r?.uploadBytes ?? 0n, downloadBytes: r?.downloadBytes ?? 0n });
  }
  return out;
}

/** The last `count` billing months ending with the current one, oldest first. */
export async function getMonthlyUsage(userId: string, count = 6, now = clockNow()): Promise<MonthlyPoint[]> {
  const current = monthKey(now);
  const firstMonth = shiftMonthKey(current, -(count - 1));
  // both bounds as dates: the planner reads only these months' partitions of daily_usage (decision 014)
  const from = `${firstMonth}-01`;
  const to = `${shiftMonthKey(current, 1)}-01`;
  const rows = await db().$queryRaw<{ month: string; up: bigint; down: bigint }[]>`
    SELECT to_char("day", 'YYYY-MM') AS month, SUM("uploadBytes")::bigint AS up, SUM("downloadBytes")::bigint AS down
    FROM "daily_usage" WHERE "userId" = ${userId}::uuid AND "day" >= ${from}::date AND "day" < ${to}::date
    GROUP BY 1`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: MonthlyPoint[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = shiftMonthKey(current, -i);
    const r = byMonth.get(m);
    out.push({ month: m, uploadBytes: r?.up ?? 0n, downloadBytes: r?.down ?? 0n });
  }
  return out;
}
