import { describe, expect, it } from "vitest";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { dayDate, monthKey } from "@/lib/time";
import { GiB, MiB } from "@/lib/units";
import { createUser, giveHolding } from "@/dev/factory";
import { listNotifications } from "@/modules/notifications/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { acctAttrs, callRadius, radiusClockHooks, randomMac, uniqueLoopback, uniqueSession } from "./test-helpers";

// A fixed instant in the middle of a Shanghai month and day: packets carry times before it.
const NOW = new Date("2026-11-16T04:00:00Z");
const now = () => clockNow();
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

async function quota(userId: string) {
  return db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId, month: monthKey(now()) } } });
}
async function daily(userId: string) {
  return db().dailyUsage.findUnique({ where: { userId_day: { userId, day: dayDate(now()) } } });
}
async function send(a: Parameters<typeof acctAttrs>[0]) {
  const r = await callRadius("accounting", acctAttrs(a));
  expect(r.status).toBe(204);
  return r;
}

radiusClockHooks(NOW);

describe("RADIUS accounting", () => {
  it("records Start / Interim-Update / Stop as the student's usage: sessions, days, devices, quota", async () => {
    const u = await createUser(db());
    const mac = randomMac();
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    await send({ status: "Start", user: u.studentNo, session, nasIp, mac, ip: "10.20.30.40" });
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, mac, input: 1000n, output: 5000n });
    await send({ status: "Stop", user: u.studentNo, session, nasIp, mac, input: 1500n, output: 9000n, cause: "User-Request" });

    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
    expect(s).toMatchObject({
      userId: u.id,
      state: "STOPPED",
      inputOctets: 1500n,
      outputOctets: 9000n,
      mac,
      framedIp: "10.20.30.40",
      terminateCause: "User-Request",
      unknownUser: false,
      speedMode: "HIGH_SPEED",
    });
    expect(await daily(u.id)).toMatchObject({ uploadBytes: 1500n, downloadBytes: 9000n });
    const dev = await db().deviceDailyUsage.findUniqueOrThrow({ where: { userId_mac_day: { userId: u.id, mac, day: dayDate(now()) } } });
    expect(dev).toMatchObject({ uploadBytes: 1500n, downloadBytes: 9000n });
    expect((await quota(u.id)).freeUsedBytes).toBe(10500n);
    // the device the session came from is listed under the student's devices
    expect(await db().device.findUnique({ where: { userId_mac: { userId: u.id, mac } }, select: { macAuth: true, name: true } })).toEqual({
      macAuth: false,
      name: "",
    });
  });

  it("charges duplicate, retransmitted and out-of-order packets exactly once", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const p = (status: string, input: bigint, output: bigint) => ({ status, user: u.studentNo, session, nasIp, input, output });
    await send(p("Start", 0n, 0n));
    await send(p("Interim-Update", 100n, 1000n));
    await send(p("Interim-Update", 100n, 1000n)); // retransmission
    await send(p("Interim-Update", 300n, 3000n));
    await send(p("Interim-Update", 200n, 2000n)); // late, out of order
    await send(p("Start", 0n, 0n)); // a late Start resets nothing
    await send(p("Interim-Update", 300n, 3000n)); // duplicate
    await send(p("Stop", 400n, 4000n));
    await send(p("Stop", 400n, 4000n)); // retransmitted Stop
    await send(p("Interim-Update", 350n, 3500n)); // an Interim after the Stop
    expect(await daily(u.id)).toMatchObject({ uploadBytes: 400n, downloadBytes: 4000n });
    expect((await quota(u.id)).freeUsedBytes).toBe(4400n);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
    expect(s.state).toBe("STOPPED");
  });

  it("counts totals past 4 GiB and across the 32-bit wrap (gigawords)", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const base = 4294967000n;
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, input: 10n, output: base, at: ago(600) });
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, input: 10n, output: (1n << 32n) + 200n, at: ago(300) });
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, input: 10n, output: 6n * GiB + 7n, at: ago(0) });
    expect(await daily(u.id)).toMatchObject({ uploadBytes: 10n, downloadBytes: 6n * GiB + 7n });
    expect((await quota(u.id)).freeUsedBytes).toBe(6n * GiB + 17n);
  });

  it("Accounting-On closes that NAS's open sessions and no other NAS's", async () => {
    const u = await createUser(db());
    const nasA = uniqueLoopback();
    const nasB = uniqueLoopback();
    const [s1, s2, s3] = [uniqueSession(), uniqueSession(), uniqueSession()];
    await send({ status: "Start", user: u.studentNo, session: s1, nasIp: nasA });
    await send({ status: "Start", user: u.studentNo, session: s2, nasIp: nasA });
    await send({ status: "Start", user: u.studentNo, session: s3, nasIp: nasB });
    expect((await callRadius("accounting", { "Acct-Status-Type": "Accounting-On", "NAS-IP-Address": nasA })).status).toBe(204);
    const rows = await db().radiusSession.findMany({ where: { userId: u.id }, select: { nasIp: true, state: true, terminateCause: true } });
    expect(rows.filter((r) => r.nasIp === nasA).every((r) => r.state === "STOPPED" && r.terminateCause === "NAS-Reboot")).toBe(true);
    expect(rows.find((r) => r.nasIp === nasB)?.state).toBe("ACTIVE");
    // a Stop arriving after the reboot still charges what it adds
    await send({ status: "Stop", user: u.studentNo, session: s1, nasIp: nasA, input: 5n, output: 6n });
    expect((await quota(u.id)).freeUsedBytes).toBe(11n);
    expect((await callRadius("accounting", { "Acct-Status-Type": "Accounting-Off", "NAS-IP-Address": nasB })).status).toBe(204);
    expect((await db().radiusSession.findFirstOrThrow({ where: { userId: u.id, nasIp: nasB } })).state).toBe("STOPPED");
  });

  it("never loses bytes when 50 packets for one student arrive at once", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const sessions = Array.from({ length: 10 }, () => uniqueSession());
    const packets: Parameters<typeof acctAttrs>[0][] = [];
    for (const [i, session] of sessions.entries()) {
      for (let k = 1; k <= 5; k++) {
        packets.push({
          status: k === 1 ? "Start" : k === 5 ? "Stop" : "Interim-Update",
          user: u.studentNo,
          session,
          nasIp,
          mac: i % 2 ? randomMac() : undefined,
          input: BigInt(k * 1000 + i),
          output: BigInt(k * 100_000 + i),
        });
      }
    }
    // shuffled, and a few sent twice
    const stream = [...packets, ...packets.slice(0, 7)].sort(() => Math.random() - 0.5);
    const results = await Promise.all(stream.map((p) => callRadius("accounting", acctAttrs(p))));
    expect(results.every((r) => r.status === 204)).toBe(true);
    const expectedUp = sessions.reduce((a, _, i) => a + BigInt(5000 + i), 0n);
    const expectedDown = sessions.reduce((a, _, i) => a + BigInt(500_000 + i), 0n);
    expect(await daily(u.id)).toMatchObject({ uploadBytes: expectedUp, downloadBytes: expectedDown });
    expect((await quota(u.id)).freeUsedBytes).toBe(expectedUp + expectedDown);
    expect(await db().radiusSession.count({ where: { userId: u.id, state: "STOPPED" } })).toBe(10);
  });

  it("draws the free quota first, then the package, and records alerts at 80 % and 100 % once", async () => {
    const u = await createUser(db());
    const month = monthKey(now());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, month, 1000n));
    const holding = await giveHolding(db(), u.id, "P5");
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const grant = 1000n + 8n * GiB;
    const at80 = (grant * 80n) / 100n;
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: 600n, at: ago(1200) });
    expect((await quota(u.id)).freeUsedBytes).toBe(600n);
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: at80 + 10n, at: ago(900) });
    expect((await quota(u.id)).freeUsedBytes).toBe(1000n);
    expect((await db().packageHolding.findUniqueOrThrow({ where: { id: holding.id } })).usedBytes).toBe(at80 + 10n - 1000n);
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: at80 + 20n, at: ago(890) });
    const notes = await db().notification.findMany({ where: { userId: u.id }, select: { kind: true, dedupeKey: true } });
    expect(notes).toEqual([{ kind: "QUOTA_80", dedupeKey: `quota80:${month}` }]);
    expect((await quota(u.id)).alert80At).not.toBeNull();

    // used up: the package is closed, the rest is throttled traffic (counted, not drawn)
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: grant + 5n * GiB, at: ago(600) });
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: grant + 6n * GiB, at: ago(300) });
    const h = await db().packageHolding.findUniqueOrThrow({ where: { id: holding.id } });
    expect(h).toMatchObject({ usedBytes: 8n * GiB, state: "USED_UP" });
    const all = await db().notification.findMany({ where: { userId: u.id }, select: { kind: true }, orderBy: { id: "asc" } });
    expect(all.map((n) => n.kind)).toEqual(["QUOTA_80", "QUOTA_100"]);
    expect((await daily(u.id))?.downloadBytes).toBe(grant + 6n * GiB);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
    expect(s.outputOctets).toBe(grant + 6n * GiB);
  });

  it("records and flags accounting for an unknown user without charging anyone", async () => {
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    await send({ status: "Start", user: "no-such-student-x", session, nasIp });
    await send({ status: "Interim-Update", user: "no-such-student-x", session, nasIp, input: 10n, output: 20n });
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
    expect(s).toMatchObject({ userId: null, unknownUser: true, username: "no-such-student-x", inputOctets: 10n, outputOctets: 20n });
  });

  it("acknowledges a packet whose user name carries a NUL (PostgreSQL text cannot hold it) as an unknown user", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const r = await callRadius("accounting", acctAttrs({ status: "Interim-Update", user: `${u.studentNo}\u0000`, session, nasIp }));
    expect(r.status).toBe(204);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
    expect(s).toMatchObject({ userId: null, unknownUser: true, username: `${u.studentNo}\uFFFD` });
    // the endpoint still works for the next packet
    await send({ status: "Start", user: u.studentNo, session: uniqueSession(), nasIp });
  });

  it("acknowledges an impossible packet once, charges nothing, and charges the next sane packet from the last good totals", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const acctUniqueId = `u-${nasIp}-${session}`;
    const p = (status: string, output: bigint, at: Date) => ({ status, user: u.studentNo, session, nasIp, output, at });
    await send(p("Start", 0n, ago(900)));
    await send(p("Interim-Update", 100n * MiB, ago(600)));
    const garbage = p("Interim-Update", 1_000_000n << 32n, ago(300));
    await send(garbage);
    await send(garbage); // retransmitted: acknowledged, recorded once
    expect(await db().radiusAnomaly.findMany({ where: { acctUniqueId }, select: { kind: true, userId: true, claimedBytes: true } })).toEqual([
      { kind: "IMPOSSIBLE_DELTA", userId: u.id, claimedBytes: (1_000_000n << 32n) - 100n * MiB },
    ]);
    expect((await quota(u.id)).freeUsedBytes).toBe(100n * MiB);
    // the next packet carries on from the good totals: charged, the anomaly stays the only one
    await send(p("Stop", 300n * MiB, ago(0)));
    expect((await quota(u.id)).freeUsedBytes).toBe(300n * MiB);
    expect(await daily(u.id)).toMatchObject({ downloadBytes: 300n * MiB });
    expect(await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId } })).toMatchObject({
      state: "STOPPED",
      outputOctets: 300n * MiB,
      lastUpdateAt: ago(0),
    });
    expect(await db().radiusAnomaly.count({ where: { acctUniqueId } })).toBe(1);
  });

  it("takes a NAS's jumped counter as the new base once the next packet carries on from it", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    const acctUniqueId = `u-${nasIp}-${session}`;
    const jumped = 5_000n << 32n; // ≈ 21 TB: the counter jumped, nobody moved that
    const p = (output: bigint, at: Date) => ({ status: "Interim-Update", user: u.studentNo, session, nasIp, output, sessionTime: 60, at });
    await send(p(10n * MiB, ago(900)));
    await send(p(jumped, ago(600)));
    expect((await quota(u.id)).freeUsedBytes).toBe(10n * MiB);
    await send(p(jumped + 50n * MiB, ago(300))); // carries on at a possible pace
    await send(p(jumped + 80n * MiB, ago(0)));
    expect((await quota(u.id)).freeUsedBytes).toBe(10n * MiB + 80n * MiB);
    expect(await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId }, select: { outputOctets: true } })).toEqual({
      outputOctets: jumped + 80n * MiB,
    });
    const rows = await db().radiusAnomaly.findMany({ where: { acctUniqueId }, orderBy: { id: "asc" }, select: { kind: true, claimedBytes: true } });
    expect(rows).toEqual([
      { kind: "IMPOSSIBLE_DELTA", claimedBytes: jumped - 10n * MiB },
      { kind: "REBASED", claimedBytes: jumped - 10n * MiB },
    ]);
  });

  it("sends only the quota notice that is true: one crossing past 100 % is the 100 % notice alone", async () => {
    const u = await createUser(db());
    const month = monthKey(now());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, month, 100n * MiB));
    const nasIp = uniqueLoopback();
    const session = uniqueSession();
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: 10n * MiB, at: ago(600) });
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: 150n * MiB, at: ago(300) });
    const notes = await db().notification.findMany({ where: { userId: u.id }, select: { kind: true, data: true } });
    expect(notes).toEqual([{ kind: "QUOTA_100", data: { month, threshold: 100, grantedBytes: String(100n * MiB), usedBytes: String(100n * MiB) } }]);
    // and the 80 % notice never follows for that month
    await send({ status: "Interim-Update", user: u.studentNo, session, nasIp, output: 160n * MiB, at: ago(0) });
    expect(await db().notification.count({ where: { userId: u.id } })).toBe(1);

    // the 80 % notice, when it is the true one, carries the figures of that moment
    const v = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, v.id, month, 100n * MiB));
    const s2 = uniqueSession();
    await send({ status: "Interim-Update", user: v.studentNo, session: s2, nasIp, output: 85n * MiB, at: ago(300) });
    await send({ status: "Interim-Update", user: v.studentNo, session: s2, nasIp, output: 120n * MiB, at: ago(0) });
    const vNotes = await db().notification.findMany({ where: { userId: v.id }, orderBy: { id: "asc" }, select: { kind: true, data: true } });
    expect(vNotes).toEqual([
      { kind: "QUOTA_80", data: { month, threshold: 80, grantedBytes: String(100n * MiB), usedBytes: String(85n * MiB) } },
      { kind: "QUOTA_100", data: { month, threshold: 100, grantedBytes: String(100n * MiB), usedBytes: String(100n * MiB) } },
    ]);

    // an 80 % notice recorded by the old double crossing ("100 MB of 100 MB used") is not listed
    const w = await createUser(db());
    const data = (threshold: number) => ({ month, threshold, grantedBytes: String(100n * MiB), usedBytes: String(100n * MiB) });
    await db().notification.createMany({
      data: [
        { userId: w.id, kind: "QUOTA_80", dedupeKey: `quota80:${month}`, data: data(80) },
        { userId: w.id, kind: "QUOTA_100", dedupeKey: `quota100:${month}`, data: data(100) },
      ],
    });
    expect((await listNotifications(w.id)).map((n) => n.kind)).toEqual(["QUOTA_100"]);
    expect((await listNotifications(v.id)).map((n) => n.kind).sort()).toEqual(["QUOTA_100", "QUOTA_80"]);
  });

  it("refuses callers without the shared secret, and malformed bodies", async () => {
    const attrs = acctAttrs({ status: "Start", user: "x", session: uniqueSession() });
    expect((await callRadius("accounting", attrs, { secret: null })).status).toBe(403);
    expect((await callRadius("accounting", attrs, { secret: "wrong-secret-0123456789" })).status).toBe(403);
    expect((await callRadius("accounting", { "User-Name": "x" })).status).toBe(400);
    expect((await callRadius("accounting", { "Acct-Status-Type": "Failed" })).status).toBe(204);
  });
});
