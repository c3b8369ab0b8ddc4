// The demo campus's guest passes (访客码, modules/guest), seeded inside seedDemoCampus's
// transaction: 张三 (2023010001) has a live pass for a visiting cousin, issued an hour and a
// half ago, with a visitor online on it and some data used; and an ended pass from last week.
// The live pass's login is guest-HAPPY2 with PIN 246810 (development only).
import type pg from "pg";
import { MiB } from "@/lib/units";
import { hashNetworkPassword } from "@/modules/network/password";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const GUEST_DEMO = { student: "2023010001", code: "HAPPY2", pin: "246810", nasIp: "10.20.0.1" } as const;

export async function seedGuestDemo(client: pg.Client, ctx: { now: Date; userIds: Map<string, string> }): Promise<void> {
  const userId = ctx.userIds.get(GUEST_DEMO.student);
  if (!userId) throw new Error(`demo guests: no ${GUEST_DEMO.student}`);
  const at = (ms: number) => new Date(ctx.now.getTime() - ms);
  const { rows } = await client.query<{ h: number; b: string }>(
    `SELECT "guestPassMaxHours" AS h, "guestPassMaxBytes"::text AS b FROM "service_policy" WHERE "id" = 1`,
  );
  const maxHours = rows[0]?.h ?? 6;
  const maxBytes = BigInt(rows[0]?.b ?? String(2048n * MiB));

  const live = { code: GUEST_DEMO.code, label: "表妹", created: at(90 * MINUTE), hours: Math.min(4, maxHours), used: 350n * MiB };
  const past = { code: "WK3RT9", label: "高中同学", created: at(6 * DAY + 3 * HOUR), hours: Math.min(3, maxHours), used: 820n * MiB };
  for (const p of [live, past]) {
    const { rows: ins } = await client.query<{ id: string }>(
      `INSERT INTO "guest_passes" ("id","code","issuerId","label","pinHash","maxBytes","usedBytes","expiresAt","createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ("code") DO NOTHING RETURNING "id"`,
      [p.code, userId, p.label, await hashNetworkPassword(GUEST_DEMO.pin), maxBytes, p.used, new Date(p.created.getTime() + p.hours * HOUR), p.created],
    );
    const passId = ins[0]?.id;
    if (!passId) continue;
    const mac = p === live ? "5C:E9:1E:44:10:01" : "5C:E9:1E:44:10:02";
    const started = new Date(p.created.getTime() + 5 * MINUTE);
    const session = `demo-guest-${p.code}`;
    await client.query(
      `INSERT INTO "radius_sessions" ("id","acctUniqueId","acctSessionId","userId","username","nasIp","framedIp","mac","state","inputOctets","outputOctets",
                                      "startedAt","lastUpdateAt","stoppedAt","terminateCause","speedMode","guestPassId")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8::"SessionState", $9, $10, $11, $12, $13, $14, 'HIGH_SPEED', $15)`,
      [
        `u-${GUEST_DEMO.nasIp}-${session}`,
        session,
        userId,
        `guest-${p.code}`,
        GUEST_DEMO.nasIp,
        p === live ? "10.21.9.40" : "10.21.9.41",
        mac,
        p === live ? "ACTIVE" : "STOPPED",
        p.used / 10n,
        p.used - p.used / 10n,
        started,
        p === live ? at(4 * MINUTE) : new Date(p.created.getTime() + p.hours * HOUR),
        p === live ? null : new Date(p.created.getTime() + p.hours * HOUR),
        p === live ? null : "Session-Timeout",
        passId,
      ],
    );
  }
}
