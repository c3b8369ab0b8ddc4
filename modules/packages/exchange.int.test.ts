import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, giveHolding, packageByCode } from "@/dev/factory";
import { nowMs } from "@/lib/clock";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { getQuotaSummary } from "@/modules/quota/service";
import { exchangePackage, listExchanges } from "./service";

let P5: { id: string; priceFen: bigint };
let P10: { id: string; priceFen: bigint };

beforeAll(async () => {
  await ensureCatalogue(db());
  P5 = await packageByCode(db(), "P5");
  P10 = await packageByCode(db(), "P10");
});
afterAll(async () => {
  await db().$disconnect();
});

async function balanceOf(userId: string) {
  return (await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen;
}

describe("package exchange (换购) on real PostgreSQL", () => {
  it("debits the wallet and grants the package in one transaction", async () => {
    const u = await createUser(db(), { balanceFen: 2500n });
    const r = await exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() });
    expect(r.replayed).toBe(false);
    expect(r.balanceAfterFen).toBe(1500n);
    expect(await balanceOf(u.id)).toBe(1500n);
    const q = await getQuotaSummary(u.id);
    expect(q.package?.code).toBe("P10");
    expect(q.package?.remainingBytes).toBe(20n * 1024n ** 3n);
    const log = await listExchanges(u.id);
    expect(log.items.map((i) => [i.packageCode, i.priceFen, i.state])).toEqual([["P10", 1000n, "ACTIVE"]]);
  });

  it("refuses when the balance is insufficient, changing nothing", async () => {
    const u = await createUser(db(), { balanceFen: 499n });
    await expect(exchangePackage({ userId: u.id, packageId: P5.id, requestKey: randomUUID() })).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });
    expect(await balanceOf(u.id)).toBe(499n);
    expect((await listExchanges(u.id)).total).toBe(0);
  });

  it("allows one package at a time: refuses while the current one has quota and is unexpired", async () => {
    const u = await createUser(db(), { balanceFen: 5000n });
    await exchangePackage({ userId: u.id, packageId: P5.id, requestKey: randomUUID() });
    await expect(exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() })).rejects.toMatchObject({ code: "PACKAGE_STILL_ACTIVE" });
    expect(await balanceOf(u.id)).toBe(4500n);
  });

  it("allows a new package once the current one is used up or expired", async () => {
    const used = await createUser(db(), { balanceFen: 1000n });
    await giveHolding(db(), used.id, "P5", { usedBytes: 8n * 1024n ** 3n });
    const r1 = await exchangePackage({ userId: used.id, packageId: P5.id, requestKey: randomUUID() });
    expect(r1.replayed).toBe(false);

    const expired = await createUser(db(), { balanceFen: 1000n });
    await giveHolding(db(), expired.id, "P5", { at: new Date(nowMs() - 40 * 86_400_000) });
    await exchangePackage({ userId: expired.id, packageId: P5.id, requestKey: randomUUID() });
    const states = (await listExchanges(expired.id)).items.map((i) => i.state).sort();
    expect(states).toEqual(["ACTIVE", "EXPIRED"]);
  });

  it("is idempotent: a double-submitted form exchanges once", async () => {
    const u = await createUser(db(), { balanceFen: 3000n });
    const key = randomUUID();
    const [a, b] = await Promise.all([
      exchangePackage({ userId: u.id, packageId: P5.id, requestKey: key }),
      exchangePackage({ userId: u.id, packageId: P5.id, requestKey: key }),
    ]);
    expect(a.holdingId).toBe(b.holdingId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const c = await exchangePackage({ userId: u.id, packageId: P5.id, requestKey: key });
    expect(c.replayed).toBe(true);
    expect(await balanceOf(u.id)).toBe(2500n);
    expect((await listExchanges(u.id)).total).toBe(1);
  });

  it("is race-free: 24 concurrent exchanges by one student book exactly one", async () => {
    const u = await createUser(db(), { balanceFen: 10_000n });
    const attempts = Array.from({ length: 24 }, (_, i) => exchangePackage({ userId: u.id, packageId: i % 2 ? P5.id : P10.id, requestKey: randomUUID() }));
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused.every((r) => r.reason?.code === "PACKAGE_STILL_ACTIVE")).toBe(true);
    const price = (ok[0] as PromiseFulfilledResult<{ priceFen: bigint }>).value.priceFen;
    expect(await balanceOf(u.id)).toBe(10_000n - price);
    expect((await listExchanges(u.id)).total).toBe(1);
  });

  it("is race-free when money is the limit: exactly the affordable exchanges succeed", async () => {
    // Each success uses up its package at once (as heavy traffic would), so the one-at-a-time
    // rule allows the next; the balance allows exactly three P5 exchanges.
    const u = await createUser(db(), { balanceFen: 1500n });
    const attempts = Array.from({ length: 20 }, async () => {
      const r = await exchangePackage({ userId: u.id, packageId: P5.id, requestKey: randomUUID() });
      await db().$executeRaw`UPDATE "package_holdings" SET "usedBytes" = "quotaBytes", "state" = 'USED_UP' WHERE "id" = ${r.holdingId}::uuid`;
      return r;
    });
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const reasons = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason?.code);
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok).toBeLessThanOrEqual(3);
    expect(reasons.every((c) => c === "INSUFFICIENT_BALANCE" || c === "PACKAGE_STILL_ACTIVE")).toBe(true);
    expect(await balanceOf(u.id)).toBe(1500n - 500n * BigInt(ok));
    expect(await balanceOf(u.id)).toBeGreaterThanOrEqual(0n);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("refuses paused accounts and unknown packages", async () => {
    const paused = await createUser(db(), { balanceFen: 1000n, status: "PAUSED" });
    await expect(exchangePackage({ userId: paused.id, packageId: P5.id, requestKey: randomUUID() })).rejects.toMatchObject({ code: "ACCOUNT_NOT_ACTIVE" });
    const u = await createUser(db(), { balanceFen: 1000n });
    await expect(exchangePackage({ userId: u.id, packageId: randomUUID(), requestKey: randomUUID() })).rejects.toMatchObject({ code: "PACKAGE_UNAVAILABLE" });
    expect(await balanceOf(u.id)).toBe(1000n);
  });
});
