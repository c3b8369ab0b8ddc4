// 访客码 through the real FreeRADIUS (deploy/freeradius/ config, radclient): a visitor's
// guest-<code> login is accepted with the guest rate and a Session-Timeout, a wrong PIN is
// rejected with the app's message, and the visitor's accounting is charged to the issuer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { startRouteServer, type RouteServer } from "@/dev/radius-route-server";
import { radclient as sendRadclient, startFreeradius, type RunningFreeradius } from "@/deploy/freeradius/test-server";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { radiusSharedSecret } from "@/lib/env";
import { monthKey } from "@/lib/time";
import { GiB } from "@/lib/units";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { settleSpeedSyncs } from "@/modules/radius/coa.service";
import { uniqueLoopback } from "@/modules/radius/test-helpers";
import { settleGuestCutoffs } from "./radius.service";
import { issueGuestPass } from "./service";

let app: RouteServer;
let radiusd: RunningFreeradius;
const nasIp = uniqueLoopback();
const radclient = (kind: "auth" | "acct", attrs: Record<string, string | number>) => sendRadclient(radiusd, kind, attrs);

beforeAll(async () => {
  app = await startRouteServer();
  radiusd = await startFreeradius({ appUrl: app.url, appSecret: radiusSharedSecret()!, clientSecret: "guest-radclient-secret" });
}, 60_000);

afterAll(async () => {
  await settleGuestCutoffs();
  await settleSpeedSyncs();
  await radiusd?.stop();
  await app?.close();
});

describe("guest pass through FreeRADIUS", () => {
  it("accepts guest-<code> with the PIN at the guest rate with a Session-Timeout, rejects a wrong PIN, and charges the visitor's usage to the issuer", async () => {
    const u = await createUser(db());
    await db().$transaction((tx) => ensureMonthlyQuota(tx, u.id, monthKey(clockNow()), 10n * GiB));
    const pass = await issueGuestPass(u.id, { hours: 2 });
    const ok = await radclient("auth", {
      "User-Name": pass.login,
      "User-Password": pass.pin,
      "NAS-IP-Address": nasIp,
      "Calling-Station-Id": "02-00-00-00-0A-01",
    });
    expect(ok.code, ok.raw).toBe("Access-Accept");
    expect(ok.attrs).toMatchObject({ "WISPr-Bandwidth-Max-Down": [String(4096 * 1024)], "Mikrotik-Rate-Limit": ["1M/4M"] });
    const timeout = Number(ok.attrs["Session-Timeout"]?.[0]);
    expect(timeout).toBeGreaterThan(2 * 3600 - 60);
    expect(timeout).toBeLessThanOrEqual(2 * 3600);

    const wrong = pass.pin === "000000" ? "111111" : "000000";
    const bad = await radclient("auth", { "User-Name": pass.login, "User-Password": wrong, "NAS-IP-Address": nasIp });
    expect(bad.code).toBe("Access-Reject");
    expect(bad.attrs["Reply-Message"]?.join(" ")).toContain("Wrong guest code or PIN");

    const base = { "User-Name": pass.login, "Acct-Session-Id": `guest-${pass.code}-1`, "NAS-IP-Address": nasIp, "Calling-Station-Id": "02-00-00-00-0A-01" };
    expect((await radclient("acct", { ...base, "Acct-Status-Type": "Start" })).code).toBe("Accounting-Response");
    expect((await radclient("acct", { ...base, "Acct-Status-Type": "Interim-Update", "Acct-Output-Octets": 5000, "Acct-Input-Octets": 1000 })).code).toBe(
      "Accounting-Response",
    );
    expect((await db().guestPass.findUniqueOrThrow({ where: { id: pass.id } })).usedBytes).toBe(6000n);
    const q = await db().monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId: u.id, month: monthKey(clockNow()) } } });
    expect(q.freeUsedBytes).toBe(6000n);
  });
});
