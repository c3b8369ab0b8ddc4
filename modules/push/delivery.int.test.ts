// The push-delivery job against a push service in this process (./test-push-service.ts), which
// verifies the VAPID JWT and decrypts the aes128gcm body as a browser would: what arrives is
// the student's notification in the subscription's language; a preference turned off sends
// nothing; 500 then 201 is retried and sent; 410 deletes the subscription with its other
// pending deliveries; another student's device never receives it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// read by lib/env.ts when it loads: plain http to this loopback push service, a VAPID pair of our own
vi.hoisted(() => {
  process.env.WEB_PUSH = "on";
  process.env.PUSH_SERVICE_HOSTS = "127.0.0.1";
  process.env.VAPID_SUBJECT = "mailto:push-int@example.edu";
  process.env.VAPID_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/campusnet-push-int-${process.pid}/vapid-keys.json`;
  delete process.env.VAPID_PUBLIC_KEY;
  delete process.env.VAPID_PRIVATE_KEY;
});

import { rmSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { createUser } from "@/dev/factory";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { recordNotification } from "@/modules/notifications/service";
import { runPushDelivery } from "./delivery.service";
import { BACKOFF_MS } from "./retry";
import { saveSubscription, setPreference } from "./service";
import { startTestPushService, type TestPushService } from "./test-push-service";
import { vapidConfig } from "./vapid";

let push: TestPushService;

beforeAll(async () => {
  push = await startTestPushService({ vapidPublicKey: () => vapidConfig()!.publicKey });
});
afterAll(async () => {
  await push.close();
  await db().$disconnect();
  rmSync(path.dirname(process.env.VAPID_KEYS_FILE!), { recursive: true, force: true });
});

async function studentWithDevice(locale: "zh-CN" | "en" = "zh-CN", script: number[] = []) {
  const u = await createUser(db());
  const sub = push.subscribe(script);
  await saveSubscription(u.id, { endpoint: sub.endpoint, keys: sub.keys, locale });
  return { ...u, sub };
}

let seq = 0;
async function notify(userId: string, kind: string, data: Record<string, unknown>, at = clockNow()) {
  await recordNotification(db(), { userId, kind, dedupeKey: `push-int:${++seq}`, data }, at);
  return db().notification.findFirstOrThrow({ where: { userId, dedupeKey: `push-int:${seq}` }, select: { id: true } });
}

const deliveriesOf = (notificationId: bigint) =>
  db().pushDelivery.findMany({ where: { notificationId }, select: { state: true, attempts: true, lastStatus: true, subscriptionId: true } });

const credited = { amountFen: "5000", orderNo: "R20261201009999" };

describe("the test push service itself", () => {
  it("refuses a push signed with another VAPID key, a tampered JWT and a body for another subscription", async () => {
    const sub = push.subscribe();
    const other = webpush.generateVAPIDKeys();
    const send = async (req: ReturnType<typeof webpush.generateRequestDetails>, tamper?: (h: Record<string, string>) => void) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      delete headers["Content-Length"];
      tamper?.(headers);
      return (await fetch(req.endpoint, { method: "POST", headers, body: new Uint8Array(req.body!) })).status;
    };
    const mine = vapidConfig()!;
    const vapidDetails = { subject: "mailto:a@example.edu", publicKey: mine.publicKey, privateKey: mine.privateKey };
    // the app's key: taken
    expect(await send(webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, "{}", { vapidDetails }))).toBe(201);
    // another key pair
    expect(await send(webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, "{}", { vapidDetails: { ...vapidDetails, ...other } }))).toBe(
      400,
    );
    // a claim changed after signing
    const tampered = await send(webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, "{}", { vapidDetails }), (h) => {
      const m = /t=([^.]+)\.([^.]+)\.([^,]+)/.exec(h.Authorization!)!;
      const claims = { ...JSON.parse(Buffer.from(m[2]!, "base64url").toString()), exp: Math.floor(Date.now() / 1000) + 23 * 3600 };
      h.Authorization = h.Authorization!.replace(m[2]!, Buffer.from(JSON.stringify(claims)).toString("base64url"));
    });
    expect(tampered).toBe(400);
    // encrypted for another subscription's keys
    const stranger = push.subscribe();
    expect(await send(webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: stranger.keys }, "{}", { vapidDetails }))).toBe(400);
    expect(push.received(sub).map((r) => r.error)).toEqual([
      null,
      "k is not the app's VAPID public key",
      "JWT signature does not verify with k",
      expect.stringMatching(/unable to authenticate|auth/i),
    ]);
  });
});

describe("push delivery", () => {
  it("delivers the student's notification in the subscription's language, VAPID-signed and encrypted; another student's device gets nothing", async () => {
    const en = await studentWithDevice("en");
    const zh = await studentWithDevice("zh-CN");
    const bystander = await studentWithDevice("zh-CN");
    const nEn = await notify(en.id, "RECHARGE_CREDITED", credited);
    const nZh = await notify(zh.id, "RECHARGE_CREDITED", credited);

    const report = await runPushDelivery();
    expect(report.queued.deliveries).toBeGreaterThanOrEqual(2);
    expect(report.sent).toBeGreaterThanOrEqual(2);

    const [gotEn] = push.received(en.sub);
    expect(push.received(en.sub)).toHaveLength(1);
    expect(gotEn).toMatchObject({ status: 201, error: null });
    expect(gotEn!.payload).toEqual({
      title: "¥50.00 top-up credited",
      body: "Order R20261201009999 is in your network balance.",
      url: "/",
      tag: `n:${nEn.id}`,
      id: nEn.id.toString(),
      kind: "RECHARGE_CREDITED",
    });
    expect(gotEn!.claims).toMatchObject({ aud: push.origin, sub: "mailto:push-int@example.edu" });
    expect(gotEn!.headers.urgency).toBe("normal");

    const [gotZh] = push.received(zh.sub);
    expect(gotZh!.payload).toMatchObject({ id: nZh.id.toString(), kind: "RECHARGE_CREDITED", body: expect.stringContaining("R20261201009999") });
    expect(String(gotZh!.payload!.title)).toMatch(/[\u4e00-\u9fff]/);

    expect(push.received(bystander.sub)).toEqual([]);
    expect(await deliveriesOf(nEn.id)).toEqual([expect.objectContaining({ state: "SENT", attempts: 1, lastStatus: 201 })]);
    expect((await db().pushSubscription.findUniqueOrThrow({ where: { endpoint: en.sub.endpoint } })).lastSuccessAt).toBeInstanceOf(Date);

    // a second run sends nothing again
    await runPushDelivery();
    expect(push.received(en.sub)).toHaveLength(1);
  });

  it("a kind the student turned off is not pushed (it stays in the centre); other kinds still are", async () => {
    const s = await studentWithDevice("en");
    await setPreference(s.id, "RECHARGE_CREDITED", false);
    const off = await notify(s.id, "RECHARGE_CREDITED", credited);
    const on = await notify(s.id, "QUOTA_100", { month: "2026-12" });
    await runPushDelivery();
    expect(await deliveriesOf(off.id)).toEqual([]);
    expect(push.received(s.sub).map((r) => r.payload?.kind)).toEqual(["QUOTA_100"]);
    expect(push.received(s.sub)[0]!.headers.urgency).toBe("high");
    expect(await db().notification.count({ where: { id: off.id } })).toBe(1);
    expect(await deliveriesOf(on.id)).toEqual([expect.objectContaining({ state: "SENT" })]);
  });

  it("500 then 201: retried after the backoff, then sent", async () => {
    const s = await studentWithDevice("zh-CN", [500]);
    const n = await notify(s.id, "PACKAGE_EXPIRING", { nameZh: "月包", expiresAt: "2026-12-04T00:00:00Z", remainingBytes: "1073741824" });
    const t0 = clockNow();
    await runPushDelivery(t0);
    expect(await deliveriesOf(n.id)).toEqual([expect.objectContaining({ state: "PENDING", attempts: 1, lastStatus: 500 })]);
    const pending = await db().pushDelivery.findFirstOrThrow({ where: { notificationId: n.id } });
    expect(pending.nextAttemptAt!.getTime() - t0.getTime()).toBeGreaterThanOrEqual(BACKOFF_MS[0]);

    // not yet due: nothing sent
    await runPushDelivery(t0);
    expect(push.received(s.sub)).toHaveLength(1);

    await runPushDelivery(new Date(pending.nextAttemptAt!.getTime() + 1000));
    expect(push.received(s.sub).map((r) => r.status)).toEqual([500, 201]);
    expect(push.received(s.sub)[1]!.payload).toMatchObject({ id: n.id.toString(), kind: "PACKAGE_EXPIRING", url: "/packages" });
    expect(await deliveriesOf(n.id)).toEqual([expect.objectContaining({ state: "SENT", attempts: 2, lastStatus: 201 })]);
  });

  it("410: the subscription is deleted and its other pending deliveries are gone; the student's other device still gets its alerts", async () => {
    const s = await studentWithDevice("zh-CN", [503]);
    const second = push.subscribe();
    await saveSubscription(s.id, { endpoint: second.endpoint, keys: second.keys, locale: "en" });
    const first = await notify(s.id, "QUOTA_80", { month: "2026-12", usedBytes: "8", grantedBytes: "10" });
    const t0 = clockNow();
    await runPushDelivery(t0);
    // the first device failed (503, to be retried), the second took it
    expect(push.received(s.sub).map((r) => r.status)).toEqual([503]);
    expect(push.received(second).map((r) => r.status)).toEqual([201]);

    push.script(s.sub, [410]);
    const later = await notify(s.id, "QUOTA_100", { month: "2026-12" });
    await runPushDelivery(t0);
    expect(push.received(s.sub).map((r) => r.status)).toEqual([503, 410]);
    expect(await db().pushSubscription.count({ where: { endpoint: s.sub.endpoint } })).toBe(0);
    // both of the gone device's deliveries: GONE, never tried again
    const states = await db().pushDelivery.findMany({ where: { notificationId: { in: [first.id, later.id] } }, select: { notificationId: true, state: true } });
    expect(states.filter((d) => d.state === "GONE")).toHaveLength(2);
    expect(states.filter((d) => d.state === "SENT")).toHaveLength(2);
    await runPushDelivery(new Date(t0.getTime() + 3600_000));
    expect(push.received(s.sub)).toHaveLength(2);
    expect(push.received(second).map((r) => r.payload?.kind)).toEqual(["QUOTA_80", "QUOTA_100"]);
  });

  it("a notification older than the subscription is not pushed to it", async () => {
    const u = await createUser(db());
    const before = await notify(u.id, "QUOTA_100", { month: "2026-12" }, new Date(clockNow().getTime() - 60_000));
    const sub = push.subscribe();
    await saveSubscription(u.id, { endpoint: sub.endpoint, keys: sub.keys, locale: "zh-CN" });
    await runPushDelivery();
    expect(await deliveriesOf(before.id)).toEqual([]);
    expect(push.received(sub)).toEqual([]);
  });
});
