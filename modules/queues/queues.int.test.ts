// The network office's queues (issue 12 item 4): who sees which queue, and that each count and list
// reads what the owning module records — a pending appeal, a flagged order, a failed renewal this
// month, accounting for an unknown user name, a locked network login. Counts are compared before
// and after this test's own rows (other tests' rows stay in the database, decision 011).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, giveHolding, packageByCode } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { decideAppeal, fileAppeal, listAppealsForStaff } from "@/modules/appeals/service";
import { listLockouts } from "@/modules/network/lockouts.service";
import { listFailedRenewals } from "@/modules/plans/service";
import { listUnknownRadiusUsers } from "@/modules/radius/unknown-users.service";
import { queueCounts, queuesFor } from "./service";

const count = async (key: string) => (await queueCounts("ADMIN")).find((q) => q.key === key)!.count;

describe("queues by role (lib/roles.ts)", () => {
  it("each role sees the queues it can act on, with their pages", async () => {
    expect(queuesFor("OPERATOR")).toEqual(["appeals", "renewals", "lockouts"]);
    expect(queuesFor("FINANCE")).toEqual(["flagged"]);
    expect(queuesFor("ADMIN")).toEqual(["appeals", "flagged", "renewals", "unknownRadius", "lockouts"]);
    expect(queuesFor("STUDENT")).toEqual([]);
    const finance = await queueCounts("FINANCE");
    expect(finance).toEqual([{ key: "flagged", href: "/admin/finance/flagged", count: expect.any(Number) }]);
    expect((await queueCounts("OPERATOR")).map((q) => q.href)).toEqual(["/admin/queues/appeals", "/admin/queues/renewals", "/admin/queues/lockouts"]);
  });
});

describe("queue counts and lists", () => {
  it("a pending appeal is counted and listed until it is decided", async () => {
    await ensureCatalogue(db());
    const staff = await createUser(db(), { role: "OPERATOR" });
    const before = await count("appeals");
    const u = await createUser(db(), { balanceFen: 500n });
    const h = await giveHolding(db(), u.id, "P10", { at: new Date(clockNow().getTime() - 3_600_000) });
    const { appealId } = await fileAppeal(u.id, h.id, "点错了");
    expect(await count("appeals")).toBe(before + 1);
    const list = await listAppealsForStaff({ state: "PENDING", take: 200 }, staff);
    expect(list.items.some((a) => a.id === appealId && a.student.studentNo === u.studentNo)).toBe(true);
    await decideAppeal({ appealId, staffId: staff.id, approve: false, reason: "已使用" });
    expect(await count("appeals")).toBe(before);
  });

  it("a flagged order is counted in the finance queue", async () => {
    const u = await createUser(db());
    const before = await count("flagged");
    await db().rechargeOrder.create({
      data: {
        orderNo: `T${randomUUID().replace(/-/g, "").slice(0, 20)}`,
        userId: u.id,
        channel: "SANDBOX",
        amountFen: 1000n,
        state: "FLAGGED",
        createdById: u.id,
        expiresAt: clockNow(),
        flaggedAt: clockNow(),
      },
    });
    expect(await count("flagged")).toBe(before + 1);
  });

  it("a failed renewal this month is counted and listed (audited) while the student has no package; a package takes it off", async () => {
    await ensureCatalogue(db());
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    const pkg = await packageByCode(db(), "P20");
    const month = monthKey(clockNow());
    const before = await count("renewals");
    const plan = await db().packagePlan.create({ data: { userId: u.id, packageId: pkg.id, kind: "AUTO_RENEW", firstMonth: month } });
    await db().packagePlanRun.create({
      data: { planId: plan.id, userId: u.id, month, outcome: "BALANCE_SHORT", detail: { reason: "BALANCE_SHORT", priceFen: "2000", shortfallFen: "1500" } },
    });
    expect(await count("renewals")).toBe(before + 1);
    const rows = await listFailedRenewals(staff, { take: 200 });
    expect(rows.find((r) => r.student.id === u.id)).toMatchObject({ month, outcome: "BALANCE_SHORT", shortfallFen: 1500n, code: "P20" });
    expect(await db().auditLog.findFirst({ where: { actorId: staff.id, action: "staff.read.queue" }, select: { data: true } })).toMatchObject({
      data: { queue: "renewals", month },
    });
    await giveHolding(db(), u.id, "P10");
    expect(await count("renewals")).toBe(before);
  });

  it("accounting for an unknown user name is counted once per name in the last 7 days, and listed (audited)", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    const name = `nobody-${randomUUID().slice(0, 8)}`;
    const before = await count("unknownRadius");
    const now = clockNow();
    const session = (startedAt: Date, state: "ACTIVE" | "STOPPED") => ({
      acctUniqueId: randomUUID(),
      acctSessionId: randomUUID().slice(0, 8),
      username: name,
      nasIp: "10.9.8.7",
      state,
      startedAt,
      lastUpdateAt: startedAt,
      unknownUser: true,
    });
    await db().radiusSession.createMany({
      data: [session(now, "ACTIVE"), session(new Date(now.getTime() - 3_600_000), "STOPPED"), session(new Date(now.getTime() - 8 * 86_400_000), "STOPPED")],
    });
    expect(await count("unknownRadius")).toBe(before + 1);
    const row = (await listUnknownRadiusUsers(staff, { take: 200 })).find((r) => r.username === name);
    expect(row).toMatchObject({ sessions: 2, live: 1, nasIps: ["10.9.8.7"] });
    expect(await db().auditLog.count({ where: { actorId: staff.id, action: "staff.read.queue" } })).toBe(1);
  });

  it("a locked network login is counted and listed until the lock ends", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    const now = clockNow();
    const before = await count("lockouts");
    await db().networkCredential.create({ data: { userId: u.id, passwordHash: "x", failedAttempts: 5, lockedUntil: new Date(now.getTime() + 600_000) } });
    expect(await count("lockouts")).toBe(before + 1);
    expect((await listLockouts(staff, { take: 200 })).find((r) => r.student.id === u.id)).toMatchObject({ failedAttempts: 5 });
    // a lock that has run out is no longer in the queue
    const later = new Date(now.getTime() + 601_000);
    expect((await queueCounts("OPERATOR", later)).find((q) => q.key === "lockouts")!.count).toBeLessThanOrEqual(before);
  });
});
