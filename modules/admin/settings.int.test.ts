import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { GiB } from "@/lib/units";
import { getPolicyCached } from "@/modules/quota/service";
import { getRechargePolicy } from "@/modules/recharge/service";
import { nasClientSchema, nasClientUpdateSchema, quotaPolicyFormSchema, rechargePolicyFormSchema } from "./schemas";
import { createNasClient, deleteNasClient, getQuotaPolicy, listNasClients, updateNasClient, updateQuotaPolicy, updateRechargePolicy } from "./service";

let admin: { id: string };
let quotaBefore: Awaited<ReturnType<typeof getQuotaPolicy>>;
let rechargeBefore: Awaited<ReturnType<typeof getRechargePolicy>>;

beforeAll(async () => {
  admin = await createUser(db(), { role: "ADMIN", name: "设置管理员" });
  quotaBefore = await getQuotaPolicy();
  rechargeBefore = await getRechargePolicy();
});
afterAll(async () => {
  // Other test files read the policies: put them back as they were.
  await db().quotaPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...quotaBefore }, update: quotaBefore });
  await db().rechargePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...rechargeBefore }, update: rechargeBefore });
  // audit_log is append-only (migration 20261201004200): this admin's entries stay.
  await db().$disconnect();
});

describe("settings schemas", () => {
  const quota = { freeMonthlyGb: "20", highSpeedDownMbps: "100", highSpeedUpMbps: "50", throttledDownMbps: "2", throttledUpMbps: "1", reason: "测试" };

  it("turns GB and Mbit/s into bytes and kbit/s (1 Mbit = 1024 kbit)", () => {
    expect(quotaPolicyFormSchema.parse({ ...quota, freeMonthlyGb: "20.5", throttledUpMbps: "0.0625" })).toEqual({
      freeMonthlyBytes: 20n * GiB + GiB / 2n,
      highSpeedDownKbps: 102400,
      highSpeedUpKbps: 51200,
      throttledDownKbps: 2048,
      throttledUpKbps: 64,
      reason: "测试",
    });
  });

  it("refuses free quota over 1024 GB, speeds out of 64 kbit/s–10 Gbit/s and throttled above high speed", () => {
    const messages = (input: typeof quota) => {
      const r = quotaPolicyFormSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    };
    expect(messages({ ...quota, freeMonthlyGb: "1024" })).toEqual([]);
    expect(messages({ ...quota, freeMonthlyGb: "1024.01" })).toEqual(["freeMonthlyBytes:freeRange"]);
    expect(messages({ ...quota, freeMonthlyGb: "-1" })).toEqual(["freeMonthlyGb:gbFormat"]);
    expect(messages({ ...quota, throttledUpMbps: "0.06" })).toEqual(["throttledUpKbps:speedRange"]);
    expect(messages({ ...quota, highSpeedDownMbps: "10240" })).toEqual([]);
    expect(messages({ ...quota, highSpeedDownMbps: "10241" })).toEqual(["highSpeedDownKbps:speedRange"]);
    expect(messages({ ...quota, throttledDownMbps: "101" })).toEqual(["throttledDownKbps:throttledAboveHigh"]);
    expect(messages({ ...quota, highSpeedUpMbps: "abc" })).toEqual(["highSpeedUpMbps:number"]);
  });

  it("parses recharge limits in yuan without floats and checks min/max/timeout", () => {
    expect(rechargePolicyFormSchema.parse({ minYuan: "0.01", maxYuan: "500", orderTimeoutMinutes: "15", reason: " 测试 " })).toEqual({
      minFen: 1n,
      maxFen: 50000n,
      orderTimeoutMinutes: 15,
      reason: "测试",
    });
    const first = (input: { minYuan: string; maxYuan: string; orderTimeoutMinutes: string }) => {
      const r = rechargePolicyFormSchema.safeParse({ ...input, reason: "测试" });
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(first({ minYuan: "0", maxYuan: "5", orderTimeoutMinutes: "15" })).toBe("minTooSmall");
    expect(first({ minYuan: "10", maxYuan: "5", orderTimeoutMinutes: "15" })).toBe("maxBelowMin");
    expect(first({ minYuan: "1.005", maxYuan: "5", orderTimeoutMinutes: "15" })).toBe("amountFormat");
    expect(first({ minYuan: "1", maxYuan: "5", orderTimeoutMinutes: "0" })).toBe("timeoutRange");
    expect(first({ minYuan: "1", maxYuan: "5", orderTimeoutMinutes: "1441" })).toBe("timeoutRange");
  });

  it("validates NAS addresses, ports and secrets", () => {
    const nas = { name: "宿舍 BRAS", ipAddress: "10.0.0.1", coaPort: "3799", secret: "s3cret-key" };
    expect(nasClientSchema.parse(nas)).toEqual({ ...nas, coaPort: 3799 });
    expect(nasClientSchema.parse({ ...nas, ipAddress: "2001:DB8::1" }).ipAddress).toBe("2001:db8::1");
    const bad = (patch: Partial<typeof nas>) => nasClientSchema.safeParse({ ...nas, ...patch }).error?.issues[0]?.message;
    expect(bad({ ipAddress: "10.0.0.256" })).toBe("ipInvalid");
    expect(bad({ ipAddress: "bras.campus" })).toBe("ipInvalid");
    expect(bad({ coaPort: "0" })).toBe("portRange");
    expect(bad({ coaPort: "65536" })).toBe("portRange");
    expect(bad({ secret: "short" })).toBe("secretLength");
    expect(bad({ secret: "x".repeat(129) })).toBe("secretLength");
    expect(bad({ name: " " })).toBe("nameRequired");
    // editing: a blank secret keeps the current one
    expect(nasClientUpdateSchema.safeParse({ ...nas, id: crypto.randomUUID(), secret: "" }).success).toBe(true);
  });
});

describe("quota policy", () => {
  it("writes row 1, audits before/after and the RADIUS path sees it at once in this process", async () => {
    await getPolicyCached(); // warm the cache
    const after = { freeMonthlyBytes: 30n * GiB, highSpeedDownKbps: 204800, highSpeedUpKbps: 102400, throttledDownKbps: 3072, throttledUpKbps: 1024 };
    expect(await updateQuotaPolicy(admin.id, { ...after, reason: "迎新季提速" })).toEqual(after);
    expect(await db().quotaPolicy.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject(after);
    expect(await getPolicyCached()).toEqual(after);
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "policy.quota.update" }, orderBy: { id: "desc" } });
    expect(audit.data).toEqual({
      before: { ...quotaBefore, freeMonthlyBytes: quotaBefore.freeMonthlyBytes.toString() },
      after: { ...after, freeMonthlyBytes: after.freeMonthlyBytes.toString() },
      reason: "迎新季提速",
      revisionId: expect.stringMatching(/^\d+$/),
    });
  });

  it("refuses values the schema refuses (VALIDATION), changing nothing", async () => {
    const now = await getQuotaPolicy();
    const reason = "测试";
    await expect(updateQuotaPolicy(admin.id, { ...now, reason, throttledDownKbps: now.highSpeedDownKbps + 1 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateQuotaPolicy(admin.id, { ...now, reason, freeMonthlyBytes: 1025n * GiB })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await getQuotaPolicy()).toEqual(now);
  });
});

describe("recharge policy", () => {
  it("writes row 1 and audits before/after in fen strings", async () => {
    const reason = "调整充值限额";
    const saved = await updateRechargePolicy(admin.id, { minFen: 100n, maxFen: 80000n, orderTimeoutMinutes: 30, reason });
    expect(saved).toEqual({ minFen: 100n, maxFen: 80000n, orderTimeoutMinutes: 30 });
    expect(await getRechargePolicy()).toEqual(saved);
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "policy.recharge.update" }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({
      after: { minFen: "100", maxFen: "80000", orderTimeoutMinutes: 30 },
      before: { minFen: rechargeBefore.minFen.toString() },
    });
    await expect(updateRechargePolicy(admin.id, { minFen: 500n, maxFen: 100n, orderTimeoutMinutes: 30, reason })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateRechargePolicy(admin.id, { minFen: 0n, maxFen: 100n, orderTimeoutMinutes: 30, reason })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateRechargePolicy(admin.id, { minFen: 1n, maxFen: 100n, orderTimeoutMinutes: 1441, reason })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("NAS clients", () => {
  it("adds, refuses a duplicate IP, edits (keeping or changing the secret), deletes; the audit log never holds the secret", async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const nas = await createNasClient(admin.id, { name: "测试 NAS", ipAddress: ip, coaPort: 3799, secret: "first-secret" });
    expect(await listNasClients()).toContainEqual(expect.objectContaining({ id: nas.id, ipAddress: ip, coaPort: 3799 }));
    expect(await listNasClients()).not.toContainEqual(expect.objectContaining({ secret: expect.anything() }));
    await expect(createNasClient(admin.id, { name: "重复", ipAddress: ip, coaPort: 3799, secret: "other-secret" })).rejects.toMatchObject({
      code: "NAS_IP_IN_USE",
    });

    await updateNasClient(admin.id, { id: nas.id, name: "测试 NAS 2", ipAddress: ip, coaPort: 1700, secret: "" });
    expect(await db().nasClient.findUniqueOrThrow({ where: { id: nas.id } })).toMatchObject({ name: "测试 NAS 2", coaPort: 1700, secret: "first-secret" });
    await updateNasClient(admin.id, { id: nas.id, name: "测试 NAS 2", ipAddress: ip, coaPort: 1700, secret: "second-secret" });
    expect((await db().nasClient.findUniqueOrThrow({ where: { id: nas.id } })).secret).toBe("second-secret");
    await expect(updateNasClient(admin.id, { id: nas.id, name: "x", ipAddress: "999.1.1.1", coaPort: 1700, secret: "" })).rejects.toMatchObject({
      code: "VALIDATION",
    });

    await deleteNasClient(admin.id, nas.id);
    expect(await db().nasClient.findUnique({ where: { id: nas.id } })).toBeNull();
    await expect(deleteNasClient(admin.id, nas.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const audits = await db().auditLog.findMany({ where: { actorId: admin.id, action: { startsWith: "nas." } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["nas.create", "nas.update", "nas.update", "nas.delete"]);
    expect(audits[2]!.data).toMatchObject({ secretChanged: true, before: { coaPort: 1700 } });
    expect(JSON.stringify(audits.map((a) => a.data))).not.toMatch(/secret"?:\s*"|first-secret|second-secret/);
  });
});
