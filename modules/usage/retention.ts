// How long usage history is kept, in one place (docs/decisions/014-usage-history-partitions.md).
// Months are Asia/Shanghai billing months; each table is partitioned by month, so expiry drops
// whole partitions instead of deleting rows. A campus sets the values with USAGE_* settings
// (lib/env.ts); the defaults below are theirs.
import { env } from "@/lib/env";

export interface RetentionPolicy {
  /** session detail (radius_session_history) is kept this many whole months before the current one */
  sessionDetailMonths: number;
  /** daily rollups (daily_usage, device_daily_usage): null = kept for ever */
  dailyRollupMonths: number | null;
  /** partitions are made for the current month and this many after it */
  monthsAhead: number;
  /** a stopped session moves from radius_sessions to radius_session_history this long after its Stop */
  archiveAfterHours: number;
  /** an expired partition is dropped, or only detached (left as a plain table for an archive dump) */
  expired: "drop" | "detach";
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  sessionDetailMonths: 13,
  dailyRollupMonths: null,
  monthsAhead: 3,
  archiveAfterHours: 24,
  expired: "drop",
};

/** The policy from the settings, with `overrides` on top (tests, one-off runs). */
export function retentionPolicy(overrides: Partial<RetentionPolicy> = {}): RetentionPolicy {
  const configured: RetentionPolicy = {
    sessionDetailMonths: env.USAGE_SESSION_DETAIL_MONTHS,
    dailyRollupMonths: env.USAGE_DAILY_ROLLUP_MONTHS ?? null,
    monthsAhead: env.USAGE_PARTITIONS_AHEAD,
    archiveAfterHours: env.USAGE_ARCHIVE_AFTER_HOURS,
    expired: env.USAGE_EXPIRED_PARTITIONS,
  };
  const p = { ...configured, ...overrides };
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  if (!whole(p.sessionDetailMonths, 1)) throw new RangeError(`sessionDetailMonths must be a whole number ≥ 1, got ${p.sessionDetailMonths}`);
  if (p.dailyRollupMonths !== null && !whole(p.dailyRollupMonths, 1))
    throw new RangeError(`dailyRollupMonths must be null or a whole number ≥ 1, got ${p.dailyRollupMonths}`);
  if (!whole(p.monthsAhead, 1)) throw new RangeError(`monthsAhead must be a whole number ≥ 1, got ${p.monthsAhead}`);
  if (!(p.archiveAfterHours >= 0)) throw new RangeError(`archiveAfterHours must be ≥ 0, got ${p.archiveAfterHours}`);
  return p;
}
