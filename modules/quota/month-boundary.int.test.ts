// The billing month is an Asia/Shanghai calendar month, read from the one clock: its first
// minute is 16:00 UTC of the day before. Quota and package rules at the first and last minute
// of months, with the clock set where the rule must flip (lib/time.ts: a Shanghai calendar month).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, fundWallet, packageByCode } from "@/dev/factory";
import { now, resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { GiB } from "@/lib/units";
import { exchangePackage } from "@/modules/packages/service";
import { chargeUsageBatch, ensureMonthlyQuota, getPolicy, getQuotaSummary } from "./service";

beforeAll(async () => {
  await ensureCatalogue(db());
});
afterEach(() => resetClock());

async function exchangeAt(at: string, code: string) {
  setClock(at);
  const u = await createUser(db());
  const pkg = await packageByCode(db(), code);
  await fundWallet(db(), u.id, pkg.priceFen);
  const r = await exchangePackage({ userId: u.id, packageId: pkg.id, requestKey: `mb-${u.id}` });
  const h = await db().packageHolding.findUniqueOrThrow({ where: { id: r.holdingId }, select: { startsAt: true, expiresAt: true, createdAt: true } });
  return { u, h };
}

const charge = (userId: string, bytes: bigint) => db().$transaction((tx) => chargeUsageBatch(tx, [{ userId, bytes, at: now() }]));

describe("quota at the month boundary (Asia/Shanghai)", () => {
  it("throttles at 23:59 on the last day and grants the new month's free quota at 00:00 the next", async () => {
    const u = await createUser(db());
    const free = (await getPolicy()).freeMonthlyBytes;
    setClock("2027-02-28T23:59:00+08:00");
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, "2027-02", 10n * GiB));
    const [c] = await charge(u.id, 11n * GiB);
    expect(c).toMatchObject({ month: "2027-02", fromFree: 10n * GiB, throttledBytes: 1n * GiB, speedMode: "THROTTLED" });
    const last = await getQuotaSummary(u.id);
    expect(last).toMatchObject({ month: "2027-02", freeRemainingBytes: 0n, speedMode: "THROTTLED" });
    expect(last.resetsAt.toISOString()).toBe("2027-02-28T16:00:00.000Z");

    // 23:59:59.999 is still February…
    setClock("2027-02-28T15:59:59.999Z");
    expect((await getQuotaSummary(u.id)).speedMode).toBe("THROTTLED");
    // …and 16:00 UTC is 1 March 00:00 in Shanghai: a fresh month.
    setClock("2027-02-28T16:00:00Z");
    const first = await getQuotaSummary(u.id);
    expect(first).toMatchObject({ month: "2027-03", freeBytes: free, freeUsedBytes: 0n, speedMode: "HIGH_SPEED" });

    // Traffic of the first minute is charged to March, not to February.
    setClock("2027-03-01T00:00:30+08:00");
    const [m] = await charge(u.id, 5n * GiB);
    expect(m).toMatchObject({ month: "2027-03", fromFree: 5n * GiB, throttledBytes: 0n, speedMode: "HIGH_SPEED" });
    const feb = await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: u.id, month: "2027-02" } } });
    expect(feb.freeUsedBytes).toBe(10n * GiB);
  });

  it("grants the monthly free quota of 1 January at 00:00, across the year", async () => {
    const u = await createUser(db());
    setClock("2026-12-31T23:59:00+08:00");
    expect((await getQuotaSummary(u.id)).month).toBe("2026-12");
    setClock("2027-01-01T00:00:00+08:00");
    const jan = await getQuotaSummary(u.id);
    expect(jan).toMatchObject({ month: "2027-01", freeUsedBytes: 0n, speedMode: "HIGH_SPEED" });
    const row = await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: u.id, month: "2027-01" } } });
    expect(row.createdAt.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
});

describe("packages at the month boundary", () => {
  it("bought on 31 January: ends on 28 February at the same Shanghai time, live until then", async () => {
    const { u, h } = await exchangeAt("2027-01-31T23:30:00+08:00", "P10");
    expect(h.expiresAt.toISOString()).toBe(new Date("2027-02-28T23:30:00+08:00").toISOString());
    setClock("2027-02-28T23:29:59+08:00");
    expect((await getQuotaSummary(u.id)).package).not.toBeNull();
    setClock("2027-02-28T23:30:00+08:00");
    expect((await getQuotaSummary(u.id)).package).toBeNull();
    // The next one may be exchanged at once, and ends on 28 March.
    const pkg = await packageByCode(db(), "P5");
    await fundWallet(db(), u.id, pkg.priceFen);
    const again = await exchangePackage({ userId: u.id, packageId: pkg.id, requestKey: `mb2-${u.id}` });
    const h2 = await db().packageHolding.findUniqueOrThrow({ where: { id: again.holdingId }, select: { expiresAt: true } });
    expect(h2.expiresAt.toISOString()).toBe(new Date("2027-03-28T23:30:00+08:00").toISOString());
  });

  it("bought on 29 February 2028 (leap day): ends on 29 March", async () => {
    const { h } = await exchangeAt("2028-02-29T12:00:00+08:00", "P5");
    expect(h.startsAt.toISOString()).toBe("2028-02-29T04:00:00.000Z");
    expect(h.createdAt.toISOString()).toBe("2028-02-29T04:00:00.000Z"); // the exchange log's time is the clock's too
    expect(h.expiresAt.toISOString()).toBe(new Date("2028-03-29T12:00:00+08:00").toISOString());
  });

  it("bought at 23:59 on 31 December: ends on 31 January next year, and holds across the new year's free quota", async () => {
    const { u, h } = await exchangeAt("2026-12-31T23:59:00+08:00", "P20");
    expect(h.expiresAt.toISOString()).toBe(new Date("2027-01-31T23:59:00+08:00").toISOString());
    setClock("2027-01-01T00:00:30+08:00");
    const s = await getQuotaSummary(u.id);
    expect(s).toMatchObject({ month: "2027-01", freeUsedBytes: 0n, speedMode: "HIGH_SPEED" });
    expect(s.package).toMatchObject({ code: "P20", remainingBytes: 60n * GiB });
  });

  it("bought in the first minute of a month: a month of that month, starting in it", async () => {
    const { h } = await exchangeAt("2026-12-01T00:00:30+08:00", "P5");
    expect(h.startsAt.toISOString()).toBe("2026-11-30T16:00:30.000Z");
    expect(h.expiresAt.toISOString()).toBe(new Date("2027-01-01T00:00:30+08:00").toISOString());
  });
});
