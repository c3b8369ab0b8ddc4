// End to end with the real FreeRADIUS (Debian freeradius 3.2 + freeradius-rest, configured by
// deploy/freeradius/) and radclient: radclient → FreeRADIUS → rlm_rest → the app's route
// handlers (served by dev/radius-route-server.ts) → PostgreSQL, and CoA from the app to a NAS stand-in.
// .ci/run installs the packages when they are missing; this test is never skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { radiusSharedSecret } from "@/lib/env";
import { dayDate, monthKey } from "@/lib/time";
import { createUser } from "@/dev/factory";
import { radclient as sendRadclient, startFreeradius, type RunningFreeradius } from "@/deploy/freeradius/test-server";
import { registerMacDevice, setNetworkPassword, blockDevice, listDevices } from "@/modules/network/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { forgetNasCache, settleSpeedSyncs } from "./coa.service";
import { startRouteServer, type RouteServer } from "@/dev/radius-route-server";
import { randomMac, startFakeNas, uniqueLoopback, vendorAttrs } from "./test-helpers";
import { now as clockNow, nowMs } from "@/lib/clock";

const NAS_SECRET = "e2e-nas-coa-secret";
let app: RouteServer;
let radiusd: RunningFreeradius;
let nas: Awaited<ReturnType<typeof startFakeNas>>;

const radclient = (kind: "auth" | "acct", attrs: Record<string, string | number>) => sendRadclient(radiusd, kind, attrs);

beforeAll(async () => {
  app = await startRouteServer();
  radiusd = await startFreeradius({ appUrl: app.url, appSecret: radiusSharedSecret()!, clientSecret: "e2e-radclient-secret" });
  const host = uniqueLoopback();
  nas = await startFakeNas({ host, secret: NAS_SECRET });
  await db().nasClient.create({ data: { name: "e2e NAS", ipAddress: host, secret: NAS_SECRET, coaPort: nas.port } });
  forgetNasCache();
}, 60_000);

afterAll(async () => {
  await settleSpeedSyncs();
  await radiusd?.stop();
  await app?.close();
  await nas?.close();
});

const PASSWORD = "Radius2026e2e";

describe("FreeRADIUS → campusnet end to end", () => {
  it("accepts an Access-Request with the high-speed attributes, and rejects a wrong password with the app's message", async () => {
    const u = await createUser(db());
    await setNetworkPassword(u.id, PASSWORD);
    const ok = await radclient("auth", {
      "User-Name": u.studentNo,
      "User-Password": PASSWORD,
      "NAS-IP-Address": nas.host,
      "Calling-Station-Id": "02-00-00-00-00-01",
    });
    expect(ok.code, ok.raw).toBe("Access-Accept");
    expect(ok.attrs).toMatchObject({
      "WISPr-Bandwidth-Max-Down": [String(102400 * 1024)],
      "WISPr-Bandwidth-Max-Up": [String(51200 * 1024)],
      "Mikrotik-Rate-Limit": ["50M/100M"],
      "Acct-Interim-Interval": ["300"],
    });
    const bad = await radclient("auth", { "User-Name": u.studentNo, "User-Password": "wrong-password-1", "NAS-IP-Address": nas.host });
    expect(bad.code).toBe("Access-Reject");
    expect(bad.attrs["Reply-Message"]).toEqual(
      ["用户名或上网密码错误。", "Wrong user name or network password."].map((s) => expect.stringContaining(s.slice(-6))),
    );
  });

  it("turns Accounting Start / Interim-Update / Stop into the student's usage (gigawords included)", async () => {
    const u = await createUser(db());
    const mac = randomMac();
    const base = {
      "User-Name": u.studentNo,
      "Acct-Session-Id": `e2e-${u.studentNo}`,
      "NAS-IP-Address": nas.host,
      "NAS-Port": 7,
      "Calling-Station-Id": mac.replace(/:/g, "-"),
      "Framed-IP-Address": "10.50.0.9",
    };
    const startedAt = Math.floor(nowMs() / 1000) - 120;
    expect((await radclient("acct", { ...base, "Acct-Status-Type": "Start", "Event-Timestamp": startedAt })).code).toBe("Accounting-Response");
    const interim = {
      ...base,
      "Acct-Status-Type": "Interim-Update",
      "Acct-Input-Octets": 1_000_000,
      "Acct-Output-Octets": 5_000_000,
      "Acct-Output-Gigawords": 1,
    };
    expect((await radclient("acct", interim)).code).toBe("Accounting-Response");
    expect((await radclient("acct", interim)).code).toBe("Accounting-Response"); // a retransmission
    const stop = await radclient("acct", {
      ...base,
      "Acct-Status-Type": "Stop",
      "Acct-Input-Octets": 2_000_000,
      "Acct-Output-Octets": 7_000_000,
      "Acct-Output-Gigawords": 1,
      "Acct-Terminate-Cause": "User-Request",
    });
    expect(stop.code).toBe("Accounting-Response");

    const s = await db().radiusSession.findFirstOrThrow({ where: { userId: u.id } });
    expect(s).toMatchObject({
      state: "STOPPED",
      inputOctets: 2_000_000n,
      outputOctets: (1n << 32n) + 7_000_000n,
      mac,
      framedIp: "10.50.0.9",
      terminateCause: "User-Request",
      nasIp: nas.host,
    });
    expect(s.acctUniqueId).toMatch(/^[0-9a-f]{32}$/); // FreeRADIUS's acct_unique
    expect(s.startedAt.getTime()).toBe(startedAt * 1000); // Event-Timestamp as rlm_rest formats it
    const day = await db().dailyUsage.findUniqueOrThrow({ where: { userId_day: { userId: u.id, day: dayDate(clockNow()) } } });
    expect(day).toMatchObject({ uploadBytes: 2_000_000n, downloadBytes: (1n << 32n) + 7_000_000n });
    expect((await listDevices(u.id))[0]).toMatchObject({ mac, monthDownloadBytes: (1n << 32n) + 7_000_000n });
  });

  it("after the quota is used up: a CoA-Request throttles the live session, and the next authorize is throttled", async () => {
    const u = await createUser(db());
    await setNetworkPassword(u.id, PASSWORD);
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 10_000_000n));
    const base = { "User-Name": u.studentNo, "Acct-Session-Id": `q-${u.studentNo}`, "NAS-IP-Address": nas.host, "Framed-IP-Address": "10.50.0.10" };
    expect((await radclient("auth", { "User-Name": u.studentNo, "User-Password": PASSWORD, "NAS-IP-Address": nas.host })).code).toBe("Access-Accept");
    await radclient("acct", { ...base, "Acct-Status-Type": "Start" });
    const before = nas.received.length;
    const crossing = await radclient("acct", {
      ...base,
      "Acct-Status-Type": "Interim-Update",
      "Acct-Input-Octets": 1_000_000,
      "Acct-Output-Octets": 9_500_000,
    });
    expect(crossing.code).toBe("Accounting-Response");
    const received = await nas.waitFor(before + 1, 3000);
    const coa = received[before]!;
    expect(coa.code).toBe("CoA-Request");
    expect(coa.attributes).toMatchObject({ "User-Name": u.studentNo, "Acct-Session-Id": `q-${u.studentNo}`, "Framed-IP-Address": "10.50.0.10" });
    expect(vendorAttrs(coa.attributes)).toMatchObject({
      "WISPr-Bandwidth-Max-Down": 2048 * 1024,
      "WISPr-Bandwidth-Max-Up": 1024 * 1024,
      "Mikrotik-Rate-Limit": "1M/2M",
    });
    await settleSpeedSyncs();
    expect(await db().coaRequest.findFirst({ where: { userId: u.id }, select: { kind: true, result: true } })).toEqual({ kind: "COA", result: "ACK" });

    const again = await radclient("auth", { "User-Name": u.studentNo, "User-Password": PASSWORD, "NAS-IP-Address": nas.host });
    expect(again.code).toBe("Access-Accept");
    expect(again.attrs).toMatchObject({
      "WISPr-Bandwidth-Max-Down": [String(2048 * 1024)],
      "WISPr-Bandwidth-Max-Up": [String(1024 * 1024)],
      "Mikrotik-Rate-Limit": ["1M/2M"],
    });
    expect(again.attrs["Reply-Message"]?.[0]).toContain("限速");
  });

  it("rejects a blocked MAC, by password and by MAC authentication, with a message", async () => {
    const u = await createUser(db());
    await setNetworkPassword(u.id, PASSWORD);
    const mac = randomMac();
    const d = await registerMacDevice(u.id, mac, "Switch");
    const mab = {
      "User-Name": mac.replace(/:/g, "").toLowerCase(),
      "User-Password": mac.replace(/:/g, "").toLowerCase(),
      "Calling-Station-Id": mac.replace(/:/g, "-"),
      "NAS-IP-Address": nas.host,
    };
    expect((await radclient("auth", mab)).code).toBe("Access-Accept");
    await blockDevice(u.id, d.id);
    const r1 = await radclient("auth", mab);
    expect(r1.code).toBe("Access-Reject");
    expect(r1.attrs["Reply-Message"]?.join(" ")).toContain("blocked");
    const r2 = await radclient("auth", { "User-Name": u.studentNo, "User-Password": PASSWORD, "Calling-Station-Id": mac, "NAS-IP-Address": nas.host });
    expect(r2.code).toBe("Access-Reject");
  });
});
