import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { forgetVerifiedPasswords } from "@/modules/network/password";
import { blockDevice, getSeamlessStatus, listDevices, setNetworkPassword, setSeamlessLogin, setSeamlessLoginByStaff } from "@/modules/network/service";
import { getLoginProblems } from "@/modules/network/login-problems.service";
import { listNotifications } from "@/modules/notifications/service";
import { getServicePolicy } from "@/modules/policy/service";
import { settleSpeedSyncs } from "./coa.service";
import { settleDeviceLimits } from "./device-limit.service";
import { flushRejections, forgetNotedRejections, listRecentRejections, pruneRadiusRejections } from "./rejections.service";
import { acctAttrs, callRadius, fakeNasHooks, randomMac, registeredFakeNas, uniqueSession } from "./test-helpers";

const PASSWORD = "campus2026net";
const NAS_SECRET = "nas-secret-for-limit";

fakeNasHooks();
beforeAll(() => forgetVerifiedPasswords());

const messages = (body: Record<string, { value: unknown }> | null) => (body?.["Reply-Message"]?.value as string[] | undefined) ?? [];

async function student() {
  const u = await createUser(db());
  await setNetworkPassword(u.id, PASSWORD);
  return u;
}

/** A live session of `studentNo` from `mac` on the NAS (accounting Start; lists the device too). */
async function online(studentNo: string, nasIp: string, mac: string, at?: Date) {
  const session = uniqueSession();
  const r = await callRadius("accounting", acctAttrs({ status: "Start", user: studentNo, session, nasIp, mac, ip: "10.1.2.3", at }));
  expect(r.status).toBe(204);
  return db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` }, select: { id: true, mac: true } });
}

const login = (studentNo: string, mac: string, nasIp: string) =>
  callRadius("authorize", { "User-Name": studentNo, "User-Password": PASSWORD, "Calling-Station-Id": mac.replace(/:/g, "-"), "NAS-IP-Address": nasIp });

const macLogin = (mac: string, nasIp = "10.255.0.9") =>
  callRadius("authorize", { "User-Name": mac.replace(/:/g, "").toLowerCase(), "Calling-Station-Id": mac.replace(/:/g, "-"), "NAS-IP-Address": nasIp });

describe("concurrent device limit", () => {
  it("lets the limit's last device in quietly, and signs the oldest out (Disconnect at the NAS) for one more, naming it", async () => {
    const { deviceLimit } = await getServicePolicy();
    expect(deviceLimit).toBeGreaterThanOrEqual(2);
    const nas = await registeredFakeNas({ secret: NAS_SECRET });
    const u = await student();
    const macs = Array.from({ length: deviceLimit + 1 }, () => randomMac());
    const sessions = [];
    // limit − 1 devices online: the limit's last one signs in with nothing said, nothing sent
    for (let i = 0; i < deviceLimit - 1; i++) sessions.push(await online(u.studentNo, nas.host, macs[i]!, new Date(clockNow().getTime() - (100 - i) * 1000)));
    await db().device.updateMany({ where: { userId: u.id, mac: macs[0] }, data: { name: "宿舍台式机" } });
    const atLimit = await login(u.studentNo, macs[deviceLimit - 1]!, nas.host);
    expect(atLimit.status).toBe(200);
    expect(messages(atLimit.body)).toEqual([]);
    await settleDeviceLimits();
    expect(nas.received).toHaveLength(0);

    // limit devices online: one more is accepted, told which device goes, and the oldest is disconnected
    sessions.push(await online(u.studentNo, nas.host, macs[deviceLimit - 1]!));
    const again = await login(u.studentNo, macs[1]!, nas.host); // a device already online signs in again: not counted twice
    expect(again.status).toBe(200);
    expect(messages(again.body)).toEqual([]);
    const beyond = await login(u.studentNo, macs[deviceLimit]!, nas.host);
    expect(beyond.status).toBe(200);
    expect(beyond.body!["control:Auth-Type"]!.value).toBe("Accept");
    expect(messages(beyond.body)).toEqual([expect.stringContaining("宿舍台式机"), expect.stringContaining(`limit of ${deviceLimit} devices`)]);
    // a retransmission of the same Access-Request: still one Disconnect
    expect((await login(u.studentNo, macs[deviceLimit]!, nas.host)).status).toBe(200);
    await settleDeviceLimits();
    await settleSpeedSyncs();
    expect(nas.received.map((r) => r.code)).toEqual(["Disconnect-Request"]);
    expect(nas.received[0]!.attributes).toMatchObject({ "User-Name": u.studentNo });
    const first = await db().radiusSession.findUniqueOrThrow({ where: { id: sessions[0]!.id } });
    expect(first).toMatchObject({ state: "STOPPED", terminateCause: "Admin-Reset" });
    expect(await db().radiusSession.count({ where: { userId: u.id, state: "ACTIVE" } })).toBe(deviceLimit - 1);
    expect(await db().coaRequest.findMany({ where: { userId: u.id }, select: { kind: true, result: true, reason: true } })).toEqual([
      { kind: "DISCONNECT", result: "ACK", reason: "device-limit" },
    ]);
    const notes = (await listNotifications(u.id)).filter((n) => n.kind === "DEVICE_LIMIT");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ deviceName: "宿舍台式机", mac: macs[0], limit: deviceLimit, newMac: macs[deviceLimit] });
  });

  it("does not count a visitor's guest-pass session against the student's devices", async () => {
    const { deviceLimit } = await getServicePolicy();
    const nas = await registeredFakeNas({ secret: NAS_SECRET });
    const u = await student();
    const live = [];
    for (let i = 0; i < deviceLimit; i++) live.push(await online(u.studentNo, nas.host, randomMac()));
    // the last one is a visitor's, charged to this student
    await db().radiusSession.update({ where: { id: live[deviceLimit - 1]!.id }, data: { guestPassId: crypto.randomUUID() } });
    const r = await login(u.studentNo, randomMac(), nas.host);
    expect(r.status).toBe(200);
    expect(messages(r.body)).toEqual([]);
    await settleDeviceLimits();
    expect(nas.received).toHaveLength(0);
  });
});

describe("seamless MAC login (无感知认证)", () => {
  it("signs a device the student used in by MAC alone while on; off stops it at once; audited", async () => {
    const u = await student();
    const mac = randomMac();
    await online(u.studentNo, "10.255.0.9", mac);
    // off (the default): an unregistered MAC cannot sign in by itself
    expect((await macLogin(mac)).status).toBe(401);
    expect(await setSeamlessLogin(u.id, true)).toEqual({ seamlessLogin: true });
    const on = await macLogin(mac);
    expect(on.status).toBe(200);
    expect(on.body!["control:Auth-Type"]!.value).toBe("Accept");
    // a MAC this student never used is still refused
    expect((await macLogin(randomMac())).status).toBe(401);
    await setSeamlessLogin(u.id, false);
    expect((await macLogin(mac)).status).toBe(401);
    expect(await setSeamlessLogin(u.id, false)).toEqual({ seamlessLogin: false }); // already off: nothing to audit
    const audit = await db().auditLog.findMany({ where: { subjectId: u.id, action: { startsWith: "network.seamless" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["network.seamless.on", "network.seamless.off"]);
  });

  it("staff turn it off with a reason, recorded as theirs; no reason, no change", async () => {
    const u = await student();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const mac = randomMac();
    await online(u.studentNo, "10.255.0.9", mac);
    await setSeamlessLogin(u.id, true);
    await expect(setSeamlessLoginByStaff(staff.id, u.id, false, "  ")).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await macLogin(mac)).status).toBe(200);
    await setSeamlessLoginByStaff(staff.id, u.id, false, "shared console in the lab");
    expect((await macLogin(mac)).status).toBe(401);
    const last = await db().auditLog.findFirstOrThrow({ where: { subjectId: u.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ actorId: staff.id, action: "network.seamless.off", data: { reason: "shared console in the lab" } });
  });

  it("refuses a MAC seen under two students (ambiguous) and says so, and a blocked device", async () => {
    const a = await student();
    const b = await student();
    const shared = randomMac();
    await online(a.studentNo, "10.255.0.9", shared);
    await online(b.studentNo, "10.255.0.9", shared);
    await setSeamlessLogin(a.id, true);
    const r = await macLogin(shared);
    expect(r.status).toBe(401);
    expect(messages(r.body)).toEqual([expect.stringContaining("多个账号"), expect.stringContaining("more than one account")]);
    expect((await getSeamlessStatus(a.id)).ambiguousMacs).toEqual([shared]);

    const own = randomMac();
    await online(a.studentNo, "10.255.0.9", own);
    expect((await macLogin(own)).status).toBe(200);
    const device = (await listDevices(a.id)).find((d) => d.mac === own)!;
    await blockDevice(a.id, device.id);
    const blocked = await macLogin(own);
    expect(blocked.status).toBe(401);
    expect(messages(blocked.body)[0]).toContain("挂失");
  });
});

describe("rejection log", () => {
  it("records each reject off the answer's path, one row per student and reason per minute for a burst; only the student's own rows are listed", async () => {
    const u = await student();
    const other = await student();
    const mac = randomMac();
    for (let i = 0; i < 100; i++) {
      const r = await callRadius("authorize", {
        "User-Name": u.studentNo,
        "User-Password": "wrong-pass-1",
        "Calling-Station-Id": mac,
        "NAS-IP-Address": "10.255.0.7",
      });
      expect(r.status).toBe(401);
    }
    await callRadius("authorize", { "User-Name": other.studentNo, "User-Password": "wrong-pass-1" });
    await flushRejections();
    const rows = await db().radiusRejection.findMany({ where: { userId: u.id }, orderBy: { id: "asc" } });
    // wrong passwords first, then the lock they caused: one row each
    expect(rows.map((r) => r.reason)).toEqual(["BAD_CREDENTIALS", "LOCKED"]);
    expect(rows[0]).toMatchObject({ username: u.studentNo, mac, nasIp: "10.255.0.7" });
    // another instance (its own memory) in the same minute: the INSERT itself skips the twin
    forgetNotedRejections();
    await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "wrong-pass-1" });
    await flushRejections();
    expect(await db().radiusRejection.count({ where: { userId: u.id } })).toBe(2);
    // an unknown user name is recorded without a student
    const ghost = `ghost-${uniqueSession()}`;
    await callRadius("authorize", { "User-Name": ghost, "User-Password": "x" });
    await flushRejections();
    expect(await db().radiusRejection.findMany({ where: { username: ghost }, select: { userId: true, reason: true } })).toEqual([
      { userId: null, reason: "BAD_CREDENTIALS" },
    ]);
    expect((await listRecentRejections(u.id)).map((r) => r.reason)).toEqual(["LOCKED", "BAD_CREDENTIALS"]);
    expect((await listRecentRejections(other.id)).map((r) => r.reason)).toEqual(["BAD_CREDENTIALS"]);
  });

  it("explains a student's own problems, newest first: refusals and device-limit sign-outs, with the lock's end while it lasts", async () => {
    const u = await student();
    const other = await student();
    const now = clockNow();
    const ago = (min: number) => new Date(now.getTime() - min * 60_000);
    await db().radiusRejection.createMany({
      data: [
        { userId: u.id, username: u.studentNo, reason: "BAD_CREDENTIALS", mac: "02:00:00:00:00:01", at: ago(30) },
        { userId: u.id, username: u.studentNo, reason: "LOCKED", at: ago(20) },
        { userId: u.id, username: u.studentNo, reason: "GUEST_SOMETHING_NEW", at: ago(15) },
        { userId: other.id, username: other.studentNo, reason: "PAUSED", at: ago(5) },
      ],
    });
    await db().notification.create({
      data: {
        userId: u.id,
        kind: "DEVICE_LIMIT",
        dedupeKey: `devicelimit:${uniqueSession()}`,
        data: { deviceName: "iPad", mac: "02:00:00:00:00:02", limit: 3 },
        createdAt: ago(10),
      },
    });
    await db().networkCredential.update({ where: { userId: u.id }, data: { lockedUntil: new Date(now.getTime() + 5 * 60_000) } });
    const p = await getLoginProblems(u.id, {}, now);
    expect(p.items.map((i) => i.kind)).toEqual(["DEVICE_LIMIT", "OTHER", "LOCKED", "BAD_CREDENTIALS"]);
    expect(p.items[0]).toMatchObject({ deviceName: "iPad", mac: "02:00:00:00:00:02", limit: 3 });
    expect(p.items[3]!.mac).toBe("02:00:00:00:00:01");
    expect(p.lockedUntil?.getTime()).toBe(now.getTime() + 5 * 60_000);
    expect((await getLoginProblems(other.id, {}, now)).items.map((i) => i.kind)).toEqual(["PAUSED"]);
  });

  it("prunes rows older than 90 days", async () => {
    const u = await student();
    const now = clockNow();
    const day = 86_400_000;
    await db().radiusRejection.createMany({
      data: [
        { userId: u.id, username: u.studentNo, reason: "PAUSED", at: new Date(now.getTime() - 90 * day - 1000) },
        { userId: u.id, username: u.studentNo, reason: "SUSPENDED", at: new Date(now.getTime() - 90 * day + 60_000) },
      ],
    });
    expect(await pruneRadiusRejections(now)).toBeGreaterThanOrEqual(1);
    expect((await db().radiusRejection.findMany({ where: { userId: u.id } })).map((r) => r.reason)).toEqual(["SUSPENDED"]);
  });
});
