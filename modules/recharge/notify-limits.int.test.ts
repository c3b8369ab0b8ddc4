// What anyone on the internet can send to the notify endpoints: an endless body, or a flood
// of forged notifications. Neither may fill memory or the payment_notifications table.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { POST as alipayNotifyRoute } from "@/app/api/payments/alipay/notify/route";
import { POST as sandboxNotifyRoute } from "@/app/api/payments/sandbox/notify/route";
import { advanceClock, resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { handlePaymentNotification, MAX_NOTIFICATION_BYTES, REJECTED_KEPT_PER_MINUTE } from "./notify.service";
import { readCappedBody } from "./notify-route";
import { balanceOf, paidOrderWithForgery } from "./test-helpers";

afterEach(() => resetClock());
afterAll(async () => {
  await db().$disconnect();
});

const URL_ = "http://localhost/api/payments/sandbox/notify";

async function lastNotificationId(): Promise<bigint> {
  return (await db().paymentNotification.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

/** A body of `total` bytes delivered in 16 KiB chunks, counting how much was actually pulled. */
function endlessBody(total: number) {
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      seen.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

describe("the notify endpoints cap the body while reading it", () => {
  it("answers 413 to a streamed body past 64 KiB without reading the rest, and stores nothing", async () => {
    const before = await lastNotificationId();
    const { stream, seen } = endlessBody(50 * 1024 * 1024);
    const req = new Request(URL_, { method: "POST", headers: { "Content-Type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    const res = await sandboxNotifyRoute(req);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "FAIL" });
    // Stopped within a chunk or two of the limit, not after 50 MiB.
    expect(seen.pulled).toBeLessThan(MAX_NOTIFICATION_BYTES + 3 * 16 * 1024);
    expect(await lastNotificationId()).toBe(before);
  });

  it("refuses a declared Content-Length over the limit before reading, in each gateway's format", async () => {
    const before = await lastNotificationId();
    const { stream, seen } = endlessBody(1024 * 1024);
    const req = new Request(URL_, { method: "POST", headers: { "Content-Length": String(1024 * 1024) }, body: stream, duplex: "half" } as RequestInit);
    expect((await sandboxNotifyRoute(req)).status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(16 * 1024); // at most the stream's first eager pull
    // Alipay is off in tests: 404 like any other request to a channel that is not configured.
    const big = "x".repeat(MAX_NOTIFICATION_BYTES + 1);
    expect((await alipayNotifyRoute(new Request("http://localhost/api/payments/alipay/notify", { method: "POST", body: big }))).status).toBe(404);
    expect(await lastNotificationId()).toBe(before);
  });

  it("reads a body of exactly the limit (multi-byte text intact) and one byte more is refused", async () => {
    const text = "网".repeat(100) + "a".repeat(MAX_NOTIFICATION_BYTES - 300);
    expect(Buffer.byteLength(text)).toBe(MAX_NOTIFICATION_BYTES);
    expect(await readCappedBody(new Request(URL_, { method: "POST", body: text }), MAX_NOTIFICATION_BYTES)).toBe(text);
    expect(await readCappedBody(new Request(URL_, { method: "POST", body: `${text}a` }), MAX_NOTIFICATION_BYTES)).toBeNull();
    expect(await readCappedBody(new Request(URL_, { method: "POST" }), MAX_NOTIFICATION_BYTES)).toBe("");
  });

  it("the service refuses an oversized body too (direct callers), storing nothing", async () => {
    const before = await lastNotificationId();
    const r = await handlePaymentNotification("sandbox", "x".repeat(MAX_NOTIFICATION_BYTES + 1), new Headers());
    expect(r).toMatchObject({ outcome: "REJECTED_TOO_LARGE", reply: { status: 413 } });
    expect(await lastNotificationId()).toBe(before);
  });
});

describe("a flood of forged notifications", () => {
  it(`stores at most ${REJECTED_KEPT_PER_MINUTE} rejected per channel and minute, counts the rest, and still takes genuine ones`, async () => {
    // A minute of our own, so no other test's rejections share the counter.
    const minute = new Date(Date.UTC(2031, 4, 1 + Math.floor(Math.random() * 28), Math.floor(Math.random() * 24), Math.floor(Math.random() * 60)));
    setClock(minute);
    const { u, good, forged } = await paidOrderWithForgery();

    const before = await lastNotificationId();
    const flood = 3 * REJECTED_KEPT_PER_MINUTE;
    for (let i = 0; i < flood; i++) {
      const res = await sandboxNotifyRoute(new Request(URL_, { method: "POST", headers: forged.headers, body: i % 2 ? forged.body : `{"forged":${i}}` }));
      expect(res.status).toBe(401);
    }
    const stored = await db().paymentNotification.count({ where: { id: { gt: before }, verified: false } });
    expect(stored).toBe(REJECTED_KEPT_PER_MINUTE);
    const key = `notify-rejected:SANDBOX:${minute.toISOString().slice(0, 16)}`;
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(flood);

    // A genuine notification in the same minute is stored and credited as always.
    expect((await handlePaymentNotification("sandbox", good.body, good.headers)).outcome).toBe("CREDITED");
    expect(await balanceOf(u.id)).toBe(2000n);
    expect(await db().paymentNotification.count({ where: { id: { gt: before }, verified: true } })).toBe(1);

    // The next minute keeps its own sample again.
    advanceClock(60_000);
    const mid = await lastNotificationId();
    expect((await handlePaymentNotification("sandbox", forged.body, forged.headers)).outcome).toBe("REJECTED_BAD_SIGNATURE");
    expect(await db().paymentNotification.count({ where: { id: { gt: mid }, verified: false } })).toBe(1);
  });
});
