import { describe, expect, it } from "vitest";
import { createUser, giveHolding } from "@/dev/factory";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { sweepSpeedTransitions } from "./speed-sweep.service";
import { acctAttrs, callRadius, fakeNasHooks, registeredFakeNas, uniqueSession, vendorAttrs } from "./test-helpers";
import { now as clockNow, nowMs } from "@/lib/clock";

const NAS_SECRET = "nas-secret-for-sweep";
fakeNasHooks();
const nas = () => registeredFakeNas({ secret: NAS_SECRET });

async function online(nasIp: string, userId: string, studentNo: string) {
  const session = uniqueSession();
  expect((await callRadius("accounting", acctAttrs({ status: "Start", user: studentNo, session, nasIp, ip: "10.1.2.3" }))).status).toBe(204);
  return db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${nasIp}-${session}` } });
}

describe("speed sweep (changes no packet announces)", () => {
  it("lifts the throttle of a live session when a new billing month brings quota", async () => {
    const n = await nas();
    const u = await createUser(db());
    // The session was told THROTTLED last month; this month's free quota is fresh.
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 1000n));
    const s = await online(n.host, u.id, u.studentNo);
    await db().radiusSession.update({ where: { id: s.id }, data: { speedMode: "THROTTLED" } });

    const sameMonth = await sweepSpeedTransitions({ since: new Date(nowMs() - 60_000) });
    expect(sameMonth.changes.filter((c) => c.sessionId === s.id)).toEqual([]);

    const r = await sweepSpeedTransitions({ since: new Date(nowMs() - 40 * 86_400_000) });
    expect(r.monthChanged).toBe(true);
    expect(r.changes.filter((c) => c.sessionId === s.id)).toMatchObject([{ kind: "COA", result: "ACK" }]);
    const [coa] = await n.waitFor(1);
    expect(coa!.code).toBe("CoA-Request");
    expect(vendorAttrs(coa!.attributes)).toMatchObject({ "Mikrotik-Rate-Limit": expect.not.stringMatching(/^1M\/2M$/) });
    expect((await db().radiusSession.findUniqueOrThrow({ where: { id: s.id } })).speedMode).toBe("HIGH_SPEED");
  });

  it("throttles a live session at once when its package expires with no free quota left", async () => {
    const n = await nas();
    const u = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 1000n));
    await db().$executeRaw`UPDATE "monthly_quotas" SET "freeUsedBytes" = "freeBytes" WHERE "userId" = ${u.id}::uuid`;
    // bought a month and a little ago: it expired a moment ago
    const h = await giveHolding(db(), u.id, "P5", { at: new Date(nowMs() - 31 * 86_400_000) });
    await db().packageHolding.update({ where: { id: h.id }, data: { expiresAt: new Date(nowMs() - 5_000) } });
    const s = await online(n.host, u.id, u.studentNo);
    await db().radiusSession.update({ where: { id: s.id }, data: { speedMode: "HIGH_SPEED" } });

    const r = await sweepSpeedTransitions({ since: new Date(nowMs() - 60_000) });
    expect(r.changes.filter((c) => c.sessionId === s.id)).toMatchObject([{ kind: "COA", result: "ACK" }]);
    const [coa] = await n.waitFor(1);
    expect(vendorAttrs(coa!.attributes)).toMatchObject({ "Mikrotik-Rate-Limit": "1M/2M" });
    expect((await db().radiusSession.findUniqueOrThrow({ where: { id: s.id } })).speedMode).toBe("THROTTLED");
  });
});
