import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { createUser } from "@/dev/factory";
import { randomBytes, scryptSync } from "node:crypto";
import { forgetVerifiedPasswords, NETWORK_HASH_PREFIX, verifyNetworkPassword } from "@/modules/network/password";
import { registerMacDevice, setNetworkPassword } from "@/modules/network/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { callRadius, randomMac } from "./test-helpers";
import { now as clockNow, nowMs } from "@/lib/clock";

const PASSWORD = "campus2026net";

async function student(opts: { status?: "ACTIVE" | "PAUSED" | "SUSPENDED"; password?: string | null } = {}) {
  const u = await createUser(db(), { status: opts.status });
  if (opts.password !== null) await setNetworkPassword(u.id, opts.password ?? PASSWORD);
  return u;
}

const messages = (body: Record<string, { value: unknown }> | null) => (body?.["Reply-Message"]?.value as string[] | undefined) ?? [];

beforeAll(() => forgetVerifiedPasswords());

describe("RADIUS authorize", () => {
  it("accepts an active student's PAP login with the high-speed rate, Auth-Type Accept and do_xlat false", async () => {
    const u = await student();
    const r = await callRadius("authorize", {
      "User-Name": u.studentNo,
      "User-Password": PASSWORD,
      "Calling-Station-Id": "02-11-22-33-44-55",
      "NAS-IP-Address": "10.255.0.1",
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      "control:Auth-Type": { op: ":=", value: "Accept", do_xlat: false },
      "WISPr-Bandwidth-Max-Down": { value: 102400 * 1024, do_xlat: false },
      "WISPr-Bandwidth-Max-Up": { value: 51200 * 1024, do_xlat: false },
      "Mikrotik-Rate-Limit": { value: "50M/100M", do_xlat: false },
      "Acct-Interim-Interval": { value: 300 },
    });
    // throttled, never cut: no total-octets or session caps
    expect(Object.keys(r.body!).filter((k) => /octets|gigawords|total-limit|session-timeout/i.test(k))).toEqual([]);
    // the authenticate endpoint makes the same decision, without Auth-Type
    const a = await callRadius("authenticate", { "User-Name": u.studentNo, "User-Password": PASSWORD });
    expect(a.status).toBe(200);
    expect(a.body!["control:Auth-Type"]).toBeUndefined();
  });

  it("answers a student whose quota is used up with the throttled rate and says why", async () => {
    const u = await student();
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 100n));
    await db().monthlyQuota.update({ where: { userId_month: { userId: u.id, month: monthKey(clockNow()) } }, data: { freeUsedBytes: 100n } });
    const r = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      "WISPr-Bandwidth-Max-Down": { value: 2048 * 1024 },
      "WISPr-Bandwidth-Max-Up": { value: 1024 * 1024 },
      "Mikrotik-Rate-Limit": { value: "1M/2M" },
    });
    expect(messages(r.body)[0]).toContain("限速");
  });

  it("rejects wrong passwords, unknown users and students without a network password", async () => {
    const u = await student();
    const wrong = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "nope12345" });
    expect(wrong.status).toBe(401);
    expect(messages(wrong.body)).toEqual(["用户名或上网密码错误。", "Wrong user name or network password."]);
    expect((await callRadius("authorize", { "User-Name": "nobody-here", "User-Password": "x" })).status).toBe(401);
    const none = await student({ password: null });
    const r = await callRadius("authorize", { "User-Name": none.studentNo, "User-Password": "whatever1" });
    expect(r.status).toBe(401);
    expect(messages(r.body)[0]).toContain("尚未设置上网密码");
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "CHAP-Password": "0x00" })).status).toBe(401);
  });

  it("locks the network login after repeated wrong passwords, even for the right one; a reset unlocks", async () => {
    const u = await student();
    for (let i = 0; i < 4; i++) expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": `bad-${i}-pass` })).status).toBe(401);
    const fifth = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "bad-5-pass" });
    expect(fifth.status).toBe(401);
    expect(messages(fifth.body)[0]).toContain("已锁定");
    const right = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD });
    expect(right.status).toBe(401);
    expect(messages(right.body)[1]).toContain("locked until");
    const c = await db().networkCredential.findUniqueOrThrow({ where: { userId: u.id } });
    expect(c.failedAttempts).toBe(5);
    expect(c.lockedUntil!.getTime()).toBeGreaterThan(nowMs() + 14 * 60_000);
    await setNetworkPassword(u.id, "another2026pw");
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "another2026pw" })).status).toBe(200);
  });

  it("refuses paused and suspended accounts with a message a student understands", async () => {
    const paused = await student({ status: "PAUSED" });
    const r = await callRadius("authorize", { "User-Name": paused.studentNo, "User-Password": PASSWORD });
    expect(r.status).toBe(401);
    expect(messages(r.body)).toEqual([expect.stringContaining("停机保号"), expect.stringContaining("paused")]);
    const suspended = await student({ status: "SUSPENDED" });
    const s = await callRadius("authorize", { "User-Name": suspended.studentNo, "User-Password": PASSWORD });
    expect(s.status).toBe(401);
    expect(messages(s.body)[0]).toContain("停用");
    // a wrong password reveals nothing about the account's state
    expect(messages((await callRadius("authorize", { "User-Name": paused.studentNo, "User-Password": "wrong1234" })).body)[0]).toContain("密码错误");
  });

  it("refuses a blocked device, by password and by MAC", async () => {
    const u = await student();
    const mac = randomMac();
    const d = await registerMacDevice(u.id, mac, "客厅电视");
    const ok = await callRadius("authorize", { "User-Name": mac.replace(/:/g, "").toLowerCase(), "Calling-Station-Id": mac.replace(/:/g, "-") });
    expect(ok.status).toBe(200);
    expect(ok.body!["control:Auth-Type"]!.value).toBe("Accept");
    await db().device.update({ where: { id: d.id }, data: { blocked: true, blockedAt: clockNow() } });
    const byMac = await callRadius("authorize", { "User-Name": mac, "Calling-Station-Id": mac });
    expect(byMac.status).toBe(401);
    expect(messages(byMac.body)[0]).toContain("挂失");
    const byPassword = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD, "Calling-Station-Id": mac.toLowerCase() });
    expect(byPassword.status).toBe(401);
    expect(messages(byPassword.body)[1]).toContain("blocked");
    // another device of the same student is fine
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD, "Calling-Station-Id": randomMac() })).status).toBe(200);
    // an unregistered MAC cannot sign in by MAC
    expect((await callRadius("authorize", { "User-Name": randomMac() })).status).toBe(401);
  });

  it("refuses calls without the shared secret (403, not a reject)", async () => {
    const u = await student();
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD }, { secret: null })).status).toBe(403);
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD }, { secret: "campusnet-dev-radius-secreT" })).status).toBe(
      403,
    );
  });

  it("rewrites a password stored at the old cost (scrypt 2^15) to the current one after a right login, and still accepts it", async () => {
    const u = await student();
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 128 * (1 << 15) * 8 * 2 });
    const old = `scrypt$32768$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    await db().networkCredential.update({ where: { userId: u.id }, data: { passwordHash: old } });
    const wrong = await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": "not-" + PASSWORD });
    expect(wrong.status).toBe(401);
    expect((await db().networkCredential.findUniqueOrThrow({ where: { userId: u.id } })).passwordHash).toBe(old); // a wrong password rewrites nothing
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD })).status).toBe(200);
    let stored = old;
    for (let i = 0; i < 50 && stored === old; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = (await db().networkCredential.findUniqueOrThrow({ where: { userId: u.id } })).passwordHash;
    }
    expect(stored.startsWith(NETWORK_HASH_PREFIX)).toBe(true);
    expect(await verifyNetworkPassword(PASSWORD, stored)).toBe(true);
    forgetVerifiedPasswords();
    expect((await callRadius("authorize", { "User-Name": u.studentNo, "User-Password": PASSWORD })).status).toBe(200);
  });
});
