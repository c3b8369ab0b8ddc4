import "server-only";
// Speed changes that no accounting packet announces: a new billing month grants fresh quota
// (throttled → high speed), and a package that expires leaves a student without quota
// (high speed → throttled). A sweep every minute finds exactly those live sessions — the
// query touches live sessions only — and sends them the new rate at once. A student throttled
// until the month changed is told high speed is back (HIGH_SPEED_RESTORED, once per month).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { recordNotification } from "@/modules/notifications/service";
import { speedStateIn } from "@/modules/quota/service";
import { syncUserSpeed, type SessionChangeOutcome } from "./coa.service";

let lastSweepAt: Date | null = null;

export interface SpeedSweepReport {
  since: string;
  monthChanged: boolean;
  users: number;
  changes: SessionChangeOutcome[];
}

export async function sweepSpeedTransitions(opts: { now?: Date; since?: Date } = {}): Promise<SpeedSweepReport> {
  const now = opts.now ?? clockNow();
  const since = opts.since ?? lastSweepAt ?? new Date(now.getTime() - 120_000);
  const monthChanged = monthKey(since) !== monthKey(now);
  const rows = await db().$queryRaw<{ userId: string; throttled: boolean }[]>`
    SELECT s."userId", bool_or(s."speedMode" = 'THROTTLED') AS "throttled" FROM "radius_sessions" s
    WHERE s."state" = 'ACTIVE' AND s."userId" IS NOT NULL AND (
      (${monthChanged} AND s."speedMode" = 'THROTTLED')
      OR (s."speedMode" = 'HIGH_SPEED' AND EXISTS (
            SELECT 1 FROM "package_holdings" h
            WHERE h."userId" = s."userId" AND h."expiresAt" > ${since} AND h."expiresAt" <= ${now})))
    GROUP BY s."userId"`;
  const changes: SessionChangeOutcome[] = [];
  const month = monthKey(now);
  for (const { userId, throttled } of rows) {
    changes.push(...(await syncUserSpeed(userId, monthChanged ? "new-month" : "package-expired")));
    // throttled last month, high speed with this month's free quota: told once per month
    if (monthChanged && throttled && (await speedStateIn(db(), userId, now)).speedMode === "HIGH_SPEED") {
      await recordNotification(db(), { userId, kind: "HIGH_SPEED_RESTORED", dedupeKey: `speed-restored:month:${month}`, data: { cause: "month", month } }, now);
    }
  }
  if (!opts.since) lastSweepAt = now;
  return { since: since.toISOString(), monthChanged, users: rows.length, changes };
}
