import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, giveHolding, packageByCode } from "@/dev/factory";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { cancelPlan, cancelPlanByStaff, getPlanOverview, runMonthStart, runPlanWarnings, schedulePlan } from "./service";

// 2027-01-01 00:00 Asia/Shanghai
const JAN = new Date("2026-12-31T16:00:00Z");
const JAN_MINUS_1S = new Date("2026-12-31T15:59:59Z");
const FEB = new Date("2027-01-31T16:00:00Z");
const DEC_20 = new Date("2026-12-20T04:00:00Z");
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const HOUR = 3600_000;
const DAY = 86_400_000;

let P10: { id: string; priceFen: bigint };

beforeAll(async () => {
  await ensureCatalogue(db());
  P10 = await packageByCode(db(), "P10");
});
afterAll(async () => {
  await db().$disconnect();
});

async function balanceOf(userId: string) {
  return (await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen;
}
const runsOf = (userId: string) => db().packagePlanRun.findMany({ where: { userId }, orderBy: { month: "asc" } });
const holdingsOf = (userId: string) => db().packageHolding.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const notesOf = (userId: string) => db().notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const planOf = (id: string) => db().packagePlan.findUniqueOrThrow({ where: { id } });

describe("schedulePlan", () => {
  it("starts next month in Shanghai: one second before the 1st is still December", async () => {
    const a = await createUser(db(), { balanceFen: 1000n });
    const b = await createUser(db(), { balanceFen: 1000n });
    expect((await schedulePlan({ userId: a.id, packageId: P10.id, kind: "NEXT_MONTH", now: JAN_MINUS_1S })).firstMonth).toBe("2027-01");
    expect((await schedulePlan({ userId: b.id, packageId: P10.id, kind: "NEXT_MONTH", now: JAN })).firstMonth).toBe("2027-02");
    const audit = await db().auditLog.findFirst({ where: { subjectId: a.id, action: "plans.schedule" } });
    expect(audit?.actorId).toBe(a.id);
  });

  it("keeps one live plan per student, also when two requests race", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    const results = await Promise.allSettled([
      schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 }),
      schedulePlan({ userId: u.id, packageId: P10.id, kind: "AUTO_RENEW", now: DEC_20 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "PLAN_EXISTS", params: { month: "2027-01" } });
    await expect(schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 })).rejects.toMatchObject({ code: "PLAN_EXISTS" });
    expect(await db().packagePlan.count({ where: { userId: u.id } })).toBe(1);
  });

  it("refuses a package off sale, or one whose offer ends before the month start", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    const offer = await db().package.create({
      data: { code: `T-${u.id.slice(0, 8)}`, nameZh: "限时", nameEn: "Limited", priceFen: 100n, quotaBytes: 1n, availableUntil: JAN },
    });
    await expect(schedulePlan({ userId: u.id, packageId: offer.id, kind: "NEXT_MONTH", now: DEC_20 })).rejects.toMatchObject({ code: "PACKAGE_UNAVAILABLE" });
    await db().package.update({ where: { id: offer.id }, data: { availableUntil: null, active: false } });
    await expect(schedulePlan({ userId: u.id, packageId: offer.id, kind: "NEXT_MONTH", now: DEC_20 })).rejects.toMatchObject({ code: "PACKAGE_UNAVAILABLE" });
  });
});

describe("the month-start job", () => {
  it("does nothing one second before the 1st; books at 00:00; a second run books nothing more", async () => {
    const u = await createUser(db(), { balanceFen: 2500n });
    const plan = await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    expect(await runMonthStart(JAN_MINUS_1S, { userIds: [u.id] })).toMatchObject({ month: "2026-12", booked: 0 });
    expect(await balanceOf(u.id)).toBe(2500n);

    expect(await runMonthStart(at(JAN, 2_000), { userIds: [u.id] })).toMatchObject({ month: "2027-01", booked: 1 });
    expect(await runMonthStart(at(JAN, 60_000), { userIds: [u.id] })).toMatchObject({ booked: 0 });
    expect(await balanceOf(u.id)).toBe(1500n);
    const [run] = await runsOf(u.id);
    const holdings = await holdingsOf(u.id);
    expect(holdings).toHaveLength(1);
    expect(run).toMatchObject({ month: "2027-01", outcome: "BOOKED", holdingId: holdings[0]!.id, planId: plan.id });
    // dated from the month start, for one month: the next renewal finds it expired at 00:00
    expect(holdings[0]!.startsAt.toISOString()).toBe(JAN.toISOString());
    expect(holdings[0]!.expiresAt.toISOString()).toBe(FEB.toISOString());
    expect((await planOf(plan.id)).doneAt).not.toBeNull();
    expect((await notesOf(u.id)).map((n) => n.kind)).toEqual(["PLAN_BOOKED"]);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("two concurrent runs book once", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    await schedulePlan({ userId: u.id, packageId: P10.id, kind: "AUTO_RENEW", now: DEC_20 });
    const [a, b] = await Promise.all([runMonthStart(at(JAN, 1_000), { userIds: [u.id] }), runMonthStart(at(JAN, 1_000), { userIds: [u.id] })]);
    expect(a.booked + b.booked).toBe(1);
    expect(await balanceOf(u.id)).toBe(0n);
    expect(await runsOf(u.id)).toHaveLength(1);
    expect(await holdingsOf(u.id)).toHaveLength(1);
  });

  it("a run days late in the month still books once, starting then", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    const late = at(JAN, 4 * DAY + 3 * HOUR);
    expect(await runMonthStart(late, { userIds: [u.id] })).toMatchObject({ booked: 1 });
    expect(await runMonthStart(at(late, HOUR), { userIds: [u.id] })).toMatchObject({ booked: 0 });
    const [h] = await holdingsOf(u.id);
    expect(h!.startsAt.toISOString()).toBe(late.toISOString());
    expect(await balanceOf(u.id)).toBe(0n);
  });

  it("balance short by one fen: a BALANCE_SHORT run with the shortfall, a notification, no money moved", async () => {
    const u = await createUser(db(), { balanceFen: 999n });
    const plan = await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    expect(await runMonthStart(JAN, { userIds: [u.id] })).toMatchObject({ short: 1, booked: 0 });
    expect(await runMonthStart(at(JAN, HOUR), { userIds: [u.id] })).toMatchObject({ short: 0, booked: 0 });
    expect(await balanceOf(u.id)).toBe(999n);
    expect(await holdingsOf(u.id)).toHaveLength(0);
    const [run] = await runsOf(u.id);
    expect(run).toMatchObject({ outcome: "BALANCE_SHORT", holdingId: null, detail: { shortfallFen: "1", priceFen: "1000", balanceFen: "999" } });
    const notes = await notesOf(u.id);
    expect(notes.map((n) => [n.kind, n.dedupeKey])).toEqual([["PLAN_FAILED", "plan-failed:2027-01"]]);
    expect((await planOf(plan.id)).doneAt).not.toBeNull();
  });

  it("exactly enough: books and leaves 0", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    expect(await runMonthStart(JAN, { userIds: [u.id] })).toMatchObject({ booked: 1 });
    expect(await balanceOf(u.id)).toBe(0n);
  });

  it("cancel before the 1st: nothing is booked; at 00:00 a next-month plan can no longer be cancelled", async () => {
    const u = await createUser(db(), { balanceFen: 5000n });
    const plan = await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    await cancelPlan({ userId: u.id, planId: plan.id, now: JAN_MINUS_1S });
    expect(await runMonthStart(JAN, { userIds: [u.id] })).toMatchObject({ booked: 0 });
    expect(await balanceOf(u.id)).toBe(5000n);
    expect(await db().auditLog.count({ where: { subjectId: u.id, action: "plans.cancel" } })).toBe(1);
    await expect(cancelPlan({ userId: u.id, planId: plan.id, now: JAN_MINUS_1S })).rejects.toMatchObject({ code: "PLAN_NOT_CANCELLABLE" });

    const v = await createUser(db(), { balanceFen: 5000n });
    const late = await schedulePlan({ userId: v.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    await expect(cancelPlan({ userId: v.id, planId: late.id, now: JAN })).rejects.toMatchObject({ code: "PLAN_NOT_CANCELLABLE" });
    // another student's plan is not found
    await expect(cancelPlan({ userId: u.id, planId: late.id, now: DEC_20 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // staff may, with a reason, audited with it
    await expect(cancelPlanByStaff({ staff: { id: u.id }, userId: v.id, planId: late.id, reason: " ", now: JAN })).rejects.toMatchObject({
      code: "REASON_REQUIRED",
    });
    await cancelPlanByStaff({ staff: { id: u.id }, userId: v.id, planId: late.id, reason: "学生来电", now: JAN });
    expect(await db().auditLog.findFirst({ where: { subjectId: v.id, action: "staff.plans.cancel" } })).toMatchObject({ data: { reason: "学生来电" } });
  });

  it("auto-renew books every month until cancelled, without drifting", async () => {
    const u = await createUser(db(), { balanceFen: 2500n });
    const plan = await schedulePlan({ userId: u.id, packageId: P10.id, kind: "AUTO_RENEW", now: DEC_20 });
    expect((await getPlanOverview(u.id, DEC_20)).plan).toMatchObject({ nextMonth: "2027-01", cancellable: true });
    await runMonthStart(at(JAN, 30_000), { userIds: [u.id] });
    expect((await getPlanOverview(u.id, at(JAN, HOUR))).plan).toMatchObject({ nextMonth: "2027-02", waiting: false });
    await runMonthStart(at(FEB, 10_000), { userIds: [u.id] });
    const holdings = await holdingsOf(u.id);
    expect(holdings.map((h) => [h.startsAt.toISOString(), h.state])).toEqual([
      [JAN.toISOString(), "EXPIRED"],
      [FEB.toISOString(), "ACTIVE"],
    ]);
    expect((await runsOf(u.id)).map((r) => [r.month, r.outcome])).toEqual([
      ["2027-01", "BOOKED"],
      ["2027-02", "BOOKED"],
    ]);
    expect(await balanceOf(u.id)).toBe(500n);
    expect((await planOf(plan.id)).doneAt).toBeNull();
    // March: 5 yuan for 10: short, and the plan goes on; cancelled in March, April books nothing
    const MAR = new Date("2027-02-28T16:00:00Z");
    expect(await runMonthStart(MAR, { userIds: [u.id] })).toMatchObject({ short: 1 });
    await cancelPlan({ userId: u.id, planId: plan.id, now: at(MAR, DAY) });
    expect(await runMonthStart(new Date("2027-03-31T16:00:00Z"), { userIds: [u.id] })).toMatchObject({ booked: 0, short: 0 });
    expect(await runsOf(u.id)).toHaveLength(3);
  });

  it("waits while a package bought by hand is still live, and books when it expires", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    const bought = new Date("2026-12-15T02:00:00Z");
    await giveHolding(db(), u.id, "P5", { at: bought });
    await schedulePlan({ userId: u.id, packageId: P10.id, kind: "AUTO_RENEW", now: DEC_20 });
    expect(await runMonthStart(JAN, { userIds: [u.id] })).toMatchObject({ waiting: 1, booked: 0 });
    expect(await runsOf(u.id)).toHaveLength(0);
    expect((await getPlanOverview(u.id, at(JAN, HOUR))).plan).toMatchObject({ nextMonth: "2027-01", waiting: true });
    const expiry = new Date("2027-01-15T02:00:00Z");
    expect(await runMonthStart(at(expiry, 40 * 60_000), { userIds: [u.id] })).toMatchObject({ booked: 1 });
    const holdings = await holdingsOf(u.id);
    expect(holdings[1]!.startsAt.toISOString()).toBe(expiry.toISOString());
    expect(await balanceOf(u.id)).toBe(0n);
  });

  it("a next-month plan whose month passed unbooked ends as FAILED", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    await giveHolding(db(), u.id, "P30", { at: new Date("2026-12-15T02:00:00Z") });
    await db().packageHolding.updateMany({ where: { userId: u.id }, data: { expiresAt: new Date("2027-03-01T00:00:00Z") } });
    const plan = await schedulePlan({ userId: u.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    expect(await runMonthStart(JAN, { userIds: [u.id] })).toMatchObject({ waiting: 1 });
    expect(await runMonthStart(FEB, { userIds: [u.id] })).toMatchObject({ failed: 1 });
    expect((await runsOf(u.id)).map((r) => [r.month, r.outcome])).toEqual([["2027-01", "FAILED"]]);
    expect((await planOf(plan.id)).doneAt).not.toBeNull();
    expect(await balanceOf(u.id)).toBe(1000n);
  });
});

describe("the warning job", () => {
  it("warns once, from 00:00 three days before the 1st, when the balance will not cover the plan", async () => {
    const short = await createUser(db(), { balanceFen: 999n });
    const enough = await createUser(db(), { balanceFen: 1000n });
    await schedulePlan({ userId: short.id, packageId: P10.id, kind: "NEXT_MONTH", now: DEC_20 });
    await schedulePlan({ userId: enough.id, packageId: P10.id, kind: "AUTO_RENEW", now: DEC_20 });
    const scope = { userIds: [short.id, enough.id] };
    const windowOpens = new Date("2026-12-28T16:00:00Z"); // 2026-12-29 00:00 Shanghai
    expect(await runPlanWarnings(at(windowOpens, -1_000), scope)).toMatchObject({ inWindow: false, warned: 0 });
    expect(await runPlanWarnings(at(windowOpens, HOUR), scope)).toMatchObject({ month: "2027-01", inWindow: true, checked: 2, warned: 1 });
    expect(await runPlanWarnings(at(windowOpens, DAY + HOUR), scope)).toMatchObject({ warned: 0 });
    const notes = await notesOf(short.id);
    expect(notes.map((n) => [n.kind, n.dedupeKey])).toEqual([["PLAN_WARNING", "plan-warning:2027-01"]]);
    expect(notes[0]!.data).toMatchObject({ shortfallFen: "1" });
    expect(await notesOf(enough.id)).toHaveLength(0);
  });
});
