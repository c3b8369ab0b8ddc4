import { beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { GiB, MiB } from "@/lib/units";
import { forgetVerifiedPasswords, verifyNetworkPassword } from "@/modules/network/password";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { authorizeAccess } from "@/modules/radius/authorize.service";
import type { AccessRequest } from "@/modules/radius/packets";
import { acctAttrs, callRadius, fakeNasHooks, randomMac, registeredFakeNas, uniqueSession } from "@/modules/radius/test-helpers";
import { forgetGuestPinFailures, GUEST_PIN_FAILURES, settleGuestCutoffs } from "./radius.service";
import { guestCodeOf, guestLogin } from "./rules";
import { issueGuestPass, listGuestPasses, listGuestUsage, revokeGuestPass, revokeGuestPassByStaff } from "./service";

const HOUR = 3_600_000;
const NAS_SECRET = "nas-secret-for-guest";

fakeNasHooks();
beforeEach(() => {
  forgetVerifiedPasswords();
  forgetGuestPinFailures();
});

const access = (username: string, password?: string): AccessRequest => ({
  username,
  password,
  hasChallengeAuth: false,
  usernameMac: null,
  callingMac: "02:aa:bb:cc:dd:01".toUpperCase(),
  nasIp: "10.255.0.1",
});

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ name: "AppError", code });
}

describe("issuing a guest pass", () => {
  it("gives a short unambiguous code and a PIN stored only as a hash, audited", async () => {
    const u = await createUser(db());
    const t = clockNow();
    const pass = await issueGuestPass(u.id, { hours: 2, label: " 表哥 " }, t);
    expect(pass.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(pass.pin).toMatch(/^\d{6}$/);
    expect(pass.login).toBe(`guest-${pass.code}`);
    expect(guestCodeOf(pass.login.toLowerCase())).toBe(pass.code);
    expect(pass.expiresAt.getTime()).toBe(t.getTime() + 2 * HOUR);
    expect(pass.maxBytes).toBe(2n * GiB); // the policy's maximum by default
    const row = await db().guestPass.findUniqueOrThrow({ where: { id: pass.id } });
    expect(row).toMatchObject({ issuerId: u.id, label: "表哥", usedBytes: 0n, revokedAt: null });
    expect(row.pinHash).not.toContain(pass.pin);
    expect(await verifyNetworkPassword(pass.pin, row.pinHash)).toBe(true);
    const audit = await db().auditLog.findMany({ where: { subjectId: u.id, action: "guest.pass.issue" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ passId: pass.id, code: pass.code, hours: 2 });
    expect(JSON.stringify(audit[0]!.data)).not.toContain(pass.pin);
  });

  it("refuses the live limit + 1, hours over the maximum, data over the maximum, and a paused account", async () => {
    const u = await createUser(db());
    const t = clockNow();
    for (let i = 0; i < 3; i++) await issueGuestPass(u.id, { hours: 1 }, t);
    await expectCode(issueGuestPass(u.id, { hours: 1 }, t), "GUEST_PASS_LIMIT");
    // an expired pass no longer counts: an hour later there is room again
    const later = await issueGuestPass(u.id, { hours: 1 }, new Date(t.getTime() + HOUR));
    expect(later.code).toHaveLength(6);
    // a revoked one neither
    const v = await createUser(db());
    const passes = [];
    for (let i = 0; i < 3; i++) passes.push(await issueGuestPass(v.id, { hours: 6 }, t));
    await revokeGuestPass(v.id, passes[0]!.id, t);
    await issueGuestPass(v.id, { hours: 6 }, t);

    await expectCode(issueGuestPass(v.id, { hours: 7 }, t), "GUEST_PASS_TOO_LONG");
    await expectCode(issueGuestPass(v.id, { hours: 0 }, t), "GUEST_PASS_TOO_LONG");
    await expectCode(issueGuestPass(v.id, { hours: 1, bytes: 2n * GiB + 1n }, t), "GUEST_PASS_TOO_MUCH_DATA");
    const paused = await createUser(db(), { status: "PAUSED" });
    await expectCode(issueGuestPass(paused.id, { hours: 1 }, t), "ACCOUNT_NOT_ACTIVE");
  });
});

describe("RADIUS authorize for guest-<code>", () => {
  it("accepts with the guest rate and Session-Timeout = seconds left; one second after expiry it rejects", async () => {
    const u = await createUser(db());
    const t = clockNow();
    const pass = await issueGuestPass(u.id, { hours: 1 }, t);
    const ok = await authorizeAccess(access(pass.login, pass.pin), new Date(pass.expiresAt.getTime() - 1000));
    expect(ok).toMatchObject({ accept: true, userId: u.id });
    if (!ok.accept) throw new Error("rejected");
    expect(ok.reply).toMatchObject({
      "Session-Timeout": 1,
      "WISPr-Bandwidth-Max-Down": 4096 * 1024,
      "WISPr-Bandwidth-Max-Up": 1024 * 1024,
      "Mikrotik-Rate-Limit": "1M/4M",
    });
    expect(await authorizeAccess(access(pass.login, pass.pin), new Date(pass.expiresAt.getTime() + 1000))).toMatchObject({
      accept: false,
      reason: "GUEST_EXPIRED",
    });
    expect(await authorizeAccess(access(pass.login, pass.pin), pass.expiresAt)).toMatchObject({ accept: false, reason: "GUEST_EXPIRED" });
    // lower-case code typed by hand works; through the HTTP endpoint FreeRADIUS calls too
    const r = await callRadius("authorize", { "User-Name": pass.login.toLowerCase(), "User-Password": pass.pin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ "control:Auth-Type": { value: "Accept" }, "Session-Timeout": { value: expect.any(Number) } });
  });

  it("rejects a wrong PIN, counts wrong PINs, and rejects revoked, used-up and unknown passes with plain reasons", async () => {
    const u = await createUser(db());
    const t = clockNow();
    const pass = await issueGuestPass(u.id, { hours: 1 }, t);
    const wrong = pass.pin === "000000" ? "111111" : "000000";
    const bad = await authorizeAccess(access(pass.login, wrong), t);
    expect(bad).toMatchObject({ accept: false, reason: "GUEST_WRONG_PIN" });
    if (bad.accept) throw new Error("accepted");
    expect(bad.messages[1]).toContain("PIN");
    for (let i = 1; i < GUEST_PIN_FAILURES; i++) await authorizeAccess(access(pass.login, wrong), t);
    // past the count even the right PIN waits
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: false, reason: "GUEST_PIN_LOCKED" });
    forgetGuestPinFailures();
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: true });

    await db().guestPass.update({ where: { id: pass.id }, data: { usedBytes: pass.maxBytes } });
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: false, reason: "GUEST_USED_UP" });
    await revokeGuestPass(u.id, pass.id, t);
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: false, reason: "GUEST_REVOKED" });
    expect(await authorizeAccess(access("guest-ZZZZZZ", "123456"), t)).toMatchObject({ accept: false, reason: "BAD_CREDENTIALS" });
    expect(await authorizeAccess(access("guest-nonsense!", "123456"), t)).toMatchObject({ accept: false, reason: "BAD_CREDENTIALS" });
  });

  it("rejects a pass whose issuer is paused or suspended, and throttles a throttled issuer's visitor", async () => {
    const u = await createUser(db());
    const t = clockNow();
    const pass = await issueGuestPass(u.id, { hours: 1 }, t);
    await db().user.update({ where: { id: u.id }, data: { status: "PAUSED" } });
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: false, reason: "GUEST_ISSUER_PAUSED" });
    await db().user.update({ where: { id: u.id }, data: { status: "SUSPENDED" } });
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({ accept: false, reason: "GUEST_ISSUER_SUSPENDED" });
    await db().user.update({ where: { id: u.id }, data: { status: "ACTIVE" } });
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(t), 100n));
    await db().monthlyQuota.update({ where: { userId_month: { userId: u.id, month: monthKey(t) } }, data: { freeUsedBytes: 100n } });
    expect(await authorizeAccess(access(pass.login, pass.pin), t)).toMatchObject({
      accept: true,
      speedMode: "THROTTLED",
      reply: { "WISPr-Bandwidth-Max-Down": 2048 * 1024, "WISPr-Bandwidth-Max-Up": 1024 * 1024 },
    });
  });
});

describe("guest accounting and revoking", () => {
  it("charges the issuer's quota, grows the pass's usedBytes, lists no device, and disconnects once the data is used up", async () => {
    const nas = await registeredFakeNas({ secret: NAS_SECRET });
    const u = await createUser(db());
    const t = clockNow();
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(t), 10n * GiB));
    const pass = await issueGuestPass(u.id, { hours: 2, bytes: MiB }, t);
    const session = uniqueSession();
    const mac = randomMac();
    const acct = (status: string, output: bigint) => callRadius("accounting", acctAttrs({ status, user: pass.login, session, nasIp: nas.host, mac, output }));
    expect((await acct("Start", 0n)).status).toBe(204);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nas.host}-${session}` } });
    expect(s).toMatchObject({ userId: u.id, guestPassId: pass.id, unknownUser: false });
    expect((await acct("Interim-Update", 300_000n)).status).toBe(204);
    expect((await db().guestPass.findUniqueOrThrow({ where: { id: pass.id } })).usedBytes).toBe(300_000n);
    const q = await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: u.id, month: monthKey(t) } } });
    expect(q.freeUsedBytes).toBe(300_000n);
    expect(await db().device.count({ where: { userId: u.id } })).toBe(0);
    await settleGuestCutoffs();
    expect(nas.received).toHaveLength(0);

    // past the pass's 1 MiB: counted, and its visitor is disconnected after the commit
    expect((await acct("Interim-Update", MiB + 10n)).status).toBe(204);
    expect((await db().guestPass.findUniqueOrThrow({ where: { id: pass.id } })).usedBytes).toBe(MiB + 10n);
    await settleGuestCutoffs();
    const [d] = await nas.waitFor(1);
    expect(d!.code).toBe("Disconnect-Request");
    expect(d!.attributes).toMatchObject({ "User-Name": pass.login, "Acct-Session-Id": session });
    expect((await db().radiusSession.findUniqueOrThrow({ where: { id: s.id } })).state).toBe("STOPPED");
    const usage = await listGuestUsage(u.id, new Date(t.getTime() - HOUR), new Date(t.getTime() + HOUR));
    expect(usage).toEqual([expect.objectContaining({ id: pass.id, usedBytes: MiB + 10n })]);
  });

  it("revoking disconnects the pass's live visitors (owner only, idempotent, audited); staff revoke with a reason", async () => {
    const nas = await registeredFakeNas({ secret: NAS_SECRET });
    const u = await createUser(db());
    const other = await createUser(db());
    const t = clockNow();
    const pass = await issueGuestPass(u.id, { hours: 2 }, t);
    const session = uniqueSession();
    expect((await callRadius("accounting", acctAttrs({ status: "Start", user: pass.login, session, nasIp: nas.host }))).status).toBe(204);
    await expectCode(revokeGuestPass(other.id, pass.id, t), "NOT_FOUND");
    const r = await revokeGuestPass(u.id, pass.id, t);
    expect(r.disconnected).toEqual([expect.objectContaining({ kind: "DISCONNECT", result: "ACK" })]);
    expect(nas.received.map((x) => x.code)).toEqual(["Disconnect-Request"]);
    const again = await revokeGuestPass(u.id, pass.id, new Date(t.getTime() + 60_000));
    expect(again.revokedAt).toEqual(t);
    expect(again.disconnected).toEqual([]);
    expect(await db().auditLog.count({ where: { subjectId: u.id, action: "guest.pass.revoke" } })).toBe(1);
    const { live, past } = await listGuestPasses(u.id, t);
    expect(live).toEqual([]);
    expect(past).toEqual([expect.objectContaining({ id: pass.id, state: "REVOKED", login: guestLogin(pass.code) })]);

    const staff = await createUser(db(), { role: "OPERATOR" });
    const p2 = await issueGuestPass(u.id, { hours: 1 }, t);
    await expectCode(revokeGuestPassByStaff(staff.id, p2.id, "  ", t), "REASON_REQUIRED");
    await revokeGuestPassByStaff(staff.id, p2.id, "abuse report", t);
    const a = await db().auditLog.findFirstOrThrow({ where: { actorId: staff.id, action: "guest.pass.revoke" } });
    expect(a).toMatchObject({ subjectId: u.id, data: expect.objectContaining({ passId: p2.id, reason: "abuse report", by: "staff" }) });
  });
});
