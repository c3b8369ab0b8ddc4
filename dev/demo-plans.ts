// The demo campus's package plans (modules/plans), seeded inside seedDemoCampus's transaction:
// 张三 (2023010001) renews the 10-yuan package every month (自动续订, from next month) and had a
// next-month booking two months ago that failed for a short balance; 陈晓 (2023010004) has the
// 20-yuan package scheduled for next month (下月生效). Nothing is due before next month's 1st, so
// the month-start job leaves them alone until then (and then books them like any other plan).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { monthKey, monthStart, shiftMonthKey, startOfNextMonth } from "@/lib/time";

const DAY = 86_400_000;

export const PLAN_DEMO = { autoRenew: "2023010001", nextMonth: "2023010004" } as const;

export async function seedPlanDemo(
  client: pg.Client,
  ctx: { now: Date; userIds: Map<string, string>; packages: Map<string, { id: string; priceFen: bigint }> },
): Promise<void> {
  const next = monthKey(startOfNextMonth(ctx.now));
  const plan = async (studentNo: string, code: string, kind: "NEXT_MONTH" | "AUTO_RENEW", firstMonth: string, createdAt: Date, doneAt: Date | null) => {
    const userId = ctx.userIds.get(studentNo);
    const pkg = ctx.packages.get(code);
    if (!userId || !pkg) throw new Error(`demo plans: no ${studentNo} or ${code}`);
    const id = randomUUID();
    await client.query(
      `INSERT INTO "package_plans" ("id","userId","packageId","kind","firstMonth","doneAt","createdAt") VALUES ($1, $2, $3, $4::"PackagePlanKind", $5, $6, $7)`,
      [id, userId, pkg.id, kind, firstMonth, doneAt, createdAt],
    );
    return { id, userId, pkg };
  };

  // 张三: two months ago a next-month P30 that found ¥27.00 in the wallet, then auto-renew of P10.
  const failedMonth = shiftMonthKey(monthKey(ctx.now), -2);
  const failedAt = monthStart(failedMonth);
  const old = await plan(PLAN_DEMO.autoRenew, "P30", "NEXT_MONTH", failedMonth, new Date(failedAt.getTime() - 9 * DAY), failedAt);
  await client.query(
    `INSERT INTO "package_plan_runs" ("id","planId","userId","month","outcome","detail","createdAt") VALUES ($1, $2, $3, $4, 'BALANCE_SHORT', $5::jsonb, $6)`,
    [
      randomUUID(),
      old.id,
      old.userId,
      failedMonth,
      JSON.stringify({
        reason: "BALANCE_SHORT",
        priceFen: old.pkg.priceFen.toString(),
        balanceFen: "2700",
        shortfallFen: (old.pkg.priceFen - 2700n).toString(),
      }),
      failedAt,
    ],
  );
  await client.query(
    `INSERT INTO "notifications" ("userId","kind","dedupeKey","data","createdAt","readAt") VALUES ($1, 'PLAN_FAILED', $2, $3::jsonb, $4, $4)`,
    [old.userId, `plan-failed:${failedMonth}`, JSON.stringify({ month: failedMonth, reason: "BALANCE_SHORT", package: "P30" }), failedAt],
  );
  await plan(PLAN_DEMO.autoRenew, "P10", "AUTO_RENEW", next, new Date(ctx.now.getTime() - 5 * DAY), null);
  // 陈晓: P20 from next month's 1st.
  await plan(PLAN_DEMO.nextMonth, "P20", "NEXT_MONTH", next, new Date(ctx.now.getTime() - 2 * DAY), null);
}
