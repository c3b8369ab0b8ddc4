// The demo campus's device limit and sign-in problems (modules/radius device-limit and rejections),
// seeded inside seedDemoCampus's transaction: 陈晓 (2023010004) is online on as many devices as the
// policy allows (one more login signs the oldest out), an iPad of hers was already signed out that
// way yesterday, and the network refused her a few times this week (wrong password, the lock it
// caused, a blocked device), so /network/login-problems has something to explain.
import { randomUUID } from "node:crypto";
import type pg from "pg";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEVICE_DEMO = { student: "2023010004", nasIp: "10.20.0.1" } as const;

export async function seedDeviceDemo(client: pg.Client, ctx: { now: Date; userIds: Map<string, string> }): Promise<void> {
  const userId = ctx.userIds.get(DEVICE_DEMO.student);
  if (!userId) throw new Error(`demo devices: no ${DEVICE_DEMO.student}`);
  const { now } = ctx;
  const at = (ms: number) => new Date(now.getTime() - ms);
  const limit = Number((await client.query(`SELECT "deviceLimit" FROM "service_policy" WHERE "id" = 1`)).rows[0]?.deviceLimit ?? 3);

  const devices = [
    { mac: "3C:22:FB:10:20:01", name: "我的笔记本" },
    { mac: "3C:22:FB:10:20:02", name: "手机" },
    { mac: "3C:22:FB:10:20:03", name: "宿舍台式机" },
    { mac: "3C:22:FB:10:20:04", name: "Kindle" },
  ].slice(0, Math.max(limit, 1));
  const lost = { mac: "3C:22:FB:10:20:0A", name: "旧手机（已挂失）" };
  const ipad = { mac: "3C:22:FB:10:20:0B", name: "iPad" };

  for (const [i, d] of [...devices, lost, ipad].entries()) {
    const blocked = d === lost;
    await client.query(
      `INSERT INTO "devices" ("id","userId","mac","name","macAuth","blocked","blockedAt","lastSeenAt","createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, false, $4, $5, $6, $7) ON CONFLICT ("userId","mac") DO NOTHING`,
      [userId, d.mac, d.name, blocked, blocked ? at(3 * DAY) : null, at((i + 1) * HOUR), at(30 * DAY)],
    );
  }
  // online on exactly `limit` devices, the oldest since this morning
  for (const [i, d] of devices.entries()) {
    const started = at((devices.length - i) * 2 * HOUR);
    const session = `demo-${randomUUID().slice(0, 8)}`;
    await client.query(
      `INSERT INTO "radius_sessions" ("id","acctUniqueId","acctSessionId","userId","username","nasIp","framedIp","mac","state","startedAt","lastUpdateAt","speedMode")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8, $9, 'HIGH_SPEED')`,
      [`u-${DEVICE_DEMO.nasIp}-${session}`, session, userId, DEVICE_DEMO.student, DEVICE_DEMO.nasIp, `10.21.3.${10 + i}`, d.mac, started, at(5 * MINUTE)],
    );
  }
  // yesterday: the iPad was signed out by the device limit
  await client.query(
    `INSERT INTO "notifications" ("userId","kind","dedupeKey","data","createdAt") VALUES ($1, 'DEVICE_LIMIT', $2, $3::jsonb, $4)
     ON CONFLICT ("userId","dedupeKey") DO NOTHING`,
    [userId, `devicelimit:demo-${userId}`, JSON.stringify({ mac: ipad.mac, deviceName: ipad.name, limit, newMac: devices[0]!.mac }), at(DAY + 3 * HOUR)],
  );
  const rejections: [string, string | null, number][] = [
    ["BAD_CREDENTIALS", devices[1]!.mac, 2 * DAY + 40 * MINUTE],
    ["LOCKED", devices[1]!.mac, 2 * DAY + 38 * MINUTE],
    ["DEVICE_BLOCKED", lost.mac, 3 * DAY - 2 * HOUR],
  ];
  for (const [reason, mac, ago] of rejections) {
    await client.query(`INSERT INTO "radius_rejections" ("userId","username","reason","mac","nasIp","at") VALUES ($1, $2, $3, $4, $5, $6)`, [
      userId,
      DEVICE_DEMO.student,
      reason,
      mac,
      DEVICE_DEMO.nasIp,
      at(ago),
    ]);
  }
}
