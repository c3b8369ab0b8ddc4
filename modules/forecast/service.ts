import "server-only";
// The pace forecast for one student, read-only: daily traffic of the last four weeks
// (daily_usage), the high-speed data left (quota module) and the packages on sale (packages
// module), put through the pure rule in rules.ts.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { dayKey, startOfDay } from "@/lib/time";
import { listCatalogue } from "@/modules/packages/service";
import { speedStateIn } from "@/modules/quota/service";
import { forecast, PACE_WINDOW_DAYS, type Forecast } from "./rules";

export interface StudentForecast {
  now: Date;
  remainingBytes: bigint;
  /** a live package is held: a new one can be bought only once it runs out */
  hasPackage: boolean;
  forecast: Forecast;
}

export async function getForecast(userId: string, now = clockNow()): Promise<StudentForecast | null> {
  const client = db();
  const today = startOfDay(now);
  // DATE bounds as "YYYY-MM-DD": the planner reads only those months' partitions (decision 014)
  const from = dayKey(new Date(today.getTime() - PACE_WINDOW_DAYS * 86_400_000));
  const to = dayKey(today);
  const [user, rows, speed, packages] = await Promise.all([
    client.user.findUnique({ where: { id: userId }, select: { createdAt: true } }),
    client.$queryRaw<{ day: string; bytes: bigint }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", ("uploadBytes" + "downloadBytes")::bigint AS "bytes"
      FROM "daily_usage" WHERE "userId" = ${userId}::uuid AND "day" >= ${from}::date AND "day" < ${to}::date`,
    speedStateIn(client, userId, now),
    listCatalogue(now),
  ]);
  if (!user) return null;
  const remainingBytes = speed.freeRemainingBytes + speed.packageRemainingBytes;
  return {
    now,
    remainingBytes,
    hasPackage: speed.packageRemainingBytes > 0n,
    forecast: forecast({ now, usage: rows, historySince: user.createdAt, remainingBytes, packages }),
  };
}
