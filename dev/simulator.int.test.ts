// The demo traffic simulator against the app's real route handlers (dev/radius-route-server.ts) and a
// throwaway PostgreSQL: sessions and usage appear, quota draws down, a heavy streamer is
// throttled by a CoA the simulator ACKs, a Disconnect ends a session, a student's own network
// password is left alone, and stopping closes every session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { radiusSharedSecret } from "@/lib/env";
import { dayDate, monthKey } from "@/lib/time";
import { GiB } from "@/lib/units";
import { createUser } from "@/dev/factory";
import { disconnectSession, registerMacDevice, setNetworkPassword } from "@/modules/network/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { settleSpeedSyncs } from "@/modules/radius/coa.service";
import { overrideRadiusConfig } from "@/modules/radius/config";
import { startRouteServer, type RouteServer } from "./radius-route-server";
import { randomMac, uniqueLoopback } from "@/modules/radius/test-helpers";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./simulator";
import { now as clockNow } from "@/lib/clock";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: RouteServer;
let sim: RunningSimulator | null = null;

/** The simulator against this file's app and database on a NAS address of its own, fast ticks, quiet; `o` sets the rest. */
const simulate = (o: Partial<SimulatorOptions> & Pick<SimulatorOptions, "studentNos">) =>
  startSimulator({
    appUrl: app.url,
    databaseUrl: process.env.DATABASE_URL!,
    nasIp: uniqueLoopback(),
    coaPort: 0,
    radiusSecret: radiusSharedSecret()!,
    tickMs: 100,
    log: () => {},
    ...o,
  });

beforeAll(async () => {
  // The simulator compresses time (60×) and its heavy streamer moves GiBs a second: far more
  // than the 100 Mbit/s profile could carry, so the app must not take it as impossible (decision 008).
  overrideRadiusConfig({ acctRateMargin: 10_000 });
  app = await startRouteServer();
});

afterAll(async () => {
  await sim?.stop("test over");
  await settleSpeedSyncs();
  await app?.close();
  overrideRadiusConfig();
});

// generous: the int tier runs files in parallel on 2 cores, and the simulator ticks on real time
async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(100);
  }
}

describe("demo traffic simulator", () => {
  // retry: once in about three fresh-clone CI runs one of the waits below ran out (40 s) on the
  // Disconnect → Stop step; not reproduced alone. Tracked in the issue notes until it is explained.
  it("drives sessions, usage, quota, CoA and Disconnect through the real endpoints, and stops cleanly", { retry: 1, timeout: 150_000 }, async () => {
    const month = monthKey(clockNow());
    const demo = await createUser(db(), { name: "演示学生" });
    const heavy = await createUser(db(), { name: "重度用户" });
    const casual = await createUser(db(), { name: "普通学生" });
    const own = await createUser(db(), { name: "自设密码" });
    // The heavy streamer has 6 GiB of high-speed data left: more than a gigaword, soon gone.
    await db().$transaction((tx) => ensureMonthlyQuota(tx, heavy.id, month, 6n * GiB));
    await setNetworkPassword(own.id, "MyOwnPassw0rd");
    const nasIp = uniqueLoopback();
    const logs: string[] = [];

    sim = await simulate({
      studentNos: [demo.studentNo, heavy.studentNo, casual.studentNo, own.studentNo],
      demoStudentNo: demo.studentNo,
      heavyStudentNos: [heavy.studentNo],
      nasIp,
      interimMs: 300,
      speedup: 60,
      sessionMinutes: { phone: 0.03, laptop: 0.03, tablet: 0.03 },
      heavyBytesPerSecond: 3 * 1024 ** 3,
      demoBytesPerSecond: 20 * 1024 ** 2,
      logEveryMs: 1000,
      log: (l) => logs.push(l),
    });
    expect(await db().nasClient.findUnique({ where: { ipAddress: nasIp }, select: { coaPort: true } })).toEqual({ coaPort: sim.coaPort });

    // The demo student is online, with usage on today's rollup.
    const demoSession = await until(() => db().radiusSession.findFirst({ where: { userId: demo.id, state: "ACTIVE", nasIp, outputOctets: { gt: 0n } } }));
    expect(demoSession.framedIp).toMatch(/^10\./);
    expect(demoSession.mac).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);

    // The heavy streamer crosses zero: quota used up, a CoA-Request ACKed by the simulator, session throttled.
    const coa = await until(() => db().coaRequest.findFirst({ where: { userId: heavy.id, kind: "COA", result: "ACK" } }));
    expect(coa.reason).toBeTruthy();
    await until(async () => sim!.stats().throttled.includes(heavy.studentNo));
    const heavySession = await until(() => db().radiusSession.findFirst({ where: { userId: heavy.id, speedMode: "THROTTLED" } }));
    const q = await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: heavy.id, month } } });
    expect(q.freeUsedBytes).toBe(q.freeBytes);
    // Counters past 4 GiB arrived as gigawords and were folded in.
    await until(async () => ((await db().radiusSession.findUniqueOrThrow({ where: { id: heavySession.id } })).outputOctets > 1n << 32n ? true : null));
    // the 100 % notice; an 80 % one only if an interim landed between 80 % and 100 % (then with its true figures)
    const alerts = await db().notification.findMany({ where: { userId: heavy.id }, select: { kind: true, data: true } });
    expect(alerts.map((a) => a.kind)).toContain("QUOTA_100");
    for (const a of alerts.filter((n) => n.kind === "QUOTA_80")) {
      const d = a.data as { usedBytes: string; grantedBytes: string };
      expect(BigInt(d.usedBytes)).toBeLessThan(BigInt(d.grantedBytes));
    }

    // "Take this device offline": the simulator ACKs the Disconnect-Request and sends the Stop.
    // A session that was ending by itself as the request came answers NAK: take another live one.
    let target = demoSession;
    let outcome = await disconnectSession(target.id, "test", { userId: demo.id });
    for (let tries = 0; outcome.result !== "ACK" && tries < 5; tries++) {
      target = await until(() => db().radiusSession.findFirst({ where: { userId: demo.id, state: "ACTIVE", nasIp, id: { not: target.id } } }));
      outcome = await disconnectSession(target.id, "test", { userId: demo.id });
    }
    expect(outcome.result).toBe("ACK");
    await until(async () => {
      const s = await db().radiusSession.findUniqueOrThrow({ where: { id: target.id } });
      return s.state === "STOPPED" && s.terminateCause === "Admin-Reset" ? s : null;
    });

    // Ordinary sessions start and stop by themselves.
    await until(() => db().radiusSession.findFirst({ where: { userId: casual.id, state: "STOPPED", nasIp, terminateCause: { not: "NAS-Reboot" } } }));
    const day = await db().dailyUsage.findUniqueOrThrow({ where: { userId_day: { userId: casual.id, day: dayDate(clockNow()) } } });
    expect(day.downloadBytes).toBeGreaterThan(0n);
    expect(await db().deviceDailyUsage.count({ where: { userId: casual.id } })).toBeGreaterThan(0);

    // A student's own password is never used, guessed or overwritten.
    expect(await db().radiusSession.count({ where: { userId: own.id } })).toBe(0);
    expect(await db().networkCredential.findUniqueOrThrow({ where: { userId: own.id }, select: { failedAttempts: true } })).toEqual({ failedAttempts: 0 });

    const stats = sim.stats();
    expect(stats.starts).toBeGreaterThan(2);
    expect(stats.interims).toBeGreaterThan(5);
    expect(stats.errors).toBe(0);
    expect(logs.some((l) => /sessions online/.test(l))).toBe(true);

    // Stopping sends a Stop for every live session: nothing stays open at this NAS.
    expect(await sim.stop("test")).toBe("test");
    sim = null;
    expect(await db().radiusSession.count({ where: { nasIp, state: "ACTIVE" } })).toBe(0);
  });

  it("goes through a real FreeRADIUS with radclient when asked to (SIMULATE_VIA=freeradius)", async () => {
    const month = monthKey(clockNow());
    const demo = await createUser(db());
    const heavy = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, heavy.id, month, 200n * 1024n ** 2n));
    const nasIp = "127.0.0.1"; // FreeRADIUS knows one client, 127.0.0.1: the packets' source
    const s = await simulate({
      via: "freeradius",
      studentNos: [demo.studentNo, heavy.studentNo],
      demoStudentNo: demo.studentNo,
      heavyStudentNos: [heavy.studentNo],
      nasIp,
      interimMs: 400,
      heavyBytesPerSecond: 400 * 1024 ** 2,
    });
    try {
      const session = await until(() => db().radiusSession.findFirst({ where: { userId: demo.id, state: "ACTIVE", outputOctets: { gt: 0n } } }));
      expect(session.acctUniqueId).toMatch(/^[0-9a-f]{32}$/); // FreeRADIUS's acct_unique, not ours
      await until(() => db().coaRequest.findFirst({ where: { userId: heavy.id, kind: "COA", result: "ACK" } }));
    } finally {
      await s.stop("test");
    }
    expect(await db().radiusSession.count({ where: { userId: { in: [demo.id, heavy.id] }, state: "ACTIVE" } })).toBe(0);
  }, 60_000);

  it("keeps a demo student with their own network password online through their MAC-sign-in device", async () => {
    const u = await createUser(db());
    await setNetworkPassword(u.id, "TheirOwnPassw0rd");
    const mac = randomMac();
    await registerMacDevice(u.id, mac, "宿舍电视");
    const s = await simulate({
      studentNos: [u.studentNo],
      demoStudentNo: u.studentNo,
      interimMs: 300,
    });
    try {
      const session = await until(() => db().radiusSession.findFirst({ where: { userId: u.id, state: "ACTIVE", outputOctets: { gt: 0n } } }));
      expect(session).toMatchObject({ mac, username: mac.replace(/:/g, "").toLowerCase() });
      expect(await db().networkCredential.findUniqueOrThrow({ where: { userId: u.id }, select: { failedAttempts: true } })).toEqual({ failedAttempts: 0 });
    } finally {
      await s.stop("test");
    }
  });

  it("stops by itself when the app goes away", async () => {
    const u = await createUser(db());
    const server = await startRouteServer();
    const s = await simulate({
      appUrl: server.url,
      studentNos: [u.studentNo],
      demoStudentNo: u.studentNo,
      interimMs: 200,
      appGoneMs: 1500,
    });
    await until(() => db().radiusSession.findFirst({ where: { userId: u.id, state: "ACTIVE" } }));
    await server.close();
    expect(await Promise.race([s.done, sleep(10_000).then(() => "still running")])).toMatch(/has not answered/);
  }, 30_000);

  it("refuses a wrong shared secret instead of hammering the app", async () => {
    const u = await createUser(db());
    await expect(simulate({ studentNos: [u.studentNo], radiusSecret: "not-the-secret-at-all" })).rejects.toThrow(/shared secret/);
  });
});
