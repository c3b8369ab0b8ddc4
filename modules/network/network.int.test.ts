import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dayKey, monthKey, shanghaiDayRange, shiftMonthKey } from "@/lib/time";
import { createUser } from "@/dev/factory";
import { requestPause, resumeEarly } from "@/modules/pauses/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { acctAttrs, callRadius, fakeNasHooks, randomMac, registeredFakeNas, uniqueLoopback, uniqueSession } from "@/modules/radius/test-helpers";
import { verifyNetworkPassword } from "./password";
import {
  blockDevice,
  disconnectSession,
  getNetworkCredentialStatus,
  getSpeedExplanation,
  listDevices,
  listLiveSessions,
  listSessions,
  MAX_MAC_DEVICES,
  registerMacDevice,
  renameDevice,
  setNetworkPassword,
  unblockDevice,
} from "./service";
import { now as clockNow, nowMs } from "@/lib/clock";

fakeNasHooks();
const nas = () => registeredFakeNas({ secret: "nas-secret-network" });

async function online(studentNo: string, nasIp: string, mac: string, output = 0n) {
  const session = uniqueSession();
  await callRadius("accounting", acctAttrs({ status: "Start", user: studentNo, session, nasIp, mac, ip: "10.1.1.1" }));
  if (output) await callRadius("accounting", acctAttrs({ status: "Interim-Update", user: studentNo, session, nasIp, mac, output, input: output / 10n }));
  return (await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } })).id;
}

describe("network password", () => {
  it("stores a scrypt hash, enforces the rules, and is rate-limited", async () => {
    const u = await createUser(db());
    expect((await getNetworkCredentialStatus(u.id)).hasPassword).toBe(false);
    for (const bad of ["short1", "onlyletters", "12345678901", "x".repeat(60) + "12345", "空格 密码1234a"])
      await expect(setNetworkPassword(u.id, bad)).rejects.toMatchObject({ code: "VALIDATION" });
    await setNetworkPassword(u.id, "Campus2026");
    const c = await db().networkCredential.findUniqueOrThrow({ where: { userId: u.id } });
    expect(c.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(c.passwordHash).not.toContain("Campus2026");
    expect(await verifyNetworkPassword("Campus2026", c.passwordHash)).toBe(true);
    expect(await verifyNetworkPassword("campus2026", c.passwordHash)).toBe(false);
    expect((await getNetworkCredentialStatus(u.id)).hasPassword).toBe(true);
    for (let i = 0; i < 4; i++) await setNetworkPassword(u.id, `Campus2026x${i}`);
    await expect(setNetworkPassword(u.id, "Campus2026y")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("devices and sessions", () => {
  it("registers MAC devices (one account per MAC, a limit per student) and lists devices with monthly usage", async () => {
    const u = await createUser(db());
    const other = await createUser(db());
    const tv = randomMac();
    const d = await registerMacDevice(u.id, tv.toLowerCase().replace(/:/g, "-"), "客厅电视");
    expect(d).toMatchObject({ mac: tv, name: "客厅电视", macAuth: true, blocked: false });
    await expect(registerMacDevice(other.id, tv, "mine")).rejects.toMatchObject({ code: "MAC_IN_USE" });
    await expect(registerMacDevice(u.id, "01:00:5E:00:00:01", "multicast")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(registerMacDevice(u.id, randomMac(), "")).rejects.toMatchObject({ code: "VALIDATION" });
    for (let i = 1; i < MAX_MAC_DEVICES; i++) await registerMacDevice(u.id, randomMac(), `设备${i}`);
    await expect(registerMacDevice(u.id, randomMac(), "one too many")).rejects.toMatchObject({ code: "DEVICE_LIMIT" });
    await renameDevice(u.id, d.id, "卧室电视");
    await expect(renameDevice(other.id, d.id, "steal")).rejects.toMatchObject({ code: "NOT_FOUND" });

    const nasIp = uniqueLoopback();
    const laptop = randomMac();
    await online(u.studentNo, nasIp, laptop, 10_000n);
    const devices = await listDevices(u.id);
    expect(devices[0]).toMatchObject({ mac: laptop, name: "", macAuth: false, online: true, monthUploadBytes: 1000n, monthDownloadBytes: 10_000n });
    expect(devices.find((x) => x.id === d.id)).toMatchObject({ name: "卧室电视", online: false, monthDownloadBytes: 0n });
  });

  it("lists live sessions and paginated usage details by month", async () => {
    const u = await createUser(db());
    const nasIp = uniqueLoopback();
    const mac = randomMac();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await online(u.studentNo, nasIp, mac, BigInt(1000 * (i + 1))));
    await callRadius(
      "accounting",
      acctAttrs({
        status: "Stop",
        user: u.studentNo,
        session: (await db().radiusSession.findUniqueOrThrow({ where: { id: ids[0]! } })).acctSessionId,
        nasIp,
        mac,
        output: 1000n,
        input: 100n,
      }),
    );
    const live = await listLiveSessions(u.id);
    expect(live.map((s) => s.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(live[0]).toMatchObject({ state: "ACTIVE", mac, framedIp: "10.1.1.1", nasIp, deviceName: "" });
    const page1 = await listSessions(u.id, { pageSize: 2 });
    expect(page1).toMatchObject({ month: monthKey(clockNow()), page: 1, pageSize: 2, total: 3 });
    expect(page1.items).toHaveLength(2);
    const page2 = await listSessions(u.id, { pageSize: 2, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect([...page1.items, ...page2.items].reduce((a, s) => a + s.downloadBytes, 0n)).toBe(6000n);
    expect((await listSessions(u.id, { month: shiftMonthKey(monthKey(clockNow()), -1) })).total).toBe(0);
    await expect(listSessions(u.id, { month: "2026-13" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("takes one session offline, only for its owner", async () => {
    const n = await nas();
    const u = await createUser(db());
    const other = await createUser(db());
    const id = await online(u.studentNo, n.host, randomMac());
    await expect(disconnectSession(id, "user-request", { userId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const r = await disconnectSession(id, "user-request", { userId: u.id });
    expect(r).toMatchObject({ kind: "DISCONNECT", result: "ACK" });
    expect(n.received.map((x) => x.code)).toEqual(["Disconnect-Request"]);
    expect(await listLiveSessions(u.id)).toEqual([]);
  });

  it("挂失: blocking a device kicks its sessions and authorize refuses it until unblocked", async () => {
    const n = await nas();
    const u = await createUser(db());
    await setNetworkPassword(u.id, "Lost2026phone");
    const phone = randomMac();
    const laptop = randomMac();
    await online(u.studentNo, n.host, phone);
    await online(u.studentNo, n.host, laptop);
    const device = (await listDevices(u.id)).find((d) => d.mac === phone)!;
    const r = await blockDevice(u.id, device.id);
    expect(r.device).toMatchObject({ blocked: true, online: false });
    expect(r.kicked).toEqual([expect.objectContaining({ kind: "DISCONNECT", result: "ACK" })]);
    expect((await listLiveSessions(u.id)).map((s) => s.mac)).toEqual([laptop]);
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "Lost2026phone", "Calling-Station-Id": phone })).status).toBe(401);
    await unblockDevice(u.id, device.id);
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "Lost2026phone", "Calling-Station-Id": phone })).status).toBe(200);
  });
});

describe("speed and account", () => {
  it("explains the speed: mode, rate sent to the network, quota left, reset time", async () => {
    const u = await createUser(db());
    const month = monthKey(clockNow());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, month, 500n));
    let e = await getSpeedExplanation(u.id);
    expect(e).toMatchObject({ status: "ACTIVE", speedMode: "HIGH_SPEED", reason: "QUOTA_LEFT", rate: { downKbps: 102400, upKbps: 51200 } });
    expect(e.quota.totalRemainingBytes).toBe(500n);
    await db().monthlyQuota.update({ where: { userId_month: { userId: u.id, month } }, data: { freeUsedBytes: 500n } });
    e = await getSpeedExplanation(u.id);
    expect(e).toMatchObject({
      speedMode: "THROTTLED",
      reason: "QUOTA_USED_UP",
      rate: { downKbps: 2048, upKbps: 1024 },
      attributes: { "Mikrotik-Rate-Limit": "1M/2M" },
    });
    expect(e.resetsAt.getTime()).toBeGreaterThan(nowMs());
  });

  it("停机保号: pausing disconnects live sessions and refuses logins; resuming lets the student back", async () => {
    const n = await nas();
    const u = await createUser(db());
    await setNetworkPassword(u.id, "Holiday2026");
    await online(u.studentNo, n.host, randomMac());
    // 停机保号 lives in modules/pauses now: a pause from now to a resume day 10 days on.
    const tenDays = { startsAt: null, endsAt: shanghaiDayRange(dayKey(new Date(nowMs() + 10 * 86_400_000))).from };
    const p = await requestPause(u.id, tenDays);
    expect(p.disconnected).toEqual([expect.objectContaining({ kind: "DISCONNECT", result: "ACK" })]);
    expect(await listLiveSessions(u.id)).toEqual([]);
    expect((await getSpeedExplanation(u.id)).reason).toBe("ACCOUNT_PAUSED");
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "Holiday2026" })).status).toBe(401);
    await resumeEarly(u.id);
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "Holiday2026" })).status).toBe(200);
    const suspended = await createUser(db(), { status: "SUSPENDED" });
    await expect(requestPause(suspended.id, tenDays)).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    await expect(resumeEarly(suspended.id)).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    expect(await db().auditLog.count({ where: { subjectId: u.id, action: { in: ["account.pause", "account.resume"] } } })).toBe(2);
  });
});
