// Plans follow their package family (decision 031), on real PostgreSQL: after an admin's catalogue
// edit the month-start job books the family's current version when it costs no more than the
// version the plan was made for; a dearer version, or none on sale, is not booked: a FAILED run
// with reason package_changed, a notification, a row in the failed-renewals queue. The student
// confirms the new version on /packages (confirmPlanPackage). The run row stays the one key.
import { randomInt } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { createPackage, editPackage, schedulePackage, setPackageOnSale } from "@/modules/catalogue/service";
import { createPackageSchema, editPackageSchema, schedulePackageSchema } from "@/modules/catalogue/schemas";
import { verifyLedger } from "@/modules/ledger/service";
import { confirmPlanPackage, getPlanOverview, listFailedRenewals, PACKAGE_CHANGED, runMonthStart, schedulePlan } from "./service";

// months of their own (2028), so other int tests' runs never share this month's queue
const FEB_10 = new Date("2028-02-10T04:00:00Z");
const MAR = new Date("2028-02-29T16:00:00Z"); // 2028-03-01 00:00 Asia/Shanghai
const APR = new Date("2028-03-31T16:00:00Z"); // 2028-04-01 00:00 Asia/Shanghai
const HOUR = 3600_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

afterAll(async () => {
  await db().$disconnect();
});

async function admin() {
  return createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
}

/** A package on sale at ¥8 (10 GB), made by the office before the plan. */
async function packageOnSale(staff: { id: string }) {
  const c = `PL${randomInt(1e9)}`;
  const p = await createPackage(
    staff,
    createPackageSchema.parse({ code: c, nameZh: `旧${c}`, nameEn: `Old ${c}`, priceYuan: "8", quotaGb: "10", validityMonths: "1" }),
    FEB_10,
  );
  await setPackageOnSale(staff, { id: p.id, active: true });
  // on sale in this file's months only: other int tests share the catalogue (the forecast advises what is on sale)
  await schedulePackage(staff, schedulePackageSchema.parse({ id: p.id, availableFrom: "2028-01-01T00:00", availableUntil: "2028-06-01T00:00" }));
  return p;
}
const edit = (staff: { id: string }, id: string, priceYuan: string) =>
  editPackage(staff, editPackageSchema.parse({ id, nameZh: "新版", nameEn: "New version", priceYuan, quotaGb: "12", validityMonths: "1" }), at(FEB_10, HOUR));

const balanceOf = async (userId: string) => (await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen;
const runsOf = (userId: string) => db().packagePlanRun.findMany({ where: { userId }, orderBy: { month: "asc" } });
const holdingsOf = (userId: string) => db().packageHolding.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const notesOf = (userId: string) => db().notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

describe("plans follow the catalogue (decision 031)", () => {
  it.each([
    ["the same price", "8", 800n],
    ["a lower price", "6.5", 650n],
  ])("an edit at %s: booked on the new version, the change recorded and told; a second run books nothing", async (_label, price, fen) => {
    const staff = await admin();
    const p = await packageOnSale(staff);
    const u = await createUser(db(), { balanceFen: 2000n });
    const plan = await schedulePlan({ userId: u.id, packageId: p.id, kind: "AUTO_RENEW", now: FEB_10 });
    const v2 = await edit(staff, p.id, price);

    // the student's page says what will be booked instead, and at what price
    const before = await getPlanOverview(u.id, at(FEB_10, 2 * HOUR));
    expect(before.plan?.changed).toMatchObject({ booksAutomatically: true, to: { packageId: v2.id, priceFen: fen } });
    expect(before.dueFen).toBe(fen);

    expect(await runMonthStart(MAR, { userIds: [u.id] })).toMatchObject({ month: "2028-03", booked: 1 });
    expect(await runMonthStart(at(MAR, HOUR), { userIds: [u.id] })).toMatchObject({ booked: 0, failed: 0 });
    const holdings = await holdingsOf(u.id);
    expect(holdings.map((h) => [h.packageId, h.priceFen])).toEqual([[v2.id, fen]]);
    expect(await balanceOf(u.id)).toBe(2000n - fen);
    const [run] = await runsOf(u.id);
    expect(run).toMatchObject({
      month: "2028-03",
      outcome: "BOOKED",
      holdingId: holdings[0]!.id,
      detail: { packageChanged: true, from: { packageId: p.id, priceFen: "800" }, to: { packageId: v2.id, priceFen: fen.toString() } },
    });
    const notes = await notesOf(u.id);
    expect(notes.map((n) => n.kind)).toEqual(["PLAN_BOOKED"]);
    expect(notes[0]!.data).toMatchObject({ changed: true, nameEn: "New version", priceFen: fen.toString(), oldPriceFen: "800" });
    // the plan still names the version it was made for (its price is the ceiling the student agreed to)
    expect((await db().packagePlan.findUniqueOrThrow({ where: { id: plan.id } })).packageId).toBe(p.id);
    expect((await getPlanOverview(u.id, at(MAR, HOUR))).runs[0]).toMatchObject({ outcome: "BOOKED", nameEn: "New version", priceFen: fen });
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("a price rise: not booked, the student told to confirm again, the queue shows it; confirmed, the next month books the new version", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff);
    const u = await createUser(db(), { balanceFen: 5000n });
    const plan = await schedulePlan({ userId: u.id, packageId: p.id, kind: "AUTO_RENEW", now: FEB_10 });
    const v2 = await edit(staff, p.id, "12");
    expect((await getPlanOverview(u.id, at(FEB_10, 2 * HOUR))).plan?.changed).toMatchObject({
      booksAutomatically: false,
      to: { packageId: v2.id, priceFen: 1200n },
    });

    expect(await runMonthStart(MAR, { userIds: [u.id] })).toMatchObject({ booked: 0, failed: 1 });
    expect(await runMonthStart(at(MAR, HOUR), { userIds: [u.id] })).toMatchObject({ booked: 0, failed: 0, skipped: 1 });
    expect(await holdingsOf(u.id)).toHaveLength(0);
    expect(await balanceOf(u.id)).toBe(5000n);
    const runs = await runsOf(u.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      outcome: "FAILED",
      holdingId: null,
      detail: { reason: PACKAGE_CHANGED, from: { packageId: p.id, priceFen: "800" }, to: { packageId: v2.id, priceFen: "1200" } },
    });
    const notes = await notesOf(u.id);
    expect(notes.map((n) => [n.kind, n.dedupeKey])).toEqual([["PLAN_FAILED", "plan-failed:2028-03"]]);
    expect(notes[0]!.data).toMatchObject({ reason: PACKAGE_CHANGED, priceFen: "800", newPriceFen: "1200", newNameEn: "New version" });

    const queue = await listFailedRenewals(staff, { now: at(MAR, 2 * HOUR), take: 200 });
    const row = queue.find((r) => r.student.id === u.id);
    expect(row).toMatchObject({ outcome: "FAILED", reason: PACKAGE_CHANGED, changedTo: { nameEn: "New version", priceFen: 1200n } });
    expect((await getPlanOverview(u.id, at(MAR, 2 * HOUR))).runs[0]).toMatchObject({ outcome: "FAILED", reason: PACKAGE_CHANGED });

    // confirming names the version shown: a stale one is refused, nothing changes
    await expect(confirmPlanPackage({ userId: u.id, planId: plan.id, packageId: p.id, now: at(MAR, 3 * HOUR) })).rejects.toMatchObject({
      code: "PACKAGE_UNAVAILABLE",
    });
    const other = await createUser(db(), { balanceFen: 0n });
    await expect(confirmPlanPackage({ userId: other.id, planId: plan.id, packageId: v2.id, now: at(MAR, 3 * HOUR) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db().packagePlan.findUniqueOrThrow({ where: { id: plan.id } })).packageId).toBe(p.id);
    await confirmPlanPackage({ userId: u.id, planId: plan.id, packageId: v2.id, now: at(MAR, 3 * HOUR) });
    expect((await db().packagePlan.findUniqueOrThrow({ where: { id: plan.id } })).packageId).toBe(v2.id);
    expect((await getPlanOverview(u.id, at(MAR, 4 * HOUR))).plan?.changed).toBeNull();
    expect(await db().auditLog.count({ where: { subjectId: u.id, action: "plans.confirm" } })).toBe(1);

    // March stays not booked (one run per month); April books the confirmed version
    expect(await runMonthStart(at(MAR, 5 * HOUR), { userIds: [u.id] })).toMatchObject({ booked: 0 });
    expect(await runMonthStart(APR, { userIds: [u.id] })).toMatchObject({ month: "2028-04", booked: 1 });
    expect((await holdingsOf(u.id)).map((h) => [h.packageId, h.priceFen])).toEqual([[v2.id, 1200n]]);
    expect(await balanceOf(u.id)).toBe(3800n);
  });

  it("the family taken off sale: not booked (package_changed, nothing on sale), told, in the queue", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff);
    const u = await createUser(db(), { balanceFen: 5000n });
    const plan = await schedulePlan({ userId: u.id, packageId: p.id, kind: "NEXT_MONTH", now: FEB_10 });
    const v2 = await edit(staff, p.id, "5");
    await setPackageOnSale(staff, { id: v2.id, active: false });
    expect((await getPlanOverview(u.id, at(FEB_10, 2 * HOUR))).plan?.changed).toEqual({ to: null, booksAutomatically: false });

    expect(await runMonthStart(MAR, { userIds: [u.id] })).toMatchObject({ booked: 0, failed: 1 });
    expect(await runMonthStart(at(MAR, HOUR), { userIds: [u.id] })).toMatchObject({ booked: 0, failed: 0 });
    expect(await holdingsOf(u.id)).toHaveLength(0);
    expect(await balanceOf(u.id)).toBe(5000n);
    const runs = await runsOf(u.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: "FAILED", detail: { reason: PACKAGE_CHANGED, to: null } });
    expect((await notesOf(u.id)).map((n) => [n.kind, (n.data as { offSale?: boolean }).offSale])).toEqual([["PLAN_FAILED", true]]);
    // a next-month plan is over once its month ran
    expect((await db().packagePlan.findUniqueOrThrow({ where: { id: plan.id } })).doneAt).not.toBeNull();
    const queue = await listFailedRenewals(staff, { now: at(MAR, 2 * HOUR), take: 200 });
    expect(queue.find((r) => r.student.id === u.id)).toMatchObject({ reason: PACKAGE_CHANGED, changedTo: null });
  });

  it("a plan whose package was never edited books as before; concurrent runs after an edit book once", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff);
    const same = await createUser(db(), { balanceFen: 800n });
    await schedulePlan({ userId: same.id, packageId: p.id, kind: "NEXT_MONTH", now: FEB_10 });
    expect(await runMonthStart(MAR, { userIds: [same.id] })).toMatchObject({ booked: 1 });
    expect((await runsOf(same.id))[0]!.detail).not.toHaveProperty("packageChanged");

    const q = await packageOnSale(staff);
    const u = await createUser(db(), { balanceFen: 800n });
    await schedulePlan({ userId: u.id, packageId: q.id, kind: "AUTO_RENEW", now: FEB_10 });
    const v2 = await edit(staff, q.id, "8");
    const [a, b] = await Promise.all([runMonthStart(MAR, { userIds: [u.id] }), runMonthStart(MAR, { userIds: [u.id] })]);
    expect(a.booked + b.booked).toBe(1);
    expect((await holdingsOf(u.id)).map((h) => h.packageId)).toEqual([v2.id]);
    expect(await runsOf(u.id)).toHaveLength(1);
    expect(await balanceOf(u.id)).toBe(0n);
  });
});
