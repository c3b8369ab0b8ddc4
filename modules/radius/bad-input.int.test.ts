// The network's bad input, through the real FreeRADIUS (deploy/freeradius/) and radclient:
// impossible accounting totals are acknowledged, recorded for staff and never charged
// (decision 008); text that is not ASCII survives both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now as clockNow, resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { radiusSharedSecret } from "@/lib/env";
import { dayDate, monthKey } from "@/lib/time";
import { createUser } from "@/dev/factory";
import { radclient as sendRadclient, startFreeradius, type RunningFreeradius } from "@/deploy/freeradius/test-server";
import { setNetworkPassword } from "@/modules/network/service";
import { getPolicy, speedStateIn } from "@/modules/quota/service";
import { settleSpeedSyncs } from "./coa.service";
import { radiusConfig } from "./config";
import { startRouteServer, type RouteServer } from "@/dev/radius-route-server";
import { deltaBound } from "./usage-bound";
import { uniqueLoopback, uniqueSession } from "./test-helpers";

const GW = 1n << 32n;
// A fixed instant mid-month and mid-day in Shanghai; packets carry Event-Timestamps before it.
const NOW = new Date("2026-11-16T04:00:00Z");
const ago = (seconds: number) => Math.floor(NOW.getTime() / 1000) - seconds;

let app: RouteServer;
let radiusd: RunningFreeradius;
const radclient = (kind: "auth" | "acct", attrs: Record<string, string | number>) => sendRadclient(radiusd, kind, attrs);

beforeAll(async () => {
  setClock(NOW);
  app = await startRouteServer();
  radiusd = await startFreeradius({ appUrl: app.url, appSecret: radiusSharedSecret()!, clientSecret: "bad-input-radclient-secret" });
}, 60_000);

afterAll(async () => {
  await settleSpeedSyncs();
  await radiusd?.stop();
  await app?.close();
  resetClock();
});

/** Accounting attributes of one session at one NAS. */
function session(user: string, nasIp = uniqueLoopback()) {
  const sessionId = uniqueSession();
  return (status: string, at: number, extra: Record<string, string | number> = {}) =>
    radclient("acct", {
      "User-Name": user,
      "Acct-Session-Id": sessionId,
      "NAS-IP-Address": nasIp,
      "Acct-Status-Type": status,
      "Event-Timestamp": at,
      ...extra,
    });
}

const usage = async (userId: string) => {
  const day = await db().dailyUsage.findUnique({ where: { userId_day: { userId, day: dayDate(clockNow()) } } });
  const q = await db().monthlyQuota.findUnique({ where: { userId_month: { userId, month: monthKey(clockNow()) } } });
  return { up: day?.uploadBytes ?? 0n, down: day?.downloadBytes ?? 0n, freeUsed: q?.freeUsedBytes ?? 0n };
};
const anomalies = (userId: string) =>
  db().radiusAnomaly.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: { kind: true, claimedBytes: true, boundBytes: true, username: true, nasIp: true, detail: true },
  });

describe("impossible accounting through FreeRADIUS", () => {
  it("acknowledges an Interim-Update with 4294967295 gigawords (beyond any counter), records it, and charges the next packet", async () => {
    const u = await createUser(db());
    const acct = session(u.studentNo);
    expect((await acct("Start", ago(600))).code).toBe("Accounting-Response");
    const r = await acct("Interim-Update", ago(300), { "Acct-Input-Gigawords": 4294967295, "Acct-Input-Octets": 7, "Acct-Output-Octets": 1000 });
    expect(r.code, r.raw).toBe("Accounting-Response"); // answered: the NAS stops retransmitting
    expect(await usage(u.id)).toEqual({ up: 0n, down: 0n, freeUsed: 0n });
    const [a, ...more] = await anomalies(u.id);
    expect(more).toEqual([]);
    expect(a).toMatchObject({ kind: "COUNTER_OVERFLOW", username: u.studentNo, claimedBytes: (1n << 63n) - 1n });
    expect(a!.detail).toMatchObject({ input: String(4294967295n * GW + 7n), output: "1000", status: "Interim-Update" });
    // the session keeps its last good totals; the next ordinary packet is charged from them
    expect((await acct("Interim-Update", ago(0), { "Acct-Input-Octets": 2_000, "Acct-Output-Octets": 30_000 })).code).toBe("Accounting-Response");
    expect(await usage(u.id)).toEqual({ up: 2_000n, down: 30_000n, freeUsed: 32_000n });
  });

  it("does not charge 2147483647 gigawords, and the student's ordinary packets that day are charged normally", async () => {
    const u = await createUser(db());
    const acct = session(u.studentNo);
    expect((await acct("Start", ago(900))).code).toBe("Accounting-Response");
    expect((await acct("Interim-Update", ago(600), { "Acct-Output-Gigawords": 2147483647, "Acct-Output-Octets": 0 })).code).toBe("Accounting-Response");
    expect(await usage(u.id)).toEqual({ up: 0n, down: 0n, freeUsed: 0n });
    expect((await anomalies(u.id)).map((a) => [a.kind, a.claimedBytes])).toEqual([["IMPOSSIBLE_DELTA", 2147483647n * GW]]);
    // later the same day: the same session and another one, both ordinary
    expect((await acct("Interim-Update", ago(300), { "Acct-Output-Octets": 40_000_000, "Acct-Input-Octets": 1_000_000 })).code).toBe("Accounting-Response");
    const other = session(u.studentNo);
    expect((await other("Start", ago(200))).code).toBe("Accounting-Response");
    expect((await other("Stop", ago(0), { "Acct-Output-Octets": 5_000_000, "Acct-Input-Octets": 500_000, "Acct-Terminate-Cause": "User-Request" })).code).toBe(
      "Accounting-Response",
    );
    expect(await usage(u.id)).toEqual({ up: 1_500_000n, down: 45_000_000n, freeUsed: 46_500_000n });
    expect(await db().radiusAnomaly.count({ where: { userId: u.id } })).toBe(1);
  });

  it("does not charge or throttle for 1,000,000 gigawords within 300 s, and records an anomaly for staff", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const acct = session(u.studentNo, nasIp);
    expect((await acct("Start", ago(300))).code).toBe("Accounting-Response");
    const r = await acct("Interim-Update", ago(0), { "Acct-Output-Gigawords": 1_000_000, "Acct-Output-Octets": 0, "Acct-Session-Time": 300 });
    expect(r.code).toBe("Accounting-Response");
    expect(await usage(u.id)).toEqual({ up: 0n, down: 0n, freeUsed: 0n });
    expect((await speedStateIn(db(), u.id, clockNow())).speedMode).toBe("HIGH_SPEED");
    expect(await db().radiusSession.findFirstOrThrow({ where: { userId: u.id } })).toMatchObject({
      outputOctets: 0n,
      speedMode: "HIGH_SPEED",
      state: "ACTIVE",
    });
    await settleSpeedSyncs();
    expect(await db().coaRequest.count({ where: { userId: u.id } })).toBe(0);
    // the policy's fastest rate (100 Mbit/s by default) × 4 × 300 s + slack, per direction, both ways
    const policy = await getPolicy();
    const bound = deltaBound(Math.max(policy.highSpeedDownKbps, policy.highSpeedUpKbps), 300, radiusConfig().acctRateMargin);
    expect(await anomalies(u.id)).toEqual([
      expect.objectContaining({ kind: "IMPOSSIBLE_DELTA", claimedBytes: 1_000_000n * GW, boundBytes: 2n * bound, username: u.studentNo, nasIp }),
    ]);
    // the next authorize still grants high speed
    await setNetworkPassword(u.id, "BadInput2026");
    const auth = await radclient("auth", { "User-Name": u.studentNo, "User-Password": "BadInput2026", "NAS-IP-Address": nasIp });
    expect(auth.code).toBe("Access-Accept");
    expect(auth.attrs["Mikrotik-Rate-Limit"]).toEqual(["50M/100M"]);
  });
});

describe("text that is not ASCII through FreeRADIUS", () => {
  it("decodes Chinese user names and NAS identifiers that rlm_rest sends byte by byte", async () => {
    const name = `网络测试-${uniqueSession().slice(0, 6)}`;
    const nasIp = uniqueLoopback();
    const sessionId = uniqueSession();
    const r = await radclient("acct", {
      "User-Name": name,
      "Acct-Session-Id": sessionId,
      "NAS-IP-Address": nasIp,
      "NAS-Identifier": "图书馆三楼-AP",
      "Acct-Status-Type": "Start",
      "Event-Timestamp": ago(10),
    });
    expect(r.code).toBe("Accounting-Response");
    const s = await db().radiusSession.findFirstOrThrow({ where: { nasIp, acctSessionId: sessionId } });
    expect(s).toMatchObject({ username: name, nasIdentifier: "图书馆三楼-AP", unknownUser: true });
  });

  it("sends the Chinese Reply-Message of a reject intact", async () => {
    const u = await createUser(db());
    await setNetworkPassword(u.id, "BadInput2026");
    const bad = await radclient("auth", { "User-Name": u.studentNo, "User-Password": "wrong-password-1", "NAS-IP-Address": uniqueLoopback() });
    expect(bad.code).toBe("Access-Reject");
    expect(bad.attrs["Reply-Message"]).toEqual(["用户名或上网密码错误。", "Wrong user name or network password."]);
    // and a Chinese user name that is nobody's gets the same answer, not an error
    const nobody = await radclient("auth", { "User-Name": "张三", "User-Password": "whatever-1", "NAS-IP-Address": uniqueLoopback() });
    expect(nobody.code).toBe("Access-Reject");
    expect(nobody.attrs["Reply-Message"]?.[0]).toBe("用户名或上网密码错误。");
  });
});
