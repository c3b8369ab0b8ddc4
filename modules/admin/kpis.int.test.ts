// The /admin overview's snapshot (decision 032) on real PostgreSQL with the clock from lib/clock.ts:
// the admin-kpis job counts the campus figures and keeps them with their time; the page reads them
// as of that time, and counts for itself when the snapshot is missing, stale, from another month or
// from the future.
import { randomInt } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { JOB_HANDLERS } from "@/modules/jobs/handlers.service";
import { countAdminOverview, getAdminOverview, KPI_STALE_MS, refreshAdminKpis } from "./service";

// 2026-11-20 10:00 Asia/Shanghai
const T0 = new Date("2026-11-20T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

afterEach(() => resetClock());
afterAll(async () => {
  await db().adminKpiSnapshot.deleteMany({});
  await db().$disconnect();
});

describe("admin KPI snapshot", () => {
  it("the job writes the exact figures with the clock's time; the page reads them as of then", async () => {
    setClock(T0);
    await JOB_HANDLERS["admin-kpis"]();
    const row = await db().adminKpiSnapshot.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.computedAt).toEqual(T0);
    expect(row.month).toBe(monthKey(T0));
    expect(row.tookMs).toBeGreaterThanOrEqual(0);
    const exact = await countAdminOverview(T0);
    expect(row).toMatchObject(exact);
    expect(await getAdminOverview(at(30_000))).toEqual({ ...exact, asOf: T0 });
  });

  it("shows the snapshot until the next run, then the new figures", async () => {
    const first = await refreshAdminKpis(T0);
    await createUser(db(), { studentNo: `K${randomInt(1e9)}`, balanceFen: 1234n });

    // Within the minute the page shows the figures as of T0, without the new student.
    const cached = await getAdminOverview(at(45_000));
    expect(cached.asOf).toEqual(T0);
    expect(cached.students).toBe(first.students);

    const next = await refreshAdminKpis(at(60_000));
    expect(next.students).toBe(first.students + 1);
    expect(next.walletTotalFen).toBe(first.walletTotalFen + 1234n);
    expect(await getAdminOverview(at(90_000))).toMatchObject({ students: first.students + 1, asOf: at(60_000) });
  });

  it("counts for itself (and keeps it) when the snapshot is stale, from another month or from the future", async () => {
    await refreshAdminKpis(T0);

    const late = at(KPI_STALE_MS + 1);
    expect((await getAdminOverview(late)).asOf).toEqual(late);
    expect((await db().adminKpiSnapshot.findUniqueOrThrow({ where: { id: 1 } })).computedAt).toEqual(late);

    // 2026-12-01 00:00:30 Shanghai: a new month's "this month" figures are not last month's.
    const nextMonth = new Date("2026-11-30T16:00:30Z");
    await refreshAdminKpis(new Date(nextMonth.getTime() - 60_000));
    const fresh = await getAdminOverview(nextMonth);
    expect(fresh.asOf).toEqual(nextMonth);
    expect((await db().adminKpiSnapshot.findUniqueOrThrow({ where: { id: 1 } })).month).toBe("2026-12");

    // A clock set back (tests): a snapshot from the future is not shown.
    const earlier = at(-3_600_000);
    expect((await getAdminOverview(earlier)).asOf).toEqual(earlier);
  });

  it("counts from nothing when there is no snapshot yet", async () => {
    await db().adminKpiSnapshot.deleteMany({});
    const o = await getAdminOverview(T0);
    expect(o).toEqual({ ...(await countAdminOverview(T0)), asOf: T0 });
    expect(await db().adminKpiSnapshot.count()).toBe(1);
  });
});
