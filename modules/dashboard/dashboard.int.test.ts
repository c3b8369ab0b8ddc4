// "See the campus" (issue 12 item 3): the overview's figures for rows this test seeds, on a fixed
// clock 30 minutes after Shanghai midnight (16:30 UTC the day before), so Shanghai and UTC days
// differ. The days are in 2031, where no other test writes usage; live counts (online, throttled,
// unknown users) are compared before and after this test's own rows (other tests' rows stay).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser, giveHolding } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { acctAttrs, callRadius, radiusClockHooks, uniqueLoopback, uniqueSession } from "@/modules/radius/test-helpers";
import { liveFigures, nasHealth, packageSalesPerDay, rechargesPerDay, streamDashboardCsv, topUsers, trafficPerDay, trafficPerHourToday } from "./service";

// 2031-05-10 00:30 in Shanghai
const NOW = new Date("2031-05-09T16:30:00Z");
const min = (m: number) => new Date(NOW.getTime() + m * 60_000);
const day = (d: string) => new Date(`${d}T00:00:00Z`);

async function usage(userId: string, d: string, up: bigint, down: bigint) {
  await db().dailyUsage.upsert({
    where: { userId_day: { userId, day: day(d) } },
    create: { userId, day: day(d), uploadBytes: up, downloadBytes: down },
    update: { uploadBytes: up, downloadBytes: down },
  });
}

async function order(userId: string, channel: "WECHAT" | "ALIPAY" | "COUNTER", fen: bigint, at: Date, state: "CREDITED" | "CREATED" = "CREDITED") {
  await db().rechargeOrder.create({
    data: {
      orderNo: `D${randomUUID().replace(/-/g, "").slice(0, 20)}`,
      userId,
      createdById: userId,
      channel,
      amountFen: fen,
      state,
      expiresAt: at,
      createdAt: at,
      ...(state === "CREDITED" ? { paidAmountFen: fen, paidAt: at, creditedAt: at } : {}),
    },
  });
}

async function text(stream: ReadableStream<Uint8Array>) {
  // keep the BOM (Response.text() would drop it)
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

radiusClockHooks(NOW);

describe("campus dashboard", () => {
  it("traffic per Shanghai day: closed days kept once, yesterday and today live, the 30/180-day windows", async () => {
    const a = await createUser(db());
    const b = await createUser(db());
    await usage(a.id, "2031-05-10", 1000n, 2000n); // today (Shanghai), though UTC still says 05-09
    await usage(b.id, "2031-05-10", 500n, 500n);
    await usage(a.id, "2031-05-09", 3000n, 4000n); // yesterday
    await usage(a.id, "2031-05-01", 10n, 20n); // a closed day
    await usage(a.id, "2031-04-10", 1n, 1n); // 31 days back: in the 180-day window only

    const d30 = await trafficPerDay(30);
    expect(d30).toHaveLength(30);
    expect(d30[0]!.day).toBe("2031-04-11");
    expect(d30.at(-1)).toEqual({ day: "2031-05-10", uploadBytes: 1500n, downloadBytes: 2500n, activeUsers: 2 });
    expect(d30.at(-2)).toEqual({ day: "2031-05-09", uploadBytes: 3000n, downloadBytes: 4000n, activeUsers: 1 });
    expect(d30.find((d) => d.day === "2031-05-01")).toEqual({ day: "2031-05-01", uploadBytes: 10n, downloadBytes: 20n, activeUsers: 1 });
    expect(d30.find((d) => d.day === "2031-05-02")).toEqual({ day: "2031-05-02", uploadBytes: 0n, downloadBytes: 0n, activeUsers: 0 });
    // the closed day was kept; today is read live and moves
    expect(await db().campusDailyTraffic.findUnique({ where: { day: day("2031-05-01") }, select: { uploadBytes: true } })).toEqual({ uploadBytes: 10n });
    expect(await db().campusDailyTraffic.findUnique({ where: { day: day("2031-05-10") } })).toBeNull();
    await usage(b.id, "2031-05-10", 600n, 500n);
    expect((await trafficPerDay(30)).at(-1)!.uploadBytes).toBe(1600n);

    const d180 = await trafficPerDay(180);
    expect(d180).toHaveLength(180);
    expect(d180.find((d) => d.day === "2031-04-10")!.downloadBytes).toBe(1n);

    expect((await liveFigures()).activeToday).toBe(2);
  });

  it("traffic per Shanghai hour today comes from accounting (campus_hourly_usage)", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const before = await trafficPerHourToday();
    // 23:50 yesterday (Shanghai) and 00:20 today: the hour rows fall on either side of midnight
    for (const [status, output, at] of [
      ["Start", 0n, min(-40)],
      ["Interim-Update", 5000n, min(-35)],
      ["Interim-Update", 12_000n, min(-10)],
    ] as const) {
      const r = await callRadius("accounting", acctAttrs({ status, user: u.studentNo, session, nasIp, input: output / 10n, output, at }));
      expect(r.status).toBe(204);
    }
    const hours = await trafficPerHourToday();
    expect(hours).toHaveLength(24);
    expect(hours[0]!.downloadBytes - before[0]!.downloadBytes).toBe(7000n);
    expect(hours[0]!.uploadBytes - before[0]!.uploadBytes).toBe(700n);
    expect(hours.slice(1).every((h, i) => h.downloadBytes === before[i + 1]!.downloadBytes)).toBe(true);
    // the 23:xx bytes belong to yesterday's last hour, not to today
    const lastHourYesterday = await db().campusHourlyUsage.findUnique({ where: { hour: new Date("2031-05-09T15:00:00Z") } });
    expect(lastHourYesterday!.downloadBytes).toBeGreaterThanOrEqual(5000n);
  });

  it("online, throttled and unknown users now; NAS health with CoA failures of the last 24 hours", async () => {
    const before = await liveFigures();
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    await db().nasClient.create({ data: { name: `dash-${nasIp}`, ipAddress: nasIp, secret: "s3cret-dashboard" } });
    const live = await db().radiusSession.create({
      data: {
        acctUniqueId: `dash-${randomUUID()}`,
        acctSessionId: "d1",
        userId: u.id,
        username: u.studentNo,
        nasIp,
        startedAt: min(-20),
        lastUpdateAt: min(-5),
        speedMode: "THROTTLED",
      },
    });
    await db().radiusSession.create({
      data: {
        acctUniqueId: `dash-${randomUUID()}`,
        acctSessionId: "d2",
        userId: u.id,
        username: u.studentNo,
        nasIp,
        startedAt: min(-15),
        lastUpdateAt: min(-2),
      },
    });
    await db().radiusSession.create({
      data: {
        acctUniqueId: `dash-${randomUUID()}`,
        acctSessionId: "d3",
        username: `nobody-${randomUUID().slice(0, 8)}`,
        nasIp,
        unknownUser: true,
        startedAt: min(-3),
        lastUpdateAt: min(-1),
      },
    });
    await db().coaRequest.createMany({
      data: [
        { sessionId: live.id, userId: u.id, kind: "COA", reason: "test", result: "ACK", sentAt: min(-60) },
        { sessionId: live.id, userId: u.id, kind: "COA", reason: "test", result: "TIMEOUT", sentAt: min(-50) },
        { sessionId: live.id, userId: u.id, kind: "DISCONNECT", reason: "test", result: "NAK", sentAt: min(-25 * 60) },
      ],
    });
    const after = await liveFigures();
    expect(after.onlineNow - before.onlineNow).toBe(1);
    expect(after.sessionsNow - before.sessionsNow).toBe(2);
    expect(after.throttledNow - before.throttledNow).toBe(1);
    expect(after.unknownRadiusUsers - before.unknownRadiusUsers).toBe(1);

    const nas = (await nasHealth()).find((n) => n.ipAddress === nasIp);
    // the unknown user's session is accounting from this NAS too
    expect(nas).toEqual({ name: `dash-${nasIp}`, ipAddress: nasIp, lastAccountingAt: min(-1), liveSessions: 3, coaSent: 2, coaFailed: 1 });
  });

  it("recharges by Shanghai day and channel, package sales by day and package", async () => {
    const u = await createUser(db());
    await order(u.id, "WECHAT", 1000n, min(-20)); // 00:10 today
    await order(u.id, "WECHAT", 500n, min(-10));
    await order(u.id, "ALIPAY", 2000n, min(-40)); // 23:50 yesterday
    await order(u.id, "COUNTER", 9900n, min(-5), "CREATED"); // not paid: not counted
    const r = await rechargesPerDay();
    expect(r.filter((x) => x.day === "2031-05-10")).toEqual([{ day: "2031-05-10", channel: "WECHAT", orders: 2, amountFen: 1500n }]);
    expect(r.filter((x) => x.day === "2031-05-09")).toEqual([{ day: "2031-05-09", channel: "ALIPAY", orders: 1, amountFen: 2000n }]);

    await giveHolding(db(), u.id, "P10", { at: min(-15) });
    await giveHolding(db(), (await createUser(db())).id, "P10", { at: min(-45) });
    const s = await packageSalesPerDay();
    const today = s.filter((x) => x.day === "2031-05-10");
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ packageCode: "P10", sold: 1 });
    expect(s.filter((x) => x.day === "2031-05-09")[0]).toMatchObject({ packageCode: "P10", sold: 1 });
    expect(today[0]!.amountFen).toBeGreaterThan(0n);
  });

  it("top users this month: names, so the read is audited; every table exports as streamed CSV, audited", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    const big = await createUser(db());
    const small = await createUser(db());
    await usage(big.id, "2031-05-03", 9_000_000_000n, 1n);
    await usage(big.id, "2031-05-10", 1n, 1n);
    await usage(small.id, "2031-05-04", 8_000_000_000n, 0n);
    await usage(small.id, "2031-04-30", 5_000_000_000n, 0n); // last month: not counted

    const top = await topUsers(staff);
    expect(top.month).toBe("2031-05");
    expect(top.users.slice(0, 2)).toEqual([
      { studentNo: big.studentNo, name: big.name, totalBytes: 9_000_000_003n },
      { studentNo: small.studentNo, name: small.name, totalBytes: 8_000_000_000n },
    ]);
    const read = await db().auditLog.findFirst({ where: { actorId: staff.id, action: "staff.read.dashboard" }, select: { data: true } });
    expect(read?.data).toMatchObject({ table: "top-users", month: "2031-05" });

    const csv = await text(await streamDashboardCsv("top-users", 30, staff));
    expect(csv.startsWith("\uFEFFmonth,rank,student_no,name,total_bytes\r\n")).toBe(true);
    expect(csv).toContain(`2031-05,1,${big.studentNo},${big.name},9000000003\r\n`);
    const daily = await text(await streamDashboardCsv("traffic-daily", 180, staff));
    expect(daily.split("\r\n").filter(Boolean)).toHaveLength(181);
    expect(daily).toContain("2031-05-03,");
    const hourly = await text(await streamDashboardCsv("traffic-hourly", 30, staff));
    expect(hourly.split("\r\n")[1]).toMatch(/^2031-05-10,0,/);
    const exports = await db().auditLog.findMany({ where: { actorId: staff.id, action: "export.csv" }, select: { data: true }, orderBy: { id: "asc" } });
    expect(exports.map((e) => e.data)).toEqual([
      { export: "dashboard.top-users" },
      { export: "dashboard.traffic-daily", days: 180 },
      { export: "dashboard.traffic-hourly" },
    ]);
    expect(clockNow()).toEqual(NOW);
  });
});
