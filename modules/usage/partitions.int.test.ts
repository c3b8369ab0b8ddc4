import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { createUser } from "@/dev/factory";
import { listSessions } from "@/modules/network/service";
import { acctAttrs, callRadius, radiusClockHooks, randomMac, uniqueLoopback, uniqueSession } from "@/modules/radius/test-helpers";
import { applyRetention, archiveStoppedSessions, ensureUsagePartitions, listUsagePartitions } from "./partitions.service";
import { getDailyUsage, getMonthlyUsage } from "./service";
import { retentionPolicy } from "./retention";

/** Shanghai wall-clock time → instant */
const sh = (local: string) => new Date(`${local}+08:00`);

async function send(a: Parameters<typeof acctAttrs>[0]) {
  const r = await callRadius("accounting", acctAttrs(a));
  expect(r.status).toBe(204);
}

/** Which partition each of a user's rows sits in. */
async function placed(table: "daily_usage" | "device_daily_usage", userId: string) {
  const rows = await db().$queryRawUnsafe<{ part: string; day: string }[]>(
    `SELECT tableoid::regclass::text AS part, to_char("day", 'YYYY-MM-DD') AS day FROM "${table}" WHERE "userId" = $1::uuid ORDER BY "day"`,
    userId,
  );
  return rows;
}
async function historyPlaced(where: string, arg: string) {
  return db().$queryRawUnsafe<{ part: string; acctUniqueId: string }[]>(
    `SELECT tableoid::regclass::text AS part, "acctUniqueId" FROM "radius_session_history" WHERE ${where} ORDER BY "startedAt"`,
    arg,
  );
}
async function insertHistory(userId: string, startedAt: Date) {
  const id = randomUUID();
  await db().$executeRaw`
    INSERT INTO "radius_session_history" ("id", "acctUniqueId", "acctSessionId", "userId", "username", "nasIp", "state", "inputOctets", "outputOctets", "startedAt", "lastUpdateAt", "stoppedAt")
    VALUES (${id}::uuid, ${`hist-${id}`}, 'S', ${userId}::uuid, 'x', '127.0.0.1', 'STOPPED', 1, 2, ${startedAt}, ${startedAt}, ${startedAt})`;
  return `hist-${id}`;
}

radiusClockHooks();

describe("usage history partitions (decision 014)", () => {
  it("puts a Shanghai day's usage in its month's partition: 23:59 on the last day vs 00:00 on the 1st", async () => {
    await ensureUsagePartitions(sh("2026-11-15T12:00:00"));
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const mac = randomMac();
    const late = uniqueSession();
    const midnight = uniqueSession();
    setClock(sh("2026-12-01T00:01:00"));
    await send({ status: "Start", user: u.studentNo, session: late, nasIp, mac, at: sh("2026-11-30T23:50:00") });
    await send({ status: "Interim-Update", user: u.studentNo, session: late, nasIp, mac, output: 1000n, at: sh("2026-11-30T23:59:00") });
    await send({ status: "Interim-Update", user: u.studentNo, session: late, nasIp, mac, output: 4000n, at: sh("2026-12-01T00:00:30") });
    await send({ status: "Start", user: u.studentNo, session: midnight, nasIp, mac, at: sh("2026-12-01T00:00:00") });
    await send({ status: "Stop", user: u.studentNo, session: midnight, nasIp, mac, output: 500n, at: sh("2026-12-01T00:00:50") });
    await send({ status: "Stop", user: u.studentNo, session: late, nasIp, mac, output: 4000n, at: sh("2026-12-01T00:00:55"), cause: "User-Request" });

    expect(await placed("daily_usage", u.id)).toEqual([
      { part: "daily_usage_2026_11", day: "2026-11-30" },
      { part: "daily_usage_2026_12", day: "2026-12-01" },
    ]);
    expect(await placed("device_daily_usage", u.id)).toEqual([
      { part: "device_daily_usage_2026_11", day: "2026-11-30" },
      { part: "device_daily_usage_2026_12", day: "2026-12-01" },
    ]);
    // the charts read across the partitions
    expect(await getDailyUsage(u.id, "2026-11", sh("2026-12-01T00:01:00"))).toContainEqual({ day: "2026-11-30", uploadBytes: 0n, downloadBytes: 1000n });
    expect((await getMonthlyUsage(u.id, 12, sh("2026-12-01T00:01:00"))).slice(-2)).toEqual([
      { month: "2026-11", uploadBytes: 0n, downloadBytes: 1000n },
      { month: "2026-12", uploadBytes: 0n, downloadBytes: 3500n },
    ]);

    // A day after their Stop both sessions leave the hot table for the history, by Shanghai start month.
    setClock(sh("2026-12-02T01:00:00"));
    const moved = await archiveStoppedSessions(sh("2026-12-02T01:00:00"), retentionPolicy({ archiveAfterHours: 24 }));
    expect(moved.moved).toBeGreaterThanOrEqual(2);
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(0);
    expect(await historyPlaced(`"userId" = $1::uuid`, u.id)).toEqual([
      { part: "radius_session_history_2026_11", acctUniqueId: `u-${nasIp}-${late}` },
      { part: "radius_session_history_2026_12", acctUniqueId: `u-${nasIp}-${midnight}` },
    ]);
    // 流量详情 still lists them, each in its billing month
    expect((await listSessions(u.id, { month: "2026-11" }, sh("2026-12-02T01:00:00"))).items.map((s) => [s.downloadBytes, s.state])).toEqual([
      [4000n, "STOPPED"],
    ]);
    expect((await listSessions(u.id, { month: "2026-12" }, sh("2026-12-02T01:00:00"))).total).toBe(1);

    // A late retransmission of a moved session's Stop starts nothing and charges nothing.
    await send({ status: "Stop", user: u.studentNo, session: late, nasIp, mac, output: 4000n, at: sh("2026-12-01T00:00:55"), cause: "User-Request" });
    await send({ status: "Interim-Update", user: u.studentNo, session: midnight, nasIp, mac, output: 900n, at: sh("2026-12-01T00:00:45") });
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(0);
    expect((await getMonthlyUsage(u.id, 2, sh("2026-12-02T01:00:00"))).map((m) => m.downloadBytes)).toEqual([1000n, 3500n]);
  });

  it("pages 流量详情 across the hot table and the history, newest first", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    setClock(sh("2026-12-20T12:00:00"));
    // sessions starting on the 1st…5th; the first three stop early and move to the history
    for (const d of [1, 2, 3, 4, 5]) {
      const session = `p${d}-${uniqueSession()}`;
      await send({ status: "Start", user: u.studentNo, session, nasIp, at: sh(`2026-12-0${d}T08:00:00`) });
      if (d <= 3) await send({ status: "Stop", user: u.studentNo, session, nasIp, output: BigInt(d), at: sh(`2026-12-0${d}T09:00:00`) });
    }
    await archiveStoppedSessions(sh("2026-12-20T12:00:00"), retentionPolicy({ archiveAfterHours: 24 }));
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(2);
    const page = async (n: number) => listSessions(u.id, { month: "2026-12", page: n, pageSize: 2 }, sh("2026-12-20T12:00:00"));
    const pages = await Promise.all([page(1), page(2), page(3)]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.items.map((s) => s.startedAt.toISOString()))).toEqual([
      [sh("2026-12-05T08:00:00").toISOString(), sh("2026-12-04T08:00:00").toISOString()],
      [sh("2026-12-03T08:00:00").toISOString(), sh("2026-12-02T08:00:00").toISOString()],
      [sh("2026-12-01T08:00:00").toISOString()],
    ]);
  });

  it("leaves sessions stopped less than the policy's hours ago in the hot table", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    setClock(sh("2026-12-10T10:00:00"));
    await send({ status: "Start", user: u.studentNo, session, nasIp, at: sh("2026-12-10T09:00:00") });
    await send({ status: "Stop", user: u.studentNo, session, nasIp, output: 10n, at: sh("2026-12-10T09:30:00") });
    await archiveStoppedSessions(sh("2026-12-11T09:00:00"), retentionPolicy({ archiveAfterHours: 24 }));
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(1);
    await archiveStoppedSessions(sh("2026-12-11T09:31:00"), retentionPolicy({ archiveAfterHours: 24 }));
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(0);
  });

  it("makes partitions ahead idempotently, also from two callers at once", async () => {
    const at = sh("2041-06-30T23:59:00");
    const [a, b] = await Promise.all([ensureUsagePartitions(at), ensureUsagePartitions(at)]);
    const made = [...a.created, ...b.created].filter((n) => /_2041_(06|07|08|09)$/.test(n)).sort();
    expect(made).toEqual(
      ["daily_usage", "device_daily_usage", "radius_session_history"].flatMap((t) => ["06", "07", "08", "09"].map((m) => `${t}_2041_${m}`)).sort(),
    );
    expect((await ensureUsagePartitions(at)).created).toEqual([]);
    const names = (await listUsagePartitions()).map((p) => p.name);
    expect(names).toContain("daily_usage_2041_09");
    expect(names).not.toContain("daily_usage_2041_10");
  });

  it("moves rows out of a DEFAULT partition when their month's partition is made", async () => {
    const u = await createUser(db());
    await db().dailyUsage.create({ data: { userId: u.id, day: new Date("2037-03-31T00:00:00Z"), uploadBytes: 1n, downloadBytes: 2n } });
    await db().dailyUsage.create({ data: { userId: u.id, day: new Date("2037-04-01T00:00:00Z"), uploadBytes: 3n, downloadBytes: 4n } });
    expect((await placed("daily_usage", u.id)).map((r) => r.part)).toEqual(["daily_usage_default", "daily_usage_default"]);
    const r = await ensureUsagePartitions(sh("2037-04-01T00:00:00"));
    expect(r.created).toEqual(expect.arrayContaining(["daily_usage_2037_03", "daily_usage_2037_04"]));
    expect(r.movedFromDefault).toBeGreaterThanOrEqual(2);
    expect(await placed("daily_usage", u.id)).toEqual([
      { part: "daily_usage_2037_03", day: "2037-03-31" },
      { part: "daily_usage_2037_04", day: "2037-04-01" },
    ]);
    expect(await db().dailyUsage.count({ where: { userId: u.id } })).toBe(2);
  });

  it("retention drops only session detail older than the policy's months; daily rollups stay", async () => {
    const u = await createUser(db());
    const jan = await insertHistory(u.id, sh("2001-01-31T23:59:00"));
    const feb = await insertHistory(u.id, sh("2001-02-01T00:00:00"));
    await db().dailyUsage.create({ data: { userId: u.id, day: new Date("2001-01-31T00:00:00Z"), uploadBytes: 5n, downloadBytes: 6n } });
    await ensureUsagePartitions(sh("2001-03-10T12:00:00"));
    expect(await historyPlaced(`"userId" = $1::uuid`, u.id)).toEqual([
      { part: "radius_session_history_2001_01", acctUniqueId: jan },
      { part: "radius_session_history_2001_02", acctUniqueId: feb },
    ]);

    // 2002-02: January 2001 is still within 13 whole months
    expect((await applyRetention(sh("2002-02-28T23:59:00"))).dropped).not.toContain("radius_session_history_2001_01");
    // 2002-03: January 2001 has expired, February not yet
    const r = await applyRetention(sh("2002-03-01T00:00:00"));
    expect(r.dropped).toContain("radius_session_history_2001_01");
    expect(r.dropped.filter((n) => !n.startsWith("radius_session_history_"))).toEqual([]);
    expect(await historyPlaced(`"userId" = $1::uuid`, u.id)).toEqual([{ part: "radius_session_history_2001_02", acctUniqueId: feb }]);
    expect(await placed("daily_usage", u.id)).toEqual([{ part: "daily_usage_2001_01", day: "2001-01-31" }]);
    // running it again changes nothing
    expect((await applyRetention(sh("2002-03-01T00:00:00"))).dropped).toEqual([]);
  });

  it("detaches instead of dropping when the policy says so", async () => {
    const u = await createUser(db());
    await insertHistory(u.id, sh("1999-05-10T08:00:00"));
    await ensureUsagePartitions(sh("1999-06-01T00:00:00"));
    const r = await applyRetention(sh("2000-07-01T00:00:00"), retentionPolicy({ expired: "detach" }));
    expect(r.detached).toContain("radius_session_history_1999_05");
    expect((await listUsagePartitions()).map((p) => p.name)).not.toContain("radius_session_history_1999_05");
    const [kept] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "radius_session_history_1999_05"`);
    expect(kept!.n).toBe(1n);
    await db().$executeRawUnsafe(`DROP TABLE "radius_session_history_1999_05"`);
  });
});
