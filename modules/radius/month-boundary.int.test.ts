// "A student throttled at 23:59 on the last day gets high speed at 00:00 with a CoA" (lib/time.ts, modules/radius/speed-sweep.service.ts):
// the clock is set to the last minute of February, the student's quota runs out through real
// accounting, then the clock moves to 00:00:30 on 1 March and the minute's speed sweep lifts
// the throttle at the NAS.
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { ensureMonthlyQuota, getQuotaSummary } from "@/modules/quota/service";
import { settleSpeedSyncs } from "./coa.service";
import { sweepSpeedTransitions } from "./speed-sweep.service";
import { acctAttrs, callRadius, fakeNasHooks, registeredFakeNas, uniqueSession, vendorAttrs } from "./test-helpers";

const NAS_SECRET = "nas-secret-for-month-boundary";
fakeNasHooks();
afterEach(() => resetClock());
const nas = () => registeredFakeNas({ secret: NAS_SECRET });

describe("the speed sweep at midnight on the 1st", () => {
  it("a student throttled at 23:59 on the last day gets high speed at 00:00 with a CoA", async () => {
    setClock("2027-02-28T23:59:00+08:00");
    const n = await nas();
    const u = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, "2027-02", 1000n));
    const session = uniqueSession();
    const interim = (output: bigint) => callRadius("accounting", acctAttrs({ status: "Interim-Update", user: u.studentNo, session, nasIp: n.host, output }));
    expect((await callRadius("accounting", acctAttrs({ status: "Start", user: u.studentNo, session, nasIp: n.host, ip: "10.28.2.59" }))).status).toBe(204);

    // 23:59: the last of February's quota goes; the NAS is told to throttle.
    expect((await interim(1500n)).status).toBe(204);
    const [throttle] = await n.waitFor(1);
    expect(vendorAttrs(throttle!.attributes)).toMatchObject({ "Mikrotik-Rate-Limit": "1M/2M" });
    await settleSpeedSyncs();
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: `u-${n.host}-${session}` } });
    expect(s.speedMode).toBe("THROTTLED");
    expect(await getQuotaSummary(u.id)).toMatchObject({ month: "2027-02", speedMode: "THROTTLED" });

    // The sweep of 23:59:30 changes nothing: still February, still throttled.
    setClock("2027-02-28T23:59:30+08:00");
    const before = await sweepSpeedTransitions();
    expect(before.monthChanged).toBe(false);
    expect(before.changes.filter((c) => c.sessionId === s.id)).toEqual([]);

    // 00:00:30 on 1 March (16:00:30 UTC on 28 February): the next sweep sees the new month.
    setClock("2027-03-01T00:00:30+08:00");
    const r = await sweepSpeedTransitions();
    expect(r).toMatchObject({ since: "2027-02-28T15:59:30.000Z", monthChanged: true });
    expect(r.changes.filter((c) => c.sessionId === s.id)).toMatchObject([{ kind: "COA", result: "ACK" }]);
    const all = await n.waitFor(2);
    expect(all).toHaveLength(2);
    expect(all[1]!.code).toBe("CoA-Request");
    expect(all[1]!.attributes).toMatchObject({ "User-Name": u.studentNo, "Acct-Session-Id": session });
    expect(vendorAttrs(all[1]!.attributes)["Mikrotik-Rate-Limit"]).not.toBe("1M/2M");
    expect((await db().radiusSession.findUniqueOrThrow({ where: { id: s.id } })).speedMode).toBe("HIGH_SPEED");
    expect(await getQuotaSummary(u.id)).toMatchObject({ month: "2027-03", freeUsedBytes: 0n, speedMode: "HIGH_SPEED" });
    const coas = await db().coaRequest.findMany({ where: { sessionId: s.id }, orderBy: { id: "asc" }, select: { kind: true, result: true, reason: true } });
    expect(coas).toEqual([
      { kind: "COA", result: "ACK", reason: "quota-used-up" },
      { kind: "COA", result: "ACK", reason: "new-month" },
    ]);

    // March's traffic is March's: the next Interim-Update charges the fresh month at high speed, no CoA.
    expect((await interim(2500n)).status).toBe(204);
    await settleSpeedSyncs();
    expect(n.received).toHaveLength(2);
    expect(await getQuotaSummary(u.id)).toMatchObject({ month: "2027-03", freeUsedBytes: 1000n, speedMode: "HIGH_SPEED" });
  });
});
