// Policy history (decision 030) on real PostgreSQL: every edit of the quota, recharge and service
// policy writes its revision (before, after, changed fields, who, why, when by lib/clock.ts) in the
// same transaction as the row and its audit entry; an edit that changes nothing, one without a
// reason and one with bad values write nothing; only the admin may edit, through the real actions.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { createUser } from "@/dev/factory";
import { resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { GiB, MiB } from "@/lib/units";
import { getServicePolicy, getServicePolicyCached } from "@/modules/policy/service";
import { getRechargePolicy } from "@/modules/recharge/service";
import { updateQuotaPolicyAction, updateRechargePolicyAction, updateServicePolicyAction } from "./actions";
import { quotaPolicyFormSchema, servicePolicyFormSchema } from "./schemas";
import { getPolicyHistory, getQuotaPolicy, updateQuotaPolicy, updateRechargePolicy, updateServicePolicy } from "./service";

let admin: { id: string; studentNo: string; name: string };
let quotaBefore: Awaited<ReturnType<typeof getQuotaPolicy>>;
let rechargeBefore: Awaited<ReturnType<typeof getRechargePolicy>>;
let serviceBefore: Awaited<ReturnType<typeof getServicePolicy>>;

/** What an edit may have written: revisions, audit entries and the three rows. */
async function snapshot() {
  const [revisions, audits, quota, recharge, service] = await Promise.all([
    db().policyRevision.count(),
    db().auditLog.count({ where: { action: { startsWith: "policy." } } }),
    getQuotaPolicy(),
    getRechargePolicy(),
    getServicePolicy(),
  ]);
  return { revisions, audits, quota, recharge, service };
}

beforeAll(async () => {
  const no = `T${randomInt(1e9)}`;
  const user = await createUser(db(), { role: "ADMIN", name: "策略管理员", studentNo: no });
  admin = { id: user.id, studentNo: no, name: "策略管理员" };
  [quotaBefore, rechargeBefore, serviceBefore] = await Promise.all([getQuotaPolicy(), getRechargePolicy(), getServicePolicy()]);
});
afterEach(() => {
  resetClock();
  session.userId = null;
});
afterAll(async () => {
  // Other test files read the policies: put the rows back as they were (revisions are append-only and stay).
  await db().quotaPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...quotaBefore }, update: quotaBefore });
  await db().rechargePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...rechargeBefore }, update: rechargeBefore });
  await db().servicePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...serviceBefore }, update: serviceBefore });
  await db().$disconnect();
});

describe("a policy edit keeps its history", () => {
  it("writes the quota row, its revision (before, after, changed fields, who, why, when) and the audit entry together", async () => {
    const at = new Date("2026-09-01T02:30:00Z");
    setClock(at);
    const before = await getQuotaPolicy();
    const after = { ...before, throttledDownKbps: before.throttledDownKbps === 1024 ? 1536 : 1024 };
    await updateQuotaPolicy(admin.id, { ...after, reason: "  晚高峰限速调整  " });

    expect(await getQuotaPolicy()).toEqual(after);
    const [rev] = (await getPolicyHistory("quota", { limit: 1 })).rows;
    expect(rev).toMatchObject({
      kind: "QUOTA",
      changed: ["throttledDownKbps"],
      reason: "晚高峰限速调整",
      createdAt: at,
      actor: { studentNo: admin.studentNo, name: admin.name },
      previous: { ...before, freeMonthlyBytes: before.freeMonthlyBytes.toString() },
      values: { ...after, freeMonthlyBytes: after.freeMonthlyBytes.toString() },
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "policy.quota.update" }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ reason: "晚高峰限速调整", revisionId: rev!.id.toString() });
  });

  it("keeps several fields' old and new values, bigints as strings, for the recharge and service policies", async () => {
    const r0 = await getRechargePolicy();
    const r1 = { minFen: r0.minFen + 100n, maxFen: r0.maxFen + 100n, orderTimeoutMinutes: r0.orderTimeoutMinutes };
    await updateRechargePolicy(admin.id, { ...r1, reason: "物价调整" });
    const [rRev] = (await getPolicyHistory("recharge", { limit: 1 })).rows;
    expect(rRev).toMatchObject({
      changed: ["minFen", "maxFen"],
      previous: { minFen: r0.minFen.toString(), maxFen: r0.maxFen.toString() },
      values: { minFen: r1.minFen.toString(), maxFen: r1.maxFen.toString() },
    });

    await getServicePolicyCached(); // warm the hot path's cache: the edit must reach it at once in this process
    const s0 = await getServicePolicy();
    const s1 = { ...s0, deviceLimit: s0.deviceLimit === 5 ? 4 : 5, guestPassMaxBytes: s0.guestPassMaxBytes + 512n * MiB };
    expect(await updateServicePolicy(admin.id, { ...s1, reason: "宿舍设备增多" })).toEqual(s1);
    expect(await getServicePolicyCached()).toEqual(s1);
    const [sRev] = (await getPolicyHistory("service", { limit: 1 })).rows;
    expect(sRev).toMatchObject({
      kind: "SERVICE",
      changed: ["guestPassMaxBytes", "deviceLimit"],
      previous: { deviceLimit: s0.deviceLimit, guestPassMaxBytes: s0.guestPassMaxBytes.toString() },
      values: { deviceLimit: s1.deviceLimit, guestPassMaxBytes: s1.guestPassMaxBytes.toString() },
    });
    expect(await db().auditLog.count({ where: { action: "policy.service.update", actorId: admin.id } })).toBe(1);
  });

  it("is rolled back whole when the revision cannot be written (no row change, no audit entry)", async () => {
    const before = await snapshot();
    const q = before.quota;
    // An actor that is no user: the revision's foreign key fails after the row was updated in the transaction.
    await expect(updateQuotaPolicy(randomUUID(), { ...q, highSpeedUpKbps: q.highSpeedUpKbps + 1024, reason: "回滚" })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("pages the history newest first by keyset", async () => {
    const q = await getQuotaPolicy();
    for (const i of [1n, 2n, 3n]) {
      await updateQuotaPolicy(admin.id, { ...q, freeMonthlyBytes: q.freeMonthlyBytes + i * GiB, reason: `第 ${i} 次` });
    }
    const first = await getPolicyHistory("quota", { limit: 2 });
    expect(first.rows.map((r) => r.reason)).toEqual(["第 3 次", "第 2 次"]);
    expect(first.nextBefore).toBe(first.rows[1]!.id);
    const second = await getPolicyHistory("quota", { before: first.nextBefore!, limit: 2 });
    expect(second.rows[0]!.reason).toBe("第 1 次");
    expect(second.rows[0]!.id < first.rows[1]!.id).toBe(true);
  });
});

describe("an edit that writes nothing", () => {
  it("refuses an edit that changes nothing (POLICY_UNCHANGED)", async () => {
    const before = await snapshot();
    await expect(updateQuotaPolicy(admin.id, { ...before.quota, reason: "没有改动" })).rejects.toMatchObject({ code: "POLICY_UNCHANGED" });
    await expect(updateRechargePolicy(admin.id, { ...before.recharge, reason: "没有改动" })).rejects.toMatchObject({ code: "POLICY_UNCHANGED" });
    await expect(updateServicePolicy(admin.id, { ...before.service, reason: "没有改动" })).rejects.toMatchObject({ code: "POLICY_UNCHANGED" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a missing, blank or over-long reason (VALIDATION; the form says reasonRequired / reasonTooLong)", async () => {
    const before = await snapshot();
    const changed = { ...before.quota, freeMonthlyBytes: before.quota.freeMonthlyBytes + GiB };
    for (const reason of ["", "   ", "长".repeat(201)]) {
      await expect(updateQuotaPolicy(admin.id, { ...changed, reason })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(updateQuotaPolicy(admin.id, changed as never)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await snapshot()).toEqual(before);

    const form = { freeMonthlyGb: "20", highSpeedDownMbps: "100", highSpeedUpMbps: "50", throttledDownMbps: "2", throttledUpMbps: "1" };
    const issue = (reason: string) => quotaPolicyFormSchema.safeParse({ ...form, reason }).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(issue(" ")).toEqual(["reason:reasonRequired"]);
    expect(issue("x".repeat(201))).toEqual(["reason:reasonTooLong"]);
    expect(issue("x".repeat(200))).toBeUndefined();
  });

  it("refuses bad values, writing nothing", async () => {
    const before = await snapshot();
    const s = before.service;
    const reason = "坏值";
    await expect(updateServicePolicy(admin.id, { ...s, reason, pauseMaxDays: s.pauseMinDays - 1 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateServicePolicy(admin.id, { ...s, reason, deviceLimit: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateServicePolicy(admin.id, { ...s, reason, guestDownKbps: 10 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateRechargePolicy(admin.id, { ...before.recharge, reason, maxFen: before.recharge.minFen - 1n })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(await snapshot()).toEqual(before);

    const form = {
      appealWindowHours: "72",
      appealMaxUsedMb: "100",
      guestPassMaxHours: "6",
      guestPassMaxGb: "2",
      guestPassMaxLive: "3",
      guestDownMbps: "4",
      guestUpMbps: "1",
      pauseMinDays: "7",
      pauseMaxDays: "180",
      deviceLimit: "3",
      reason: "表单",
    };
    expect(servicePolicyFormSchema.parse(form)).toEqual({
      appealWindowHours: 72,
      appealMaxUsedBytes: 100n * MiB,
      guestPassMaxHours: 6,
      guestPassMaxBytes: 2n * GiB,
      guestPassMaxLive: 3,
      guestDownKbps: 4096,
      guestUpKbps: 1024,
      pauseMinDays: 7,
      pauseMaxDays: 180,
      deviceLimit: 3,
      reason: "表单",
    });
    const first = (patch: Partial<typeof form>) => servicePolicyFormSchema.safeParse({ ...form, ...patch }).error?.issues[0]?.message;
    expect(first({ deviceLimit: "21" })).toBe("deviceLimitRange");
    expect(first({ pauseMaxDays: "6" })).toBe("pauseMaxBelowMin");
    expect(first({ appealWindowHours: "1.5" })).toBe("appealWindowRange");
    expect(first({ guestPassMaxGb: "0" })).toBe("guestBytesRange");
  });
});

describe("who may edit (the real actions, the session stubbed)", () => {
  it("refuses students, operators and finance, and the anonymous; writes nothing", async () => {
    const before = await snapshot();
    const quota = { freeMonthlyGb: "77", highSpeedDownMbps: "100", highSpeedUpMbps: "50", throttledDownMbps: "2", throttledUpMbps: "1", reason: "越权" };
    const recharge = { minYuan: "1", maxYuan: "777", orderTimeoutMinutes: "15", reason: "越权" };
    const service = {
      appealWindowHours: "77",
      appealMaxUsedMb: "100",
      guestPassMaxHours: "6",
      guestPassMaxGb: "2",
      guestPassMaxLive: "3",
      guestDownMbps: "4",
      guestUpMbps: "1",
      pauseMinDays: "7",
      pauseMaxDays: "180",
      deviceLimit: "3",
      reason: "越权",
    };
    for (const role of ["STUDENT", "OPERATOR", "FINANCE"] as const) {
      session.userId = (await createUser(db(), { role, studentNo: `X${randomInt(1e9)}` })).id;
      expect((await updateQuotaPolicyAction(quota))?.serverError?.code).toBe("FORBIDDEN");
      expect((await updateRechargePolicyAction(recharge))?.serverError?.code).toBe("FORBIDDEN");
      expect((await updateServicePolicyAction(service))?.serverError?.code).toBe("FORBIDDEN");
    }
    session.userId = null;
    expect((await updateServicePolicyAction(service))?.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await snapshot()).toEqual(before);
  });

  it("lets the admin edit through the action; a missing reason is a field error, an unchanged form a localised refusal", async () => {
    session.userId = admin.id;
    const s = await getServicePolicy();
    const form = {
      appealWindowHours: String(s.appealWindowHours === 48 ? 72 : 48),
      appealMaxUsedMb: String(s.appealMaxUsedBytes / MiB),
      guestPassMaxHours: String(s.guestPassMaxHours),
      guestPassMaxGb: String(Number(s.guestPassMaxBytes / (GiB / 100n)) / 100),
      guestPassMaxLive: String(s.guestPassMaxLive),
      guestDownMbps: String(s.guestDownKbps / 1024),
      guestUpMbps: String(s.guestUpKbps / 1024),
      pauseMinDays: String(s.pauseMinDays),
      pauseMaxDays: String(s.pauseMaxDays),
      deviceLimit: String(s.deviceLimit),
      reason: "",
    };
    const missing = await updateServicePolicyAction(form);
    expect(missing?.validationErrors?.fieldErrors).toMatchObject({ reason: ["reasonRequired"] });

    const ok = await updateServicePolicyAction({ ...form, reason: "考试周延长申诉时限" });
    expect(ok?.data?.appealWindowHours).toBe(Number(form.appealWindowHours));
    const [rev] = (await getPolicyHistory("service", { limit: 1 })).rows;
    expect(rev).toMatchObject({ changed: ["appealWindowHours"], reason: "考试周延长申诉时限", actor: { studentNo: admin.studentNo } });

    const again = await updateServicePolicyAction({ ...form, reason: "再保存一次" });
    expect(again?.serverError?.code).toBe("POLICY_UNCHANGED");
  });
});
