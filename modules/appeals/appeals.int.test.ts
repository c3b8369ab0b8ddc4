import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, fundWallet, giveHolding, packageByCode } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { MiB } from "@/lib/units";
import { verifyLedger } from "@/modules/ledger/service";
import { exchangePackage } from "@/modules/packages/service";
import { getServicePolicy } from "@/modules/policy/service";
import { ensureMonthlyQuota, getQuotaSummary } from "@/modules/quota/service";
import { scheduleSpeedSync, settleSpeedSyncs } from "@/modules/radius/coa.service";
import { acctAttrs, callRadius, fakeNasHooks, registeredFakeNas, uniqueSession, vendorAttrs } from "@/modules/radius/test-helpers";
import { decideAppeal, fileAppeal, getAppealStatuses, listAppealsForStaff } from "./service";

const HOUR = 3_600_000;
let staffId: string;
let windowMs: number;
let maxUsed: bigint;

fakeNasHooks();
beforeAll(async () => {
  await ensureCatalogue(db());
  staffId = (await createUser(db(), { role: "FINANCE", name: "测试财务" })).id;
  const policy = await getServicePolicy();
  windowMs = policy.appealWindowHours * HOUR;
  maxUsed = policy.appealMaxUsedBytes;
});
afterAll(async () => {
  await settleSpeedSyncs();
});

async function balanceOf(userId: string) {
  return (await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen;
}

/** A student who exchanged P10 at `at` (the wallet holds `extraFen` besides what paid for it). */
async function exchanged(opts: { at?: Date; usedBytes?: bigint; extraFen?: bigint } = {}) {
  const u = await createUser(db(), { balanceFen: opts.extraFen ?? 500n });
  const h = await giveHolding(db(), u.id, "P10", { at: opts.at ?? new Date(clockNow().getTime() - HOUR), usedBytes: opts.usedBytes });
  return { u, h, at: opts.at };
}

const approve = (appealId: string, reason = "核实为误操作") => decideAppeal({ appealId, staffId, approve: true, reason });

describe("filing an appeal (误操作申诉)", () => {
  it("is allowed one second before the window closes and refused one second after (and at the instant it closes)", async () => {
    const at = new Date("2026-11-20T10:00:00Z");
    const a = await exchanged({ at });
    const r = await fileAppeal(a.u.id, a.h.id, "  点错了套餐  ", new Date(at.getTime() + windowMs - 1000));
    expect(r.state).toBe("PENDING");
    const row = await db().exchangeAppeal.findUniqueOrThrow({ where: { id: r.appealId } });
    expect(row).toMatchObject({ reason: "点错了套餐", userId: a.u.id, holdingId: a.h.id, usedBytesAtFiling: 0n });

    const b = await exchanged({ at });
    await expect(fileAppeal(b.u.id, b.h.id, "点错了", new Date(at.getTime() + windowMs + 1000))).rejects.toMatchObject({
      code: "APPEAL_WINDOW_CLOSED",
      params: { hours: windowMs / HOUR },
    });
    await expect(fileAppeal(b.u.id, b.h.id, "点错了", new Date(at.getTime() + windowMs))).rejects.toMatchObject({ code: "APPEAL_WINDOW_CLOSED" });
    expect(await db().exchangeAppeal.count({ where: { holdingId: b.h.id } })).toBe(0);
  });

  it("is allowed one byte below the used-bytes limit and refused at it and one byte over", async () => {
    const below = await exchanged({ usedBytes: maxUsed - 1n });
    expect((await fileAppeal(below.u.id, below.h.id, "买错了")).usedBytesAtFiling).toBe(maxUsed - 1n);
    for (const used of [maxUsed, maxUsed + 1n]) {
      const over = await exchanged({ usedBytes: used });
      await expect(fileAppeal(over.u.id, over.h.id, "买错了")).rejects.toMatchObject({ code: "APPEAL_TOO_MUCH_USED", params: { max: "100 MB" } });
    }
  });

  it("is only for the exchange's owner", async () => {
    const a = await exchanged();
    const other = await createUser(db());
    await expect(fileAppeal(other.id, a.h.id, "不是我的")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(fileAppeal(other.id, randomUUID(), "不存在")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().exchangeAppeal.count({ where: { holdingId: a.h.id } })).toBe(0);
  });

  it("wants a reason: trimmed, required, at most 300 characters", async () => {
    const a = await exchanged();
    await expect(fileAppeal(a.u.id, a.h.id, "   ")).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    await expect(fileAppeal(a.u.id, a.h.id, "长".repeat(301))).rejects.toMatchObject({ code: "APPEAL_REASON_TOO_LONG", params: { max: 300 } });
    expect((await fileAppeal(a.u.id, a.h.id, "长".repeat(300))).state).toBe("PENDING");
  });

  it("refuses a package no longer in use (used up, expired, refunded)", async () => {
    for (const state of ["USED_UP", "EXPIRED"] as const) {
      const u = await createUser(db());
      const h = await giveHolding(db(), u.id, "P10", { at: new Date(clockNow().getTime() - HOUR), state });
      await expect(fileAppeal(u.id, h.id, "买错了")).rejects.toMatchObject({ code: "APPEAL_NOT_ALLOWED" });
    }
  });

  it("allows one appeal per exchange, also when two filings race", async () => {
    const a = await exchanged();
    await fileAppeal(a.u.id, a.h.id, "第一次");
    await expect(fileAppeal(a.u.id, a.h.id, "第二次")).rejects.toMatchObject({ code: "APPEAL_EXISTS" });

    const b = await exchanged();
    const results = await Promise.allSettled([fileAppeal(b.u.id, b.h.id, "同时一"), fileAppeal(b.u.id, b.h.id, "同时二")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "APPEAL_EXISTS" });
    expect(await db().exchangeAppeal.count({ where: { holdingId: b.h.id } })).toBe(1);
  });

  it("is audited with the student's reason", async () => {
    const a = await exchanged();
    const r = await fileAppeal(a.u.id, a.h.id, "误触了换购");
    const audit = await db().auditLog.findFirstOrThrow({ where: { subjectId: a.u.id, action: "appeal.file" } });
    expect(audit.actorId).toBe(a.u.id);
    expect(audit.data).toMatchObject({ appealId: r.appealId, holdingId: a.h.id, reason: "误触了换购", usedBytes: "0", priceFen: "1000" });
  });
});

describe("staff deciding an appeal", () => {
  it("approval refunds the price by a reversing entry, voids the package, tells the student and is audited", async () => {
    const a = await exchanged({ extraFen: 500n });
    expect(await balanceOf(a.u.id)).toBe(500n);
    expect((await getQuotaSummary(a.u.id)).package?.code).toBe("P10");
    const { appealId } = await fileAppeal(a.u.id, a.h.id, "点错了");

    const d = await approve(appealId);
    expect(d).toMatchObject({ state: "APPROVED", refundedFen: 1000n, holdingId: a.h.id, speedSync: [] });
    expect(await balanceOf(a.u.id)).toBe(1500n);
    const entry = await db().journalEntry.findUniqueOrThrow({
      where: { id: d.refundEntryId! },
      select: { kind: true, idempotencyKey: true, createdById: true, postings: { select: { amountFen: true, account: { select: { code: true } } } } },
    });
    expect(entry).toMatchObject({ kind: "REVERSAL", idempotencyKey: `appeal:${appealId}`, createdById: staffId });
    expect(entry.postings.map((p) => [p.account.code, p.amountFen]).sort()).toEqual([
      ["revenue:packages", -1000n],
      [`wallet:${a.u.id}`, 1000n],
    ]);
    expect((await db().packageHolding.findUniqueOrThrow({ where: { id: a.h.id } })).state).toBe("REFUNDED");
    expect((await getQuotaSummary(a.u.id)).package).toBeNull();
    expect(await db().exchangeAppeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({
      state: "APPROVED",
      refundEntryId: d.refundEntryId,
      decidedById: staffId,
      decisionReason: "核实为误操作",
    });
    expect(await db().notification.findMany({ where: { userId: a.u.id }, select: { kind: true, dedupeKey: true } })).toEqual([
      { kind: "APPEAL_APPROVED", dedupeKey: `appeal:${appealId}` },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { subjectId: a.u.id, action: "appeal.approve" } });
    expect(audit.actorId).toBe(staffId);
    expect(audit.data).toMatchObject({ appealId, reason: "核实为误操作", refundEntryId: d.refundEntryId, refundedFen: "1000" });
    expect((await verifyLedger()).ok).toBe(true);

    // The package slot is free again: the student can exchange another one.
    const p5 = await packageByCode(db(), "P5");
    await exchangePackage({ userId: a.u.id, packageId: p5.id, requestKey: randomUUID() });
    expect(await balanceOf(a.u.id)).toBe(1000n);
  });

  it("approves at most once when two approvals race: one refund, the other APPEAL_ALREADY_DECIDED", async () => {
    const a = await exchanged({ extraFen: 0n });
    const { appealId } = await fileAppeal(a.u.id, a.h.id, "点错了");
    const results = await Promise.allSettled([approve(appealId, "一"), approve(appealId, "二")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "APPEAL_ALREADY_DECIDED" });
    await expect(approve(appealId)).rejects.toMatchObject({ code: "APPEAL_ALREADY_DECIDED" });
    expect(await balanceOf(a.u.id)).toBe(1000n);
    expect(await db().journalEntry.count({ where: { idempotencyKey: `appeal:${appealId}` } })).toBe(1);
    expect(await db().auditLog.count({ where: { subjectId: a.u.id, action: "appeal.approve" } })).toBe(1);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("refusal records the reason and tells the student; a later approval is refused and moves no money", async () => {
    const a = await exchanged({ extraFen: 0n });
    const { appealId } = await fileAppeal(a.u.id, a.h.id, "点错了");
    await expect(decideAppeal({ appealId, staffId, approve: false, reason: "  " })).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    const d = await decideAppeal({ appealId, staffId, approve: false, reason: "套餐已正常使用" });
    expect(d).toMatchObject({ state: "REFUSED", refundEntryId: null, refundedFen: 0n });
    expect(await db().exchangeAppeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({
      state: "REFUSED",
      decisionReason: "套餐已正常使用",
      decidedById: staffId,
      refundEntryId: null,
    });
    const [n] = await db().notification.findMany({ where: { userId: a.u.id }, select: { kind: true, data: true } });
    expect(n).toMatchObject({ kind: "APPEAL_REFUSED", data: { appealId, reason: "套餐已正常使用" } });
    expect((await db().auditLog.findFirstOrThrow({ where: { subjectId: a.u.id, action: "appeal.refuse" } })).actorId).toBe(staffId);

    await expect(approve(appealId)).rejects.toMatchObject({ code: "APPEAL_ALREADY_DECIDED" });
    expect(await balanceOf(a.u.id)).toBe(0n);
    expect((await db().packageHolding.findUniqueOrThrow({ where: { id: a.h.id } })).state).toBe("ACTIVE");
    // …and the student cannot appeal the same exchange again.
    await expect(fileAppeal(a.u.id, a.h.id, "再试一次")).rejects.toMatchObject({ code: "APPEAL_EXISTS" });
  });

  it("is for staff only, and for an appeal that exists", async () => {
    const a = await exchanged();
    const { appealId } = await fileAppeal(a.u.id, a.h.id, "点错了");
    await expect(decideAppeal({ appealId, staffId: a.u.id, approve: true, reason: "自己批准" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideAppeal({ appealId: randomUUID(), staffId, approve: true, reason: "无" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().exchangeAppeal.findUniqueOrThrow({ where: { id: appealId } })).state).toBe("PENDING");
  });

  it("approval throttles a live session that the package kept at high speed (CoA after the commit)", async () => {
    const nas = await registeredFakeNas({ secret: "nas-secret-for-appeals" });
    const u = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 100n));
    const session = uniqueSession();
    expect((await callRadius("accounting", acctAttrs({ status: "Start", user: u.studentNo, session, nasIp: nas.host, ip: "10.9.8.9" }))).status).toBe(204);
    await callRadius("accounting", acctAttrs({ status: "Interim-Update", user: u.studentNo, session, nasIp: nas.host, output: 200n }));
    await nas.waitFor(1); // free quota used up: throttled
    await settleSpeedSyncs();
    const p10 = await packageByCode(db(), "P10");
    await fundWallet(db(), u.id, p10.priceFen);
    const ex = await exchangePackage({ userId: u.id, packageId: p10.id, requestKey: randomUUID() });
    await scheduleSpeedSync(u.id, "package-exchanged");
    await nas.waitFor(2); // back to high speed

    const { appealId } = await fileAppeal(u.id, ex.holdingId, "买重了");
    const d = await approve(appealId);
    expect(d.speedSync).toMatchObject([{ kind: "COA", result: "ACK" }]);
    const [, , coa] = await nas.waitFor(3);
    expect(vendorAttrs(coa!.attributes)["Mikrotik-Rate-Limit"]).toBe("1M/2M");
    expect((await db().radiusSession.findFirstOrThrow({ where: { userId: u.id } })).speedMode).toBe("THROTTLED");
    expect(await balanceOf(u.id)).toBe(p10.priceFen);
    expect((await verifyLedger()).ok).toBe(true);
  });
});

describe("the student's appeal statuses", () => {
  it("says per exchange: eligible, window closed (with when), too much used, not in use, or appealed with its state and decision", async () => {
    const now = clockNow();
    const u = await createUser(db());
    const fresh = await giveHolding(db(), u.id, "P10", { at: new Date(now.getTime() - HOUR) });
    const old = await giveHolding(db(), u.id, "P5", { at: new Date(now.getTime() - windowMs - 1000), state: "EXPIRED" });
    const v = await createUser(db());
    const late = await giveHolding(db(), v.id, "P10", { at: new Date(now.getTime() - windowMs - HOUR) });
    const w = await createUser(db());
    const heavy = await giveHolding(db(), w.id, "P10", { at: new Date(now.getTime() - HOUR), usedBytes: 200n * MiB });
    const x = await createUser(db());
    const refused = await giveHolding(db(), x.id, "P10", { at: new Date(now.getTime() - HOUR) });
    const { appealId } = await fileAppeal(x.id, refused.id, "点错了", now);
    await decideAppeal({ appealId, staffId, approve: false, reason: "已正常使用" });

    const mine = await getAppealStatuses(u.id, [fresh.id, old.id, late.id], now);
    expect(mine.byHolding.get(fresh.id)).toEqual({ status: "ELIGIBLE", closesAt: new Date(now.getTime() - HOUR + windowMs) });
    expect(mine.byHolding.get(old.id)).toEqual({ status: "NOT_ACTIVE" });
    expect(mine.byHolding.has(late.id)).toBe(false); // another student's exchange is not read
    expect((await getAppealStatuses(v.id, [late.id], now)).byHolding.get(late.id)).toEqual({
      status: "WINDOW_CLOSED",
      closedAt: new Date(now.getTime() - HOUR),
    });
    expect((await getAppealStatuses(w.id, [heavy.id], now)).byHolding.get(heavy.id)).toEqual({
      status: "TOO_MUCH_USED",
      usedBytes: 200n * MiB,
      maxUsedBytes: maxUsed,
    });
    expect((await getAppealStatuses(x.id, [refused.id], now)).byHolding.get(refused.id)).toMatchObject({
      status: "APPEALED",
      appeal: { id: appealId, state: "REFUSED", reason: "点错了", decisionReason: "已正常使用" },
    });
  });
});

describe("the staff queue", () => {
  it("lists pending appeals oldest first with the student, package and use, and audits the read", async () => {
    const a = await exchanged({ usedBytes: 10n * MiB });
    const b = await exchanged();
    const first = await fileAppeal(a.u.id, a.h.id, "第一", new Date(clockNow().getTime() - 30 * 60_000));
    const second = await fileAppeal(b.u.id, b.h.id, "第二");
    const q = await listAppealsForStaff({ state: "PENDING", take: 200 }, { id: staffId });
    const ours = q.items.filter((i) => i.id === first.appealId || i.id === second.appealId);
    expect(ours.map((i) => i.id)).toEqual([first.appealId, second.appealId]);
    expect(ours[0]).toMatchObject({
      state: "PENDING",
      reason: "第一",
      usedBytesAtFiling: 10n * MiB,
      student: { id: a.u.id, studentNo: a.u.studentNo },
      exchange: { holdingId: a.h.id, packageCode: "P10", priceFen: 1000n, holdingState: "ACTIVE" },
      decidedBy: null,
    });
    expect(q.items.every((i) => i.state === "PENDING")).toBe(true);
    await decideAppeal({ appealId: first.appealId, staffId, approve: false, reason: "不符合" });
    const refused = await listAppealsForStaff({ state: "REFUSED" }, { id: staffId });
    expect(refused.items.find((i) => i.id === first.appealId)).toMatchObject({ decisionReason: "不符合", decidedBy: { name: "测试财务" } });
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: staffId, action: "staff.read.appeals" }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ filter: { state: "REFUSED" } });
  });
});
