import "server-only";
// Speed changes that no accounting packet announces: a new billing month grants fresh quota
// (throttled → high speed), and a package that expires leaves a student without quota
// (high speed → throttled). A sweep every minute finds exactly those live sessions — the
// query touches live sessions only — and sends them the new rate at once.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
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
  const rows = await db().$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT s."userId" FROM "radius_sessions" s
    WHERE s."state" = 'ACTIVE' AND s."userId" IS NOT NULL AND (
      (${monthChanged} AND s."speedMode" = 'THROTTLED')
      OR (s."speedMode" = 'HIGH_SPEED' AND EXISTS (
            SELECT 1 FROM "package_holdings" h
            WHERE h."userId" = s."userId" AND h."expiresAt" > ${since} AND h."expiresAt" <= ${now})))`;
  const changes: SessionChangeOutcome[] = [];
  for (const { userId } of rows) changes.push(...(await syncUserSpeed(userId, monthChanged ? "new-month" : "package-expired")));
  if (!opts.since) lastSweepAt = now;
  return { since: since.toISOString(), monthChanged, users: rows.length, changes };
}
