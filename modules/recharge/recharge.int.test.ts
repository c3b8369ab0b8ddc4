import { createSign } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { cancelTrade } from "@/modules/payments/sandbox/service";
import { POST as sandboxNotifyRoute } from "@/app/api/payments/sandbox/notify/route";
import { getOrderStatus, healPendingOrders, refreshOrderFromGateway } from "@/modules/healing/service";
import { handlePaymentNotification } from "./notify.service";
import { getReceipt, listRechargeRecords, readOrderStatus } from "./records.service";
import { createRechargeOrderSchema } from "./schemas";
import { cancelOrder, createRechargeOrder, LOOKUPS_PER_HOUR, lookupRechargeTarget } from "./service";
import {
  balanceOf,
  notificationsFor,
  notifySandbox,
  orderOf,
  paidOrderWithForgery,
  payAtSandbox,
  sandboxOrder,
  sandboxSigner,
  student,
  v3Notification,
} from "./test-helpers";
import { now as clockNow, nowMs } from "@/lib/clock";

afterEach(() => resetClock());
afterAll(async () => {
  const check = await verifyLedger();
  expect(check.ok).toBe(true);
  await db().$disconnect();
});

const later = (ms: number) => new Date(nowMs() + ms);

describe("creating a recharge order", () => {
  it("validates the amount: ¥5 minimum, policy maximum, at most two decimals, integer fen", async () => {
    const u = await student();
    // Text that is no amount stops at the edge (the action's schema); the service sees only fen.
    for (const amountYuan of ["5.001", "-5", "abc", "1e3", "", "NaN", "99999999999999"]) {
      expect(createRechargeOrderSchema.safeParse({ amountYuan, channel: "SANDBOX" }).success, amountYuan).toBe(false);
    }
    const bad: [bigint, string][] = [
      [499n, "AMOUNT_TOO_SMALL"],
      [0n, "AMOUNT_TOO_SMALL"],
      [50001n, "AMOUNT_TOO_LARGE"],
      [9999999999999900n, "AMOUNT_TOO_LARGE"],
    ];
    for (const [amountFen, code] of bad) {
      await expect(createRechargeOrder({ creatorId: u.id, amountFen, channel: "SANDBOX" }), String(amountFen)).rejects.toMatchObject({ code });
    }
    expect(await db().rechargeOrder.count({ where: { createdById: u.id } })).toBe(0);
    const ok = await createRechargeOrder({
      creatorId: u.id,
      amountFen: createRechargeOrderSchema.parse({ amountYuan: "5", channel: "SANDBOX" }).amountYuan,
      channel: "SANDBOX",
    });
    expect(ok.amountFen).toBe(500n);
    const typed = await createRechargeOrder({
      creatorId: u.id,
      amountFen: createRechargeOrderSchema.parse({ amountYuan: "12.34", channel: "SANDBOX" }).amountYuan,
      channel: "SANDBOX",
    });
    expect(typed.amountFen).toBe(1234n);
    const max = await createRechargeOrder({ creatorId: u.id, amountFen: 50000n, channel: "SANDBOX" });
    expect(max.amountFen).toBe(50000n);
    expect(ok.orderNo).toMatch(/^R\d{14}[0-9A-Z]{6}$/);
    const o = await orderOf(ok.orderNo);
    expect(o.state).toBe("CREATED");
    expect(o.events.map((e) => e.toState)).toEqual(["CREATED"]);
    const policy = await db().rechargePolicy.findUniqueOrThrow({ where: { id: 1 } });
    expect(o.expiresAt.getTime() - o.createdAt.getTime()).toBe(policy.orderTimeoutMinutes * 60_000);
  });

  it("refuses a channel that is not configured (WeChat/Alipay hidden without credentials)", async () => {
    const u = await student();
    await expect(createRechargeOrder({ creatorId: u.id, amountFen: 1000n, channel: "WECHAT" })).rejects.toMatchObject({ code: "CHANNEL_UNAVAILABLE" });
    await expect(createRechargeOrder({ creatorId: u.id, amountFen: 1000n, channel: "ALIPAY" })).rejects.toMatchObject({ code: "CHANNEL_UNAVAILABLE" });
  });

  it("recharges another account after showing its masked name and student number", async () => {
    const payer = await student();
    const other = await student({ name: "张小三" });
    const two = await student({ name: "李四" });
    const t = await lookupRechargeTarget({ viewerId: payer.id, studentNo: other.studentNo });
    expect(t).toMatchObject({ studentNo: other.studentNo, maskedName: "张*三", isSelf: false });
    expect((await lookupRechargeTarget({ viewerId: payer.id, studentNo: two.studentNo })).maskedName).toBe("李*");
    await expect(lookupRechargeTarget({ viewerId: payer.id, studentNo: "000000000000" })).rejects.toMatchObject({ code: "RECHARGE_TARGET_NOT_FOUND" });
    await expect(lookupRechargeTarget({ viewerId: payer.id, studentNo: "'; DROP TABLE users; --" })).rejects.toMatchObject({
      code: "RECHARGE_TARGET_NOT_FOUND",
    });

    const order = await sandboxOrder(payer.id, "30", { targetStudentNo: other.studentNo });
    expect(order.target).toEqual({ studentNo: other.studentNo, maskedName: "张*三", isSelf: false });
    const txn = await payAtSandbox(order.orderNo);
    await notifySandbox(order.orderNo, 3000n, txn);
    expect(await balanceOf(other.id)).toBe(3000n);
    expect(await balanceOf(payer.id)).toBe(0n);
    // Both may follow the order; the payer sees the masked name and no balance of the other account.
    const asPayer = await readOrderStatus(order.orderNo, payer.id);
    expect(asPayer).toMatchObject({ state: "CREDITED", target: { maskedName: "张*三", isSelf: false }, balanceFen: null });
    const asOwner = await readOrderStatus(order.orderNo, other.id);
    expect(asOwner).toMatchObject({ state: "CREDITED", balanceFen: 3000n, target: { isSelf: true } });
    const stranger = await student();
    await expect(readOrderStatus(order.orderNo, stranger.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getOrderStatus(order.orderNo, stranger.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("looking up other accounts", () => {
  it("is rate-limited per student, so nobody can walk the roll of masked names; looking up oneself is not", async () => {
    const payer = await student();
    const other = await student();
    for (let i = 0; i < LOOKUPS_PER_HOUR; i++) await lookupRechargeTarget({ viewerId: payer.id, studentNo: other.studentNo });
    await expect(lookupRechargeTarget({ viewerId: payer.id, studentNo: other.studentNo })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect((await lookupRechargeTarget({ viewerId: payer.id, studentNo: payer.studentNo })).isSelf).toBe(true);
    // another student is not affected by the first one's limit
    expect((await lookupRechargeTarget({ viewerId: other.id, studentNo: payer.studentNo })).isSelf).toBe(false);
  });
});

describe("paid → credited exactly once", () => {
  it("credits on a verified notification, with every transition timestamped", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "20");
    expect(order.payUrl).toContain(`/sandbox-pay/${order.orderNo}`);
    expect(order.payUrl).toContain("redirect_url=");
    const paidAt = new Date(Math.floor(nowMs() / 1000) * 1000);
    const txn = await payAtSandbox(order.orderNo, paidAt);

    // Before the notification: not credited, never "success".
    expect((await readOrderStatus(order.orderNo, u.id)).displayState).toBe("AWAITING_PAYMENT");
    const n = v3Notification(sandboxSigner(), { orderNo: order.orderNo, txnId: txn, amountFen: 2000n, paidAt });
    const res = await sandboxNotifyRoute(new Request("http://localhost/api/payments/sandbox/notify", { method: "POST", headers: n.headers, body: n.body }));
    expect(res.status).toBe(204);

    const o = await orderOf(order.orderNo);
    expect(o).toMatchObject({ state: "CREDITED", gatewayTxnId: txn, paidAmountFen: 2000n, paidAfterClose: false });
    expect(o.paidAt?.getTime()).toBe(paidAt.getTime());
    expect(o.creditedAt).toBeInstanceOf(Date);
    expect(o.events.map((e) => [e.fromState, e.toState])).toEqual([
      [null, "CREATED"],
      ["CREATED", "PAID"],
      ["PAID", "CREDITED"],
    ]);
    expect(await balanceOf(u.id)).toBe(2000n);
    const entry = await db().journalEntry.findUniqueOrThrow({ where: { id: o.journalEntryId! }, include: { postings: { include: { account: true } } } });
    expect(entry.idempotencyKey).toBe(`recharge:SANDBOX:${txn}`);
    expect(entry.kind).toBe("RECHARGE");
    expect(entry.postings.map((p) => [p.account.code, p.amountFen]).sort()).toEqual([
      ["source:sandbox", -2000n],
      [`wallet:${u.id}`, 2000n],
    ]);
    const recorded = await notificationsFor(order.orderNo);
    expect(recorded.map((r) => [r.verified, r.outcome])).toEqual([[true, "CREDITED"]]);
    expect((await readOrderStatus(order.orderNo, u.id)).displayState).toBe("CREDITED");
  });

  it("acknowledges duplicated notifications (sequential and concurrent) and changes nothing", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "50");
    const txn = await payAtSandbox(order.orderNo);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await notifySandbox(order.orderNo, 5000n, txn)).outcome);
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => notifySandbox(order.orderNo, 5000n, txn)));
    outcomes.push(...concurrent.map((r) => r.outcome));
    expect(outcomes.filter((o) => o === "CREDITED")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "DUPLICATE")).toHaveLength(8);
    expect(concurrent.every((r) => r.reply.status === 204)).toBe(true);
    expect(await balanceOf(u.id)).toBe(5000n);
    expect(await db().journalEntry.count({ where: { idempotencyKey: `recharge:SANDBOX:${txn}` } })).toBe(1);
    expect((await notificationsFor(order.orderNo)).length).toBe(9);
  });

  it("refuses forged, tampered, stale, unknown-serial and malformed notifications, logs them, credits nothing", async () => {
    const { u, order, txn, real, good, forged } = await paidOrderWithForgery();
    const tampered = good.body.replace(/"summary":"[^"]*"/, '"summary":"支付成功!"');
    const stale = v3Notification(real, { orderNo: order.orderNo, txnId: txn, amountFen: 2000n }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const future = v3Notification(real, { orderNo: order.orderNo, txnId: txn, amountFen: 2000n }, { timestamp: Math.floor(Date.now() / 1000) + 400 });
    const unknownSerial = new Headers(good.headers);
    unknownSerial.set("Wechatpay-Serial", "PUB_KEY_ID_SOMEONE_ELSE");
    const probe = new Headers(good.headers);
    probe.set("Wechatpay-Signature", "WECHATPAY/SIGNTEST/abc");
    const noHeaders = new Headers({ "Content-Type": "application/json" });
    const wrongMerchant = v3Notification(real, { orderNo: order.orderNo, txnId: txn, amountFen: 2000n, mchid: "1999999999" });
    const wrongKey = v3Notification({ ...real, apiV3Key: "0123456789abcdef0123456789abcdef" }, { orderNo: order.orderNo, txnId: txn, amountFen: 2000n });
    // Correctly signed garbage (only the gateway could send it): 400, never 500.
    const ts = String(Math.floor(Date.now() / 1000));
    const garbage = "{not json";
    const garbageSig = createSign("RSA-SHA256").update(`${ts}\nn1\n${garbage}\n`).sign(real.privateKey, "base64");
    const garbageHeaders = new Headers({
      "Wechatpay-Timestamp": ts,
      "Wechatpay-Nonce": "n1",
      "Wechatpay-Signature": garbageSig,
      "Wechatpay-Serial": real.serial,
    });

    const cases: [string, Headers, number, string][] = [
      [forged.body, forged.headers, 401, "REJECTED_BAD_SIGNATURE"],
      [tampered, good.headers, 401, "REJECTED_BAD_SIGNATURE"],
      [stale.body, stale.headers, 401, "REJECTED_STALE_TIMESTAMP"],
      [future.body, future.headers, 401, "REJECTED_STALE_TIMESTAMP"],
      [good.body, unknownSerial, 401, "REJECTED_UNKNOWN_SERIAL"],
      [good.body, probe, 401, "REJECTED_SIGNATURE_PROBE"],
      [good.body, noHeaders, 401, "REJECTED_MISSING_HEADERS"],
      [wrongMerchant.body, wrongMerchant.headers, 400, "REJECTED_MERCHANT_MISMATCH"],
      [wrongKey.body, wrongKey.headers, 400, "REJECTED_DECRYPT_FAILED"],
      [garbage, garbageHeaders, 400, "REJECTED_MALFORMED"],
    ];
    // Rejected notifications are stored up to 20 per channel and minute of the clock (notify.service.ts);
    // the chaos test floods forged ones in real time, so these get a minute of their own (signatures
    // are still checked against real time).
    setClock(new Date(Date.UTC(2032, 6, 1 + Math.floor(Math.random() * 28), Math.floor(Math.random() * 24), Math.floor(Math.random() * 60))));
    for (const [body, headers, status, outcome] of cases) {
      const res = await sandboxNotifyRoute(new Request("http://localhost/api/payments/sandbox/notify", { method: "POST", headers, body }));
      expect(res.status, outcome).toBe(status);
      expect(await res.json()).toMatchObject({ code: "FAIL" });
      // by body, not just the newest SANDBOX row: other test files store notifications at the same time
      const last = await db().paymentNotification.findFirstOrThrow({ where: { channel: "SANDBOX", body: body.slice(0, 20_000) }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ verified: false, outcome, body: body.slice(0, 20_000) });
    }
    resetClock();
    expect((await orderOf(order.orderNo)).state).toBe("CREATED");
    expect(await balanceOf(u.id)).toBe(0n);

    // The genuine one still works afterwards.
    expect((await handlePaymentNotification("sandbox", good.body, good.headers)).outcome).toBe("CREDITED");
    expect(await balanceOf(u.id)).toBe(2000n);
  });

  it("flags an amount mismatch instead of crediting", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "20");
    const r = await notifySandbox(order.orderNo, 1999n, "4200000000000000000000001999");
    expect(r.outcome).toBe("AMOUNT_MISMATCH");
    expect(r.reply.status).toBe(204);
    const o = await orderOf(order.orderNo);
    expect(o).toMatchObject({ state: "FLAGGED", flagReason: "AMOUNT_MISMATCH", paidAmountFen: 1999n, journalEntryId: null });
    expect(o.flaggedAt).toBeInstanceOf(Date);
    expect(o.events.map((e) => e.toState)).toEqual(["CREATED", "PAID", "FLAGGED"]);
    expect(await balanceOf(u.id)).toBe(0n);
    expect((await notifySandbox(order.orderNo, 1999n, "4200000000000000000000001999")).outcome).toBe("DUPLICATE");
    expect((await readOrderStatus(order.orderNo, u.id)).displayState).toBe("UNDER_REVIEW");
  });

  it("credits a payment notified after the order closed, and marks it", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "10");
    await cancelOrder({ orderNo: order.orderNo, viewerId: u.id });
    expect((await orderOf(order.orderNo)).state).toBe("CLOSED");
    const txn = await payAtSandbox(order.orderNo); // the payer had the checkout open
    const r = await notifySandbox(order.orderNo, 1000n, txn);
    expect(r.outcome).toBe("CREDITED_AFTER_CLOSE");
    const o = await orderOf(order.orderNo);
    expect(o).toMatchObject({ state: "CREDITED", paidAfterClose: true, flagReason: "PAID_AFTER_CLOSE" });
    expect(o.flaggedAt).toBeInstanceOf(Date);
    expect(o.closedAt).toBeInstanceOf(Date);
    expect(o.events.map((e) => e.toState)).toEqual(["CREATED", "CLOSED", "PAID", "CREDITED"]);
    expect(await balanceOf(u.id)).toBe(1000n);
  });

  it("handles out-of-order arrival: a late notification after self-healing credited, and a second payment", async () => {
    const u = await student();
    const a = await sandboxOrder(u.id, "10");
    const b = await sandboxOrder(u.id, "20");
    const txnA = await payAtSandbox(a.orderNo);
    const txnB = await payAtSandbox(b.orderNo);
    // B's notification comes first; A's never comes until self-healing asked the gateway.
    expect((await notifySandbox(b.orderNo, 2000n, txnB)).outcome).toBe("CREDITED");
    expect(await refreshOrderFromGateway(a.orderNo)).toBe("CREDITED");
    // Then A's notification arrives, late: acknowledged, nothing changes.
    expect((await notifySandbox(a.orderNo, 1000n, txnA)).outcome).toBe("DUPLICATE");
    expect(await balanceOf(u.id)).toBe(3000n);
    // A different transaction for an already paid order (paid twice): flagged for finance, not credited.
    expect((await notifySandbox(a.orderNo, 1000n, "4200000000000000000000999999")).outcome).toBe("SECOND_PAYMENT");
    const o = await orderOf(a.orderNo);
    expect(o).toMatchObject({ state: "CREDITED", flagReason: "DUPLICATE_PAYMENT", gatewayTxnId: txnA });
    expect(await balanceOf(u.id)).toBe(3000n);
  });

  it("acknowledges a verified notification for an order we do not know (reported, nothing credited)", async () => {
    const r = await notifySandbox("R20261123000000ZZZZZZ", 1000n, "4200000000000000000000777777");
    expect(r.outcome).toBe("UNKNOWN_ORDER");
    expect(r.reply.status).toBe(204);
  });
});

describe("self-healing", () => {
  it("credits a paid order that never got a notification when its page polls (rate-limited)", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "20");
    await payAtSandbox(order.orderNo);
    // Too fresh: no gateway query yet.
    const fresh = await getOrderStatus(order.orderNo, u.id);
    expect(fresh).toMatchObject({ state: "CREATED", checkedGateway: false });
    const polled = await getOrderStatus(order.orderNo, u.id, { now: later(6_000) });
    expect(polled).toMatchObject({ state: "CREDITED", displayState: "CREDITED", checkedGateway: true, balanceFen: 2000n });
    expect((await getOrderStatus(order.orderNo, u.id, { now: later(7_000) })).checkedGateway).toBe(false);
    expect(await balanceOf(u.id)).toBe(2000n);
    const events = (await orderOf(order.orderNo)).events;
    expect(events[1]!.data).toMatchObject({ source: "QUERY" });
  });

  it("the sweep credits paid orders, closes expired unpaid and gateway-cancelled ones, finishes PAID leftovers", async () => {
    const u = await student();
    const paid = await sandboxOrder(u.id, "10");
    const unpaid = await sandboxOrder(u.id, "20");
    const cancelled = await sandboxOrder(u.id, "30");
    const leftover = await sandboxOrder(u.id, "40");
    await payAtSandbox(paid.orderNo);
    await cancelTrade(cancelled.orderNo);
    // A crash between "paid" and "credited" (only possible through an older code path or a manual fix).
    const leftoverTxn = await payAtSandbox(leftover.orderNo);
    await db().rechargeOrder.update({
      where: { orderNo: leftover.orderNo },
      data: { state: "PAID", gatewayTxnId: leftoverTxn, paidAmountFen: 4000n, paidAt: clockNow() },
    });

    const report = await healPendingOrders({ now: later(16 * 60_000), staleAfterMs: 0 });
    expect(report.skipped).toBe(false);
    const states = await Promise.all([paid, unpaid, cancelled, leftover].map(async (o) => (await orderOf(o.orderNo)).state));
    expect(states).toEqual(["CREDITED", "CLOSED", "CLOSED", "CREDITED"]);
    expect(await balanceOf(u.id)).toBe(5000n);
    // Running again changes nothing.
    await healPendingOrders({ now: later(16 * 60_000), staleAfterMs: 0 });
    expect(await balanceOf(u.id)).toBe(5000n);
    expect((await orderOf(unpaid.orderNo)).events.map((e) => e.toState)).toEqual(["CREATED", "CLOSED"]);
  });

  it("a payment made after the timeout closed the order is found by the sweep and credited (marked)", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "10");
    await healPendingOrders({ now: later(16 * 60_000), staleAfterMs: 0 });
    expect((await orderOf(order.orderNo)).state).toBe("CLOSED");
    await payAtSandbox(order.orderNo); // notification lost
    await healPendingOrders({ now: later(17 * 60_000), staleAfterMs: 0 });
    expect(await orderOf(order.orderNo)).toMatchObject({ state: "CREDITED", paidAfterClose: true });
    expect(await balanceOf(u.id)).toBe(1000n);
  });
});

describe("orders for the student", () => {
  it("cancels only unpaid orders of one's own", async () => {
    const u = await student();
    const stranger = await student();
    const order = await sandboxOrder(u.id, "10");
    await expect(cancelOrder({ orderNo: order.orderNo, viewerId: stranger.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await cancelOrder({ orderNo: order.orderNo, viewerId: u.id });
    await cancelOrder({ orderNo: order.orderNo, viewerId: u.id }); // idempotent
    const credited = await sandboxOrder(u.id, "10");
    await notifySandbox(credited.orderNo, 1000n, await payAtSandbox(credited.orderNo));
    await expect(cancelOrder({ orderNo: credited.orderNo, viewerId: u.id })).rejects.toMatchObject({ code: "ORDER_NOT_CANCELLABLE" });
  });

  it("lists recharge records (own account and paid for others) with receipts for credited orders", async () => {
    const u = await student({ name: "王五" });
    const friend = await student({ name: "赵六六" });
    const mine = await sandboxOrder(u.id, "10");
    await notifySandbox(mine.orderNo, 1000n, await payAtSandbox(mine.orderNo));
    const forFriend = await sandboxOrder(u.id, "20", { targetStudentNo: friend.studentNo });
    await notifySandbox(forFriend.orderNo, 2000n, await payAtSandbox(forFriend.orderNo));
    const open = await sandboxOrder(u.id, "30");

    const records = await listRechargeRecords(u.id);
    expect(records.total).toBe(3);
    expect(records.items.map((r) => [r.orderNo, r.displayState, r.forOther, r.hasReceipt])).toEqual([
      [open.orderNo, "AWAITING_PAYMENT", false, false],
      [forFriend.orderNo, "CREDITED", true, true],
      [mine.orderNo, "CREDITED", false, true],
    ]);
    expect(records.items[1]!.target).toEqual({ studentNo: friend.studentNo, maskedName: "赵*六", isSelf: false });
    expect((await listRechargeRecords(friend.id)).items.map((r) => r.orderNo)).toEqual([forFriend.orderNo]);

    const receipt = await getReceipt(mine.orderNo, { id: u.id, role: "STUDENT" });
    expect(receipt).toMatchObject({
      orderNo: mine.orderNo,
      amountFen: 1000n,
      account: { studentNo: u.studentNo, name: "王五" },
      channel: "SANDBOX",
      operator: null,
    });
    expect(receipt.gatewayTxnRef).toMatch(/^…\d{8}$/);
    expect((await getReceipt(forFriend.orderNo, { id: u.id, role: "STUDENT" })).account.name).toBe("赵*六");
    await expect(getReceipt(open.orderNo, { id: u.id, role: "STUDENT" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await student();
    await expect(getReceipt(mine.orderNo, { id: stranger.id, role: "STUDENT" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getReceipt(mine.orderNo, { id: stranger.id, role: "FINANCE" })).orderNo).toBe(mine.orderNo);
  });
});
