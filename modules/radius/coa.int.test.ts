import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { monthKey } from "@/lib/time";
import { createUser, fundWallet, packageByCode } from "@/dev/factory";
import { exchangePackage } from "@/modules/packages/service";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { scheduleSpeedSync, settleSpeedSyncs } from "./coa.service";
import { acctAttrs, callRadius, fakeNasHooks, registeredFakeNas, uniqueLoopback, uniqueSession, vendorAttrs } from "./test-helpers";
import { now as clockNow } from "@/lib/clock";

const NAS_SECRET = "nas-secret-for-coa";

const nasWith = (mode: { coa?: "ack" | "nak" | "silent"; disconnect?: "ack" | "nak" | "silent" } = {}) => registeredFakeNas({ secret: NAS_SECRET, ...mode });

/** A student with `free` bytes of free quota this month and one live session on `nasIp`. */
async function studentOnline(nasIp: string, free = 1000n) {
  const u = await createUser(db());
  await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), free));
  const session = uniqueSession();
  const r = await callRadius("accounting", acctAttrs({ status: "Start", user: u.studentNo, session, nasIp, ip: "10.9.8.7" }));
  expect(r.status).toBe(204);
  return { u, session, uniqueId: `u-${nasIp}-${session}` };
}

const interim = (user: string, session: string, nasIp: string, output: bigint) =>
  callRadius("accounting", acctAttrs({ status: "Interim-Update", user, session, nasIp, output }));

fakeNasHooks();

describe("Change of Authorization", () => {
  it("throttles a live session within a second of its quota running out (CoA-Request, decoded by the NAS)", async () => {
    const nas = await nasWith();
    const { u, session, uniqueId } = await studentOnline(nas.host);
    expect((await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } })).speedMode).toBe("HIGH_SPEED");
    await interim(u.studentNo, session, nas.host, 500n);
    expect(nas.received).toHaveLength(0);
    const t0 = Date.now();
    expect((await interim(u.studentNo, session, nas.host, 1500n)).status).toBe(204);
    const [coa] = await nas.waitFor(1);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(coa!.code).toBe("CoA-Request");
    expect(coa!.attributes).toMatchObject({ "User-Name": u.studentNo, "Acct-Session-Id": session, "Framed-IP-Address": "10.9.8.7" });
    expect(vendorAttrs(coa!.attributes)).toMatchObject({
      "WISPr-Bandwidth-Max-Down": 2048 * 1024,
      "WISPr-Bandwidth-Max-Up": 1024 * 1024,
      "Mikrotik-Rate-Limit": "1M/2M",
    });
    await settleSpeedSyncs();
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } });
    expect(s).toMatchObject({ speedMode: "THROTTLED", state: "ACTIVE" });
    expect(await db().coaRequest.findMany({ where: { sessionId: s.id }, select: { kind: true, result: true, reason: true } })).toEqual([
      { kind: "COA", result: "ACK", reason: "quota-used-up" },
    ]);
    // more throttled traffic: counted, no second CoA
    await interim(u.studentNo, session, nas.host, 5000n);
    await settleSpeedSyncs();
    expect(nas.received).toHaveLength(1);
  });

  it("lifts the throttle when a package is exchanged", async () => {
    const nas = await nasWith();
    const { u, session, uniqueId } = await studentOnline(nas.host, 100n);
    await interim(u.studentNo, session, nas.host, 200n);
    await nas.waitFor(1);
    await settleSpeedSyncs();
    const p5 = await packageByCode(db(), "P5");
    await fundWallet(db(), u.id, p5.priceFen);
    await exchangePackage({ userId: u.id, packageId: p5.id, requestKey: uniqueSession() });
    await scheduleSpeedSync(u.id, "package-exchanged"); // what exchangePackageAction schedules after its response
    const [, coa] = await nas.waitFor(2);
    expect(vendorAttrs(coa!.attributes)).toMatchObject({ "WISPr-Bandwidth-Max-Down": 102400 * 1024, "Mikrotik-Rate-Limit": "50M/100M" });
    expect((await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } })).speedMode).toBe("HIGH_SPEED");
  });

  it("corrects a session whose NAS still has a stale rate (e.g. a new month began) on its next interim", async () => {
    const nas = await nasWith();
    const { u, session, uniqueId } = await studentOnline(nas.host, 10_000n);
    await db().radiusSession.update({ where: { acctUniqueId: uniqueId }, data: { speedMode: "THROTTLED" } });
    await interim(u.studentNo, session, nas.host, 10n);
    const [coa] = await nas.waitFor(1);
    expect(vendorAttrs(coa!.attributes)["Mikrotik-Rate-Limit"]).toBe("50M/100M");
    await settleSpeedSyncs();
    expect((await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } })).speedMode).toBe("HIGH_SPEED");
  });

  it("falls back to Disconnect-Request when the NAS NAKs the CoA, and records both", async () => {
    const nas = await nasWith({ coa: "nak" });
    const { u, session, uniqueId } = await studentOnline(nas.host, 100n);
    await interim(u.studentNo, session, nas.host, 200n);
    await nas.waitFor(2);
    await settleSpeedSyncs();
    expect(nas.received.map((r) => r.code)).toEqual(["CoA-Request", "Disconnect-Request"]);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } });
    expect(s).toMatchObject({ state: "STOPPED", terminateCause: "Admin-Reset" });
    const rows = await db().coaRequest.findMany({
      where: { sessionId: s.id },
      orderBy: { id: "asc" },
      select: { kind: true, result: true, reason: true, error: true },
    });
    expect(rows).toEqual([
      { kind: "COA", result: "NAK", reason: "quota-used-up", error: "Error-Cause Session-Context-Not-Found" },
      { kind: "DISCONNECT", result: "ACK", reason: "fallback:quota-used-up", error: null },
    ]);
  });

  it("records a timeout when the NAS does not answer, and an error for a NAS it does not know", async () => {
    const nas = await nasWith({ coa: "silent", disconnect: "silent" });
    const { u, session, uniqueId } = await studentOnline(nas.host, 100n);
    await interim(u.studentNo, session, nas.host, 200n);
    await settleSpeedSyncs();
    expect(nas.received.map((r) => r.code)).toEqual(["CoA-Request", "CoA-Request", "Disconnect-Request", "Disconnect-Request"]);
    const s = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: uniqueId } });
    expect(s.state).toBe("ACTIVE");
    expect((await db().coaRequest.findMany({ where: { sessionId: s.id }, orderBy: { id: "asc" } })).map((r) => `${r.kind}:${r.result}`)).toEqual([
      "COA:TIMEOUT",
      "DISCONNECT:TIMEOUT",
    ]);

    const unknownNas = uniqueLoopback();
    const other = await studentOnline(unknownNas, 100n);
    await interim(other.u.studentNo, other.session, unknownNas, 200n);
    await settleSpeedSyncs();
    const os = await db().radiusSession.findUniqueOrThrow({ where: { acctUniqueId: other.uniqueId } });
    const rows = await db().coaRequest.findMany({ where: { sessionId: os.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => `${r.kind}:${r.result}`)).toEqual(["COA:ERROR"]);
    expect(rows[0]!.error).toContain("unknown NAS");
  });
});
