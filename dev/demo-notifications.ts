// The demo campus's notification centre (/notifications and the header's bell), seeded inside
// seedDemoCampus's transaction: 何静 (2023010030) has two unread notifications of different kinds
// (this month's package booked by her plan, a device signed out by the device limit yesterday)
// and an older, read one (a refused appeal). Only the notices: the plan, devices and appeal they
// speak of are other demos' business (dev/demo-plans.ts, demo-devices.ts, demo-appeals.ts).
import type pg from "pg";
import { monthKey, monthStart } from "@/lib/time";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const NOTIFICATION_DEMO = { student: "2023010030", unread: 2 } as const;

export async function seedNotificationDemo(client: pg.Client, ctx: { now: Date; userIds: Map<string, string> }): Promise<void> {
  const userId = ctx.userIds.get(NOTIFICATION_DEMO.student);
  if (!userId) throw new Error(`demo notifications: no ${NOTIFICATION_DEMO.student}`);
  const { now } = ctx;
  const month = monthKey(now);
  const pkg = (
    await client.query<{ code: string; nameZh: string; nameEn: string; priceFen: string }>(
      `SELECT "code", "nameZh", "nameEn", "priceFen"::text AS "priceFen" FROM "packages" WHERE "code" = 'P5'`,
    )
  ).rows[0];
  const booked = new Date(Math.min(monthStart(month).getTime() + 60_000, now.getTime() - HOUR));
  const rows: [kind: string, key: string, data: Record<string, unknown>, at: Date, read: boolean][] = [
    [
      "PLAN_BOOKED",
      `plan-booked:${month}`,
      { month, package: pkg?.code ?? "P5", nameZh: pkg?.nameZh, nameEn: pkg?.nameEn, priceFen: pkg?.priceFen ?? "500" },
      booked,
      false,
    ],
    [
      "DEVICE_LIMIT",
      "devicelimit:demo-notifications",
      { mac: "5C:1A:30:00:00:0C", deviceName: "宿舍平板", limit: 3, newMac: "5C:1A:30:00:00:01" },
      new Date(now.getTime() - DAY - 2 * HOUR),
      false,
    ],
    ["APPEAL_REFUSED", "appeal:demo-notifications", { reason: "套餐已用流量较多，不符合误操作申诉条件" }, new Date(now.getTime() - 6 * DAY), true],
  ];
  for (const [kind, key, data, at, read] of rows) {
    await client.query(
      `INSERT INTO "notifications" ("userId","kind","dedupeKey","data","createdAt","readAt") VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT ("userId","dedupeKey") DO NOTHING`,
      [userId, kind, key, JSON.stringify(data), at, read ? at : null],
    );
  }
}
