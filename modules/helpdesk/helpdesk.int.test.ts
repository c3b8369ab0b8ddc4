import { afterEach, describe, expect, it } from "vitest";
import { now as clockNow, resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { GiB } from "@/lib/units";
import { createUser } from "@/dev/factory";
import { verifyLedger } from "@/modules/ledger/service";
import { setNetworkPassword } from "@/modules/network/service";
import { networkPasswordSchema } from "@/modules/network/schemas";
import { chargeUsage, ensureMonthlyQuota, speedStateIn } from "@/modules/quota/service";
import { authorizeAccess } from "@/modules/radius/authorize.service";
import type { AccessRequest } from "@/modules/radius/packets";
import { acctAttrs, callRadius, fakeNasHooks, randomMac, registeredFakeNas, uniqueSession } from "@/modules/radius/test-helpers";
import {
  adjustBalance,
  adjustQuota,
  kickAllSessions,
  kickSession,
  listQuotaAdjustments,
  listWalletLedger,
  resetNetworkPasswordByStaff,
  resumeAccount,
  setDeviceBlocked,
  suspendAccount,
  temporaryPassword,
  unlockNetworkLogin,
} from "./service";

fakeNasHooks();
afterEach(() => resetClock());
const nas = () => registeredFakeNas({ secret: "nas-secret-helpdesk" });

async function online(studentNo: string, nasIp: string, mac: string) {
  const session = uniqueSession();
  await callRadius("accounting", acctAttrs({ status: "Start", user: studentNo, session, nasIp, mac, ip: "10.1.1.2" }));
  return (await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } })).id;
}

const access = (username: string, password: string): AccessRequest => ({
  username,
  password,
  hasChallengeAuth: false,
  usernameMac: null,
  callingMac: "02:AA:BB:CC:DD:42",
  nasIp: "10.255.0.1",
});

async function audit(subjectId: string, action: string) {
  return db().auditLog.findMany({ where: { subjectId, action }, select: { actorId: true, data: true } });
}

describe("suspend and resume", () => {
  it("suspends with a reason: sessions kicked, logins refused, audited; resume lets the student back", async () => {
    const n = await nas();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    await setNetworkPassword(u.id, "Campus2026net");
    await online(u.studentNo, n.host, randomMac());
    await online(u.studentNo, n.host, randomMac());

    await expect(suspendAccount(staff, u.id, " ")).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    await expect(suspendAccount(staff, staff.id, "test")).rejects.toMatchObject({ code: "STAFF_SELF_ACTION" });
    const r = await suspendAccount(staff, u.id, "phone reported stolen");
    expect(r.status).toBe("SUSPENDED");
    expect(r.kicked.map((k) => k.result)).toEqual(["ACK", "ACK"]);
    expect(n.received.map((x) => x.code)).toEqual(["Disconnect-Request", "Disconnect-Request"]);
    expect(await db().radiusSession.count({ where: { userId: u.id, state: "ACTIVE" } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).status).toBe("SUSPENDED");
    expect(await authorizeAccess(access(u.studentNo, "Campus2026net"))).toMatchObject({ accept: false, reason: "SUSPENDED" });
    expect(await audit(u.id, "staff.account.suspend")).toEqual([{ actorId: staff.id, data: { reason: "phone reported stolen", from: "ACTIVE" } }]);
    await expect(suspendAccount(staff, u.id, "again")).rejects.toMatchObject({ code: "ACCOUNT_ALREADY_SUSPENDED" });

    expect((await resumeAccount(staff, u.id, "phone found")).status).toBe("ACTIVE");
    expect(await authorizeAccess(access(u.studentNo, "Campus2026net"))).toMatchObject({ accept: true });
    await expect(resumeAccount(staff, u.id, "again")).rejects.toMatchObject({ code: "ACCOUNT_NOT_SUSPENDED" });
    expect(await audit(u.id, "staff.account.resume")).toHaveLength(1);
  });

  it("a suspended account that had a pause in effect resumes as paused", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    const u = await createUser(db(), { status: "PAUSED" });
    const t = clockNow();
    await db().accountPause.create({
      data: { userId: u.id, state: "ACTIVE", startsAt: t, endsAt: new Date(t.getTime() + 5 * 86_400_000), startedAt: t },
    });
    await suspendAccount(staff, u.id, "audit");
    expect((await resumeAccount(staff, u.id, "done")).status).toBe("PAUSED");
  });
});

describe("sessions and devices", () => {
  it("kicks one session of this student only, or all of them", async () => {
    const n = await nas();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    const other = await createUser(db());
    const mine = await online(u.studentNo, n.host, randomMac());
    const theirs = await online(other.studentNo, n.host, randomMac());
    await expect(kickSession(staff, u.id, theirs, "wrong student")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().radiusSession.count({ where: { id: theirs, state: "ACTIVE" } })).toBe(1);
    expect((await kickSession(staff, u.id, mine, "helpdesk call")).result).toBe("ACK");
    await online(u.studentNo, n.host, randomMac());
    await online(u.studentNo, n.host, randomMac());
    expect((await kickAllSessions(staff, u.id, "reset")).map((o) => o.result)).toEqual(["ACK", "ACK"]);
    expect(await db().radiusSession.count({ where: { userId: u.id, state: "ACTIVE" } })).toBe(0);
    expect(await db().radiusSession.count({ where: { id: theirs, state: "ACTIVE" } })).toBe(1);
    expect(await audit(u.id, "staff.session.kick")).toHaveLength(1);
    expect(await audit(u.id, "staff.session.kick_all")).toHaveLength(1);
  });

  it("blocks a device (its sessions go) and unblocks it; another student's device is not found", async () => {
    const n = await nas();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    const other = await createUser(db());
    const mac = randomMac();
    await online(u.studentNo, n.host, mac);
    const device = await db().device.findFirstOrThrow({ where: { userId: u.id, mac } });
    await expect(setDeviceBlocked(staff, other.id, device.id, true, "x y")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const r = await setDeviceBlocked(staff, u.id, device.id, true, "lost phone");
    expect(r.kicked.map((k) => k.result)).toEqual(["ACK"]);
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).blocked).toBe(true);
    await setDeviceBlocked(staff, u.id, device.id, false, "found it");
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).blocked).toBe(false);
    expect((await audit(u.id, "staff.device.block")).map((a) => a.data)).toEqual([{ mac, reason: "lost phone" }]);
  });
});

describe("network login", () => {
  it("lifts a lock-out", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    await expect(unlockNetworkLogin(staff, u.id)).rejects.toMatchObject({ code: "NO_NETWORK_PASSWORD" });
    await setNetworkPassword(u.id, "Locked2026out");
    await db().networkCredential.update({ where: { userId: u.id }, data: { failedAttempts: 9, lockedUntil: new Date(clockNow().getTime() + 3600_000) } });
    expect(await authorizeAccess(access(u.studentNo, "Locked2026out"))).toMatchObject({ accept: false, reason: "LOCKED" });
    await unlockNetworkLogin(staff, u.id);
    expect(await authorizeAccess(access(u.studentNo, "Locked2026out"))).toMatchObject({ accept: true });
    expect(await audit(u.id, "staff.network.unlock")).toHaveLength(1);
  });

  it("a temporary password: meets the rules, works for a day, and stops when the student sets their own", async () => {
    for (let i = 0; i < 200; i++) expect(networkPasswordSchema.safeParse(temporaryPassword()).success).toBe(true);
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    setClock("2026-12-01T02:00:00Z");
    const { code, expiresAt } = await resetNetworkPasswordByStaff(staff, u.id, "forgot password, called in");
    expect(expiresAt.toISOString()).toBe("2026-12-02T02:00:00.000Z");
    expect(await authorizeAccess(access(u.studentNo, code))).toMatchObject({ accept: true });
    expect(await authorizeAccess(access(u.studentNo, code), new Date("2026-12-02T02:00:01Z"))).toMatchObject({ accept: false, reason: "PASSWORD_EXPIRED" });
    // Nothing in the audit trail shows the code.
    const [entry] = await audit(u.id, "staff.network.password_reset");
    expect(JSON.stringify(entry)).not.toContain(code);
    await setNetworkPassword(u.id, "MyOwn2026pass");
    expect(await authorizeAccess(access(u.studentNo, "MyOwn2026pass"), new Date("2026-12-05T00:00:00Z"))).toMatchObject({ accept: true });
  });
});

describe("adjustments", () => {
  it("a balance adjustment is a ledger entry: credit, debit, once per key, never below zero", async () => {
    const staff = await createUser(db(), { role: "FINANCE" });
    const u = await createUser(db(), { balanceFen: 1000n });
    const key1 = crypto.randomUUID();
    const a = await adjustBalance(staff, u.id, 500n, "double charge on 11-30", key1);
    expect(a).toMatchObject({ created: true, balanceFen: 1500n });
    expect(await adjustBalance(staff, u.id, 500n, "double charge on 11-30", key1)).toMatchObject({ created: false, balanceFen: 1500n });
    await expect(adjustBalance(staff, u.id, -1501n, "too much", crypto.randomUUID())).rejects.toMatchObject({ code: "ADJUSTMENT_BELOW_ZERO" });
    await expect(adjustBalance(staff, u.id, 0n, "zero", crypto.randomUUID())).rejects.toMatchObject({ code: "ADJUSTMENT_INVALID" });
    expect(await adjustBalance(staff, u.id, -1500n, "closing", crypto.randomUUID())).toMatchObject({ created: true, balanceFen: 0n });
    const lines = await listWalletLedger(u.id);
    expect(lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ["ADJUSTMENT", -1500n],
      ["ADJUSTMENT", 500n],
      ["OPENING", 1000n],
    ]);
    expect(lines[1]!.memo).toBe("double charge on 11-30");
    expect((await verifyLedger()).ok).toBe(true);
    expect(await audit(u.id, "staff.balance.adjust")).toHaveLength(2);
  });

  it("a quota adjustment moves this month's quota, once per key, never below what is used, and restores high speed", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    setClock("2026-12-15T04:00:00Z");
    const month = monthKey(clockNow());
    await db().$transaction(async (tx) => {
      await ensureMonthlyQuota(tx, u.id, month, 10n * GiB);
      await chargeUsage(tx, u.id, 10n * GiB, clockNow());
    });
    expect((await speedStateIn(db(), u.id)).speedMode).toBe("THROTTLED");
    const key = crypto.randomUUID();
    expect(await adjustQuota(staff, u.id, 5n * GiB, "outage on 12-14", key)).toMatchObject({ created: true, month, freeBytes: 15n * GiB });
    expect(await adjustQuota(staff, u.id, 5n * GiB, "outage on 12-14", key)).toMatchObject({ created: false, freeBytes: 15n * GiB });
    expect((await speedStateIn(db(), u.id)).speedMode).toBe("HIGH_SPEED");
    await expect(adjustQuota(staff, u.id, -6n * GiB, "typo", crypto.randomUUID())).rejects.toMatchObject({ code: "ADJUSTMENT_BELOW_USED" });
    expect((await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: u.id, month } } })).freeBytes).toBe(15n * GiB);
    expect(await listQuotaAdjustments(u.id)).toEqual([expect.objectContaining({ month, bytes: 5n * GiB, reason: "outage on 12-14" })]);
    await expect(db().$executeRaw`DELETE FROM "quota_adjustments" WHERE "userId" = ${u.id}::uuid`).rejects.toThrow(/append-only/);
  });
});
