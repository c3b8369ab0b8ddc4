import "server-only";
// 套餐即将到期 (the package-expiring job, daily): a live package that ends within 3 days and still
// has data left gets one PACKAGE_EXPIRING notification per holding (modules/push sends it to the
// student's phone). One statement whatever the number of students.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";

export const EXPIRING_WITHIN_MS = 3 * 86_400_000;

export async function recordPackagesExpiring(now: Date = clockNow()): Promise<{ recorded: number }> {
  const until = new Date(now.getTime() + EXPIRING_WITHIN_MS);
  const recorded = await db().$executeRaw`
    INSERT INTO "notifications" ("userId", "kind", "dedupeKey", "data", "createdAt")
    SELECT h."userId", 'PACKAGE_EXPIRING', 'package-expiring:' || h."id",
           jsonb_build_object('holdingId', h."id", 'package', p."code", 'nameZh', p."nameZh", 'nameEn', p."nameEn",
                              'expiresAt', to_char(h."expiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                              'remainingBytes', (h."quotaBytes" - h."usedBytes")::text),
           ${now}::timestamptz
    FROM "package_holdings" h JOIN "packages" p ON p."id" = h."packageId"
    WHERE h."state" = 'ACTIVE' AND h."startsAt" <= ${now}::timestamptz
      AND h."expiresAt" > ${now}::timestamptz AND h."expiresAt" <= ${until}::timestamptz
      AND h."usedBytes" < h."quotaBytes"
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
  return { recorded };
}
