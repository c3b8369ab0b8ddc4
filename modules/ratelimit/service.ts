import "server-only";
// Fixed-window counters in rate_limits: lock-outs and limits on actions that could be abused
// (network password changes, looking up other students' masked names), and counters that
// only count (forged payment notifications past what we keep of them).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Counts one hit for `key`; throws RATE_LIMITED once more than `limit` fall in the window. */
export async function hitRateLimit(key: string, limit: number, windowMs: number, now = clockNow()): Promise<void> {
  const r = await countHit(key, windowMs, now);
  if (r.count > limit) {
    throw new AppError("RATE_LIMITED", { retryAfterMinutes: Math.max(1, Math.ceil((r.resetAt.getTime() - now.getTime()) / 60_000)) });
  }
}

/** Counts one hit for `key` in its fixed window and returns the window's count so far; the caller decides. */
export async function countHit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
  const resetAt = new Date(now.getTime() + windowMs);
  const [r] = await db().$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "rate_limits" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rate_limits"."resetAt" <= ${now} THEN 1 ELSE "rate_limits"."count" + 1 END,
      "resetAt" = CASE WHEN "rate_limits"."resetAt" <= ${now} THEN EXCLUDED."resetAt" ELSE "rate_limits"."resetAt" END
    RETURNING "count", "resetAt"`;
  return r!;
}

/** Removes the counters under `prefix` whose window has ended (for counters kept one key per period). */
export async function forgetEndedWindows(prefix: string, now: Date): Promise<void> {
  await db().$executeRaw`DELETE FROM "rate_limits" WHERE "key" LIKE ${`${prefix.replace(/[\\%_]/g, "\\$&")}%`} AND "resetAt" <= ${now}`;
}
