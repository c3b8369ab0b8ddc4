import "server-only";
// Read models for the network office (/admin).
import { db } from "@/lib/db";
import { monthKey, startOfMonth } from "@/lib/time";
import { SYSTEM_ACCOUNT } from "@/modules/ledger/service";

export interface AdminOverview {
  students: number;
  throttledNow: number;
  activePackages: number;
  exchangesThisMonth: number;
  packageRevenueThisMonthFen: bigint;
  walletTotalFen: bigint;
}

export async function getAdminOverview(now = new Date()): Promise<AdminOverview> {
  const month = monthKey(now);
  const from = startOfMonth(now);
  const [row] = await db().$queryRaw<
    { students: bigint; throttled: bigint; active: bigint; exchanges: bigint; revenue: bigint | null; wallets: bigint | null }[]
  >`
    SELECT
      (SELECT COUNT(*) FROM "users" WHERE "role" = 'STUDENT') AS students,
      (SELECT COUNT(*) FROM "monthly_quotas" mq
        WHERE mq."month" = ${month} AND mq."freeUsedBytes" >= mq."freeBytes"
          AND NOT EXISTS (SELECT 1 FROM "package_holdings" h WHERE h."userId" = mq."userId" AND h."state" = 'ACTIVE'
                          AND h."usedBytes" < h."quotaBytes" AND h."expiresAt" > ${now})) AS throttled,
      (SELECT COUNT(*) FROM "package_holdings" WHERE "state" = 'ACTIVE' AND "usedBytes" < "quotaBytes" AND "expiresAt" > ${now}) AS active,
      (SELECT COUNT(*) FROM "package_holdings" WHERE "createdAt" >= ${from}) AS exchanges,
      (SELECT COALESCE(SUM(p."amountFen"), 0)::bigint FROM "postings" p JOIN "ledger_accounts" a ON a."id" = p."accountId"
        WHERE a."code" = ${SYSTEM_ACCOUNT.PACKAGE_REVENUE} AND p."createdAt" >= ${from}) AS revenue,
      (SELECT COALESCE(SUM("balanceFen"), 0)::bigint FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET') AS wallets`;
  return {
    students: Number(row!.students),
    throttledNow: Number(row!.throttled),
    activePackages: Number(row!.active),
    exchangesThisMonth: Number(row!.exchanges),
    packageRevenueThisMonthFen: row!.revenue ?? 0n,
    walletTotalFen: row!.wallets ?? 0n,
  };
}
