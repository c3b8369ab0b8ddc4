// Web Push end to end (issue 11 item 2, decision 023), on the phone through the real login, as
// 刘洋 (2023010005: only e2e/appeal.spec.ts reads his exchange log; no spec counts his notifications).
//
// The production build registers the real service worker (components/sw-register.tsx). A real
// Chromium subscription names Google's push service, which this machine cannot reach; headless
// Chromium here even refuses PushManager.subscribe ("Registration failed - permission denied",
// recorded as an annotation below). So, as decision 023 says:
//   - the test runs a push service of its own (e2e/push-service.ts) and makes the subscription's
//     keys; an init script makes PushManager.subscribe/getSubscription hand out that subscription
//     (the documented substitute for the browser's own);
//   - the app's push job sends to it for real: the service checks the VAPID signature and
//     decrypts the aes128gcm body with the test's keys;
//   - the decrypted payload goes to the real service worker through CDP
//     (ServiceWorker.deliverPushMessage), whose push handler shows the notification.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { CDPSession, Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../dev/chromium";
import { expect, test } from "./fixtures";
import { ROOT_DIR } from "./paths";
import { startTestPushService, type TestPushService } from "./push-service";
import { E2E_VAPID } from "./stack";

const PUSH_STUDENT = "2023010005";
// the zh-CN wording the push job must send (the page and the subscription are zh-CN)
const zh = JSON.parse(readFileSync(path.join(ROOT_DIR, "messages/zh-CN/notifications.json"), "utf8")) as {
  centre: { kinds: { PUSH_TEST: { title: string; text: string } } };
};
const TEST_TITLE = zh.centre.kinds.PUSH_TEST.title;
const TEST_TEXT = zh.centre.kinds.PUSH_TEST.text;

// Notifications and the service worker's push handler: the full browser, not the suite's headless shell.
test.use({ account: PUSH_STUDENT, launchOptions: chromiumLaunchOptions });

/** Runs in the page before the app: PushManager hands out the test service's subscription. */
function substitutePushManager(sub: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  const KEPT = "e2e.push.serverKey"; // "subscribed", with the key it was made for (survives reloads)
  const bytes = (b64url: string) => {
    const b64 = b64url
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(b64url.length / 4) * 4, "=");
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
  };
  const toB64url = (buf: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buf)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const made = (serverKey: string): PushSubscription =>
    ({
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: bytes(serverKey) },
      getKey: (name: PushEncryptionKeyName) => (name === "p256dh" ? bytes(sub.keys.p256dh) : name === "auth" ? bytes(sub.keys.auth) : null),
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { ...sub.keys } }),
      unsubscribe: () => {
        localStorage.removeItem(KEPT);
        return Promise.resolve(true);
      },
    }) as unknown as PushSubscription;
  const w = window as unknown as { __realSubscribe?: PushManager["subscribe"] };
  w.__realSubscribe = PushManager.prototype.subscribe;
  PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
    if (Notification.permission !== "granted") return Promise.reject(new DOMException("Registration failed - permission denied", "NotAllowedError"));
    const key = options?.applicationServerKey;
    if (!key || typeof key === "string") return Promise.reject(new DOMException("no applicationServerKey", "InvalidAccessError"));
    const buf = key instanceof ArrayBuffer ? key : (key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength) as ArrayBuffer);
    localStorage.setItem(KEPT, toB64url(buf));
    return Promise.resolve(made(localStorage.getItem(KEPT)!));
  };
  PushManager.prototype.getSubscription = function () {
    const key = localStorage.getItem(KEPT);
    return Promise.resolve(key ? made(key) : null);
  };
}

/** The registration id CDP knows the app's service worker by (scope "/"). */
async function watchRegistrations(cdp: CDPSession): Promise<Map<string, string>> {
  const byScope = new Map<string, string>();
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
    for (const r of registrations) {
      if (r.isDeleted) byScope.delete(r.scopeURL);
      else byScope.set(r.scopeURL, r.registrationId);
    }
  });
  await cdp.send("ServiceWorker.enable");
  return byScope;
}

function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      badge: n.badge,
      data: n.data as { url?: string; id?: string },
    }));
  });
}

// Checked once, on the phone (@phone-only): both projects share one database and the student's devices.
test("alerts on this device: subscribe, a VAPID-signed encrypted test alert reaches the service worker, a type turned off stays off, a 410 turns the device off @phone-only", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000); // a production build's worker precaching under load, and the push job's 20 s schedule
  const origin = new URL(baseURL!).origin;
  const service: TestPushService = await startTestPushService({ vapidPublicKey: E2E_VAPID.publicKey });
  try {
    await context.grantPermissions(["notifications"], { origin });
    await page.addInitScript(substitutePushManager, service.subscription);
    const cdp = await context.newCDPSession(page);
    const registrations = await watchRegistrations(cdp);
    service.onPush = async (push) => {
      const registrationId = registrations.get(`${origin}/`);
      if (!registrationId) throw new Error(`no service worker registration for ${origin}/`);
      await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: push.payload });
    };

    await page.goto("/notifications");
    // the worker installs (and precaches) in the background; the card waits for it too, but not this long
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => registrations.has(`${origin}/`)).toBe(true);

    // A real subscription first: headless Chromium refuses it here, so the substitute is used.
    const real = await page.evaluate(async (key) => {
      const w = window as unknown as { __realSubscribe: PushManager["subscribe"] };
      const registration = await navigator.serviceWorker.ready;
      const bytes = Uint8Array.from(atob(key.replace(/-/g, "+").replace(/_/g, "/") + "="), (c) => c.charCodeAt(0));
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("no answer in 10 s"), 10_000));
      const attempt = w.__realSubscribe
        .call(registration.pushManager, { userVisibleOnly: true, applicationServerKey: bytes })
        .then((s) => `subscribed at ${new URL(s.endpoint).host}`)
        .catch((e: Error) => `${e.name}: ${e.message}`);
      return Promise.race([attempt, timeout]);
    }, E2E_VAPID.publicKey);
    testInfo.annotations.push({ type: "real PushManager.subscribe", description: real });

    const card = page.getByTestId("push-card");
    const state = page.getByTestId("push-state");
    await expect(card.getByRole("heading", { name: "在这台设备上接收提醒" })).toBeVisible();
    await expect(card).toHaveAttribute("data-state", "off");
    await expect(state).toHaveText("这台设备还没有开启提醒。");
    await expect(card.getByTestId("push-preferences")).toHaveCount(0);

    // turn on: the card says so and keeps focus on its state line
    await card.getByRole("button", { name: "在这台设备上开启提醒" }).click();
    await expect(card).toHaveAttribute("data-state", "on", { timeout: 30_000 });
    await expect(state).toHaveText("这台设备已开启手机提醒。");
    await expect(state).toBeFocused();

    // a test alert: the push job sends it to the test service, which hands it to the worker
    await card.getByRole("button", { name: "发送测试提醒" }).click();
    await expect(card.getByText("测试提醒已发出，几秒内会出现在这台设备上。")).toBeVisible();
    await expect.poll(() => service.received.length, { timeout: 60_000 }).toBe(1);
    expect(service.rejected).toEqual([]);
    const push = service.received[0]!;
    expect(push.claims).toMatchObject({ aud: service.origin, sub: "mailto:netcenter@example.edu" });
    expect(push.ttl).toBeGreaterThan(0);
    const payload = JSON.parse(push.payload) as { title: string; body: string; url: string; tag: string; id: string; kind: string };
    expect(payload).toMatchObject({ title: TEST_TITLE, body: TEST_TEXT, kind: "PUSH_TEST", url: "/notifications" });
    await service.settled();
    await expect
      .poll(() => shownNotifications(page), { timeout: 15_000 })
      .toContainEqual({
        title: TEST_TITLE,
        body: TEST_TEXT,
        tag: payload.tag,
        // Android's status-bar badge: the white glyph on transparency
        badge: `${origin}/icons/badge-96.png`,
        data: { url: "/notifications", id: payload.id },
      });

    // a type turned off stays off after a reload; the others stay on
    const prefs = card.getByTestId("push-preferences");
    const recharge = prefs.getByRole("switch", { name: "充值到账" });
    await expect(recharge).toHaveAttribute("aria-checked", "true");
    await recharge.click();
    await expect(recharge).toHaveAttribute("aria-checked", "false");
    await expect(recharge).not.toHaveAttribute("aria-busy", "true");
    await expect(recharge).toBeEnabled();
    await page.reload();
    await expect(card).toHaveAttribute("data-state", "on");
    await expect(prefs.getByRole("switch", { name: "充值到账" })).toHaveAttribute("aria-checked", "false");
    await expect(prefs.getByRole("switch", { name: "高速流量用完（限速）" })).toHaveAttribute("aria-checked", "true");
    await expect(prefs.getByRole("switch")).toHaveCount(7);
    // the card on, with its switches, in both colour schemes (e2e/a11y.spec.ts sees it off)
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const axe = await new AxeBuilder({ page })
        .include('[data-testid="push-card"]')
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        colorScheme,
      ).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });

    // the push service says the subscription is gone: the job removes it, and the card says off
    service.answer = 410;
    await card.getByRole("button", { name: "发送测试提醒" }).click();
    await expect(card.getByText("测试提醒已发出，几秒内会出现在这台设备上。")).toBeVisible();
    await expect.poll(() => service.received.length, { timeout: 60_000 }).toBe(2);
    expect(service.received[1]!.status).toBe(410);
    expect(service.rejected).toEqual([]);
    await expect(async () => {
      await page.reload();
      await expect(card).toHaveAttribute("data-state", "off", { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    await expect(state).toHaveText("这台设备还没有开启提醒。");
    await expect(card.getByTestId("push-preferences")).toHaveCount(0);
    // nothing further reached the worker
    expect((await shownNotifications(page)).filter((n) => n.title === TEST_TITLE)).toHaveLength(1);
  } finally {
    await service.close();
  }
});
