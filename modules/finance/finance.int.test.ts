import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCatalogue, packageByCode } from "@/dev/factory";
import { db } from "@/lib/db";
import { dayKey } from "@/lib/time";
import { verifyLedger } from "@/modules/ledger/service";
import { setGatewayOverride, getGateway } from "@/modules/payments/gateways";
import type { PaymentGateway } from "@/modules/payments/types";
import { exchangePackage } from "@/modules/packages/service";
import { counterRecharge } from "@/modules/recharge/counter.service";
import { balanceOf, notifySandbox, orderOf, payAtSandbox, sandboxOrder, student } from "@/modules/recharge/test-helpers";
import { reconcileDay, reconciliationCsv } from "./reconcile.service";
import { getRefundable, refundOrder, reverseEntry, settlePendingRefunds } from "./refund.service";
import { dailyTotals, getOrderDetail, ledgerCsv, listFlaggedOrders, resolveFlaggedOrder, searchOrders } from "./service";
import { now as clockNow, nowMs } from "@/lib/clock";

let P10: { id: string };
beforeAll(async () => {
  await ensureCatalogue(db());
  P10 = await packageByCode(db(), "P10");
});
afterAll(async () => {
  setGatewayOverride("SANDBOX", undefined);
  expect((await verifyLedger()).ok).toBe(true);
  await db().$disconnect();
});

async function creditedSandboxOrder(userId: string, yuan: string) {
  const o = await sandboxOrder(userId, yuan);
  const txn = await payAtSandbox(o.orderNo);
  await notifySandbox(o.orderNo, o.amountFen, txn);
  return { ...o, txn };
}

describe("refunds (finance)", () => {
  it("refunds an online recharge back through the gateway, capped by the unspent balance", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const o = await creditedSandboxOrder(u.id, "30");
    await exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() }); // spends ¥10
    expect(await getRefundable(o.orderNo)).toMatchObject({
      kind: "ORIGINAL_ROUTE",
      creditedFen: 3000n,
      orderRemainingFen: 3000n,
      walletBalanceFen: 2000n,
      maxRefundFen: 2000n,
    });

    await expect(
      refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 2001n, reason: "学生申请退款", requestKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "REFUND_EXCEEDS_REFUNDABLE", params: { maxYuan: "20.00" } });
    await expect(refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 500n, reason: " ", requestKey: randomUUID() })).rejects.toMatchObject({
      code: "REASON_REQUIRED",
    });
    await expect(refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 0n, reason: "退款", requestKey: randomUUID() })).rejects.toMatchObject({
      code: "AMOUNT_INVALID",
    });

    const key = randomUUID();
    const r = await refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 1500n, reason: "学生申请退款", requestKey: key });
    expect(r).toMatchObject({ amountFen: 1500n, kind: "ORIGINAL_ROUTE", state: "SUCCEEDED", replayed: false });
    expect((await refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 1500n, reason: "学生申请退款", requestKey: key })).replayed).toBe(true);
    expect(await balanceOf(u.id)).toBe(500n);
    const trade = await db().sandboxTrade.findUniqueOrThrow({ where: { outTradeNo: o.orderNo } });
    expect(trade).toMatchObject({ state: "REFUND", refundedFen: 1500n });
    expect((await orderOf(o.orderNo)).refundedFen).toBe(1500n);
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: fin.id, action: "finance.refund.original_route" } });
    expect(audit.data).toMatchObject({
      orderNo: o.orderNo,
      amountFen: "1500",
      reason: "学生申请退款",
      before: { walletBalanceFen: "2000", orderRefundedFen: "0" },
      after: { walletBalanceFen: "500", orderRefundedFen: "1500" },
    });
    // The rest: at most the wallet's ¥5 now.
    expect((await getRefundable(o.orderNo)).maxRefundFen).toBe(500n);
  });

  it("never lets concurrent refunds and spending take more than the unspent balance", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const o = await creditedSandboxOrder(u.id, "20");
    const attempts = await Promise.allSettled([
      refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 1500n, reason: "并发退款一", requestKey: randomUUID() }),
      refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 1500n, reason: "并发退款二", requestKey: randomUUID() }),
      exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() }),
    ]);
    const refunded = (await orderOf(o.orderNo)).refundedFen;
    const balance = await balanceOf(u.id);
    const spent = attempts[2].status === "fulfilled" ? 1000n : 0n;
    expect(refunded + balance + spent).toBe(2000n);
    expect(balance).toBeGreaterThanOrEqual(0n);
    expect(refunded).toBeLessThanOrEqual(2000n);
  });

  it("records a cash refund for a counter recharge", async () => {
    const fin = await student({ role: "FINANCE" });
    const op = await student({ role: "OPERATOR" });
    const u = await student({ name: "何七" });
    const c = await counterRecharge({ operatorId: op.id, studentNo: u.studentNo, amountFen: 2000n, note: `${u.studentNo} 何七`, requestKey: randomUUID() });
    const r = await refundOrder({ actorId: fin.id, orderNo: c.orderNo, amountFen: 2000n, reason: "现金退回", requestKey: randomUUID() });
    expect(r).toMatchObject({ kind: "CASH", state: "SUCCEEDED" });
    expect(await balanceOf(u.id)).toBe(0n);
    await expect(refundOrder({ actorId: fin.id, orderNo: c.orderNo, amountFen: 1n, reason: "再退", requestKey: randomUUID() })).rejects.toMatchObject({
      code: "REFUND_EXCEEDS_REFUNDABLE",
    });
  });

  it("puts the money back when the gateway refuses a refund; a pending one is settled by self-healing", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const o = await creditedSandboxOrder(u.id, "20");
    const real = getGateway("SANDBOX")!;
    const refusing: PaymentGateway = Object.assign(Object.create(Object.getPrototypeOf(real)), real, {
      refund: async () => ({ state: "FAILED" as const, detail: "NOT_ENOUGH" }),
    });
    setGatewayOverride("SANDBOX", refusing);
    const failed = await refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 1000n, reason: "测试拒绝", requestKey: randomUUID() });
    expect(failed.state).toBe("FAILED");
    expect(await balanceOf(u.id)).toBe(2000n);
    expect((await orderOf(o.orderNo)).refundedFen).toBe(0n);

    const unreachable: PaymentGateway = Object.assign(Object.create(Object.getPrototypeOf(real)), real, {
      refund: async () => {
        const { GatewayError } = await import("@/modules/payments/types");
        throw new GatewayError("SANDBOX", "timeout");
      },
    });
    setGatewayOverride("SANDBOX", unreachable);
    const pending = await refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 700n, reason: "网关超时", requestKey: randomUUID() });
    expect(pending.state).toBe("PENDING");
    expect(await balanceOf(u.id)).toBe(1300n); // reserved while pending
    setGatewayOverride("SANDBOX", undefined);
    expect(await settlePendingRefunds({ now: new Date(nowMs() + 60_000) })).toBeGreaterThanOrEqual(1);
    expect((await db().refund.findUniqueOrThrow({ where: { refundNo: pending.refundNo } })).state).toBe("SUCCEEDED");
    expect(await balanceOf(u.id)).toBe(1300n);
  });

  it("refuses refunds of orders that are not credited", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const o = await sandboxOrder(u.id, "10");
    await expect(refundOrder({ actorId: fin.id, orderNo: o.orderNo, amountFen: 100n, reason: "未支付", requestKey: randomUUID() })).rejects.toMatchObject({
      code: "REFUND_NOT_ALLOWED",
    });
    await expect(
      refundOrder({ actorId: fin.id, orderNo: "R20260101000000AAAAAA", amountFen: 100n, reason: "不存在", requestKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("reversing entries", () => {
  it("corrects a counter recharge booked to the wrong student by a reversing entry (never an edit), once", async () => {
    const fin = await student({ role: "FINANCE" });
    const op = await student({ role: "OPERATOR" });
    const wrong = await student({ name: "错人" });
    const c = await counterRecharge({
      operatorId: op.id,
      studentNo: wrong.studentNo,
      amountFen: 1000n,
      note: `${wrong.studentNo} 错人`,
      requestKey: randomUUID(),
    });
    await expect(reverseEntry({ actorId: fin.id, entryId: c.journalEntryId, reason: "" })).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    const r = await reverseEntry({ actorId: fin.id, entryId: c.journalEntryId, reason: "充错账号" });
    expect(r.replayed).toBe(false);
    expect(await balanceOf(wrong.id)).toBe(0n);
    const reversal = await db().journalEntry.findUniqueOrThrow({ where: { id: r.reversalEntryId }, include: { postings: { include: { account: true } } } });
    expect(reversal.kind).toBe("REVERSAL");
    expect(reversal.postings.map((p) => [p.account.code, p.amountFen]).sort()).toEqual([
      ["source:counter", 1000n],
      [`wallet:${wrong.id}`, -1000n],
    ]);
    expect((await reverseEntry({ actorId: fin.id, entryId: c.journalEntryId, reason: "再次" })).replayed).toBe(true);
    expect(await balanceOf(wrong.id)).toBe(0n);
    await expect(refundOrder({ actorId: fin.id, orderNo: c.orderNo, amountFen: 100n, reason: "冲正后退款", requestKey: randomUUID() })).rejects.toMatchObject({
      code: "REFUND_NOT_ALLOWED",
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: fin.id, action: "finance.reversal" } });
    expect(audit.data).toMatchObject({
      entryId: c.journalEntryId,
      reason: "充错账号",
      before: { walletBalancesFen: { [wrong.id]: "1000" } },
      after: { walletBalancesFen: { [wrong.id]: "0" } },
    });
  });

  it("refuses to reverse money already spent, exchanges and reversals", async () => {
    const fin = await student({ role: "FINANCE" });
    const op = await student({ role: "OPERATOR" });
    const u = await student({ name: "花钱" });
    const c = await counterRecharge({ operatorId: op.id, studentNo: u.studentNo, amountFen: 1000n, note: `${u.studentNo} 花钱`, requestKey: randomUUID() });
    const ex = await exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() });
    await expect(reverseEntry({ actorId: fin.id, entryId: c.journalEntryId, reason: "已消费" })).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });
    const holding = await db().packageHolding.findUniqueOrThrow({ where: { id: ex.holdingId } });
    await expect(reverseEntry({ actorId: fin.id, entryId: holding.journalEntryId, reason: "换购" })).rejects.toMatchObject({ code: "REVERSAL_NOT_ALLOWED" });
    await expect(reverseEntry({ actorId: fin.id, entryId: randomUUID(), reason: "不存在" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("flagged queue", () => {
  it("lists flagged and review-marked orders; finance credits the paid amount or acknowledges", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const mismatch = await sandboxOrder(u.id, "20");
    await notifySandbox(mismatch.orderNo, 1800n, "4200000000000000000000018000");
    const late = await sandboxOrder(u.id, "10");
    await db().rechargeOrder.update({ where: { orderNo: late.orderNo }, data: { state: "CLOSED", closedAt: clockNow() } });
    await notifySandbox(late.orderNo, 1000n, await payAtSandbox(late.orderNo));

    const queue = await listFlaggedOrders(fin, { take: 200 });
    const mine = queue.items.filter((o) => o.user.studentNo === u.studentNo).map((o) => [o.orderNo, o.state, o.flagReason]);
    expect(mine).toEqual(
      expect.arrayContaining([
        [mismatch.orderNo, "FLAGGED", "AMOUNT_MISMATCH"],
        [late.orderNo, "CREDITED", "PAID_AFTER_CLOSE"],
      ]),
    );

    await expect(resolveFlaggedOrder({ actorId: fin.id, orderNo: late.orderNo, resolution: "CREDIT_PAID_AMOUNT", reason: "错误操作" })).rejects.toMatchObject({
      code: "FLAG_RESOLUTION_INVALID",
    });
    await resolveFlaggedOrder({ actorId: fin.id, orderNo: mismatch.orderNo, resolution: "CREDIT_PAID_AMOUNT", reason: "按实付金额入账" });
    await resolveFlaggedOrder({ actorId: fin.id, orderNo: late.orderNo, resolution: "ACKNOWLEDGE", reason: "关闭后支付，已入账" });
    expect(await balanceOf(u.id)).toBe(2800n);
    expect(await orderOf(mismatch.orderNo)).toMatchObject({ state: "CREDITED", flaggedAt: null });
    const after = await listFlaggedOrders(fin, { take: 200 });
    expect(after.items.filter((o) => o.user.studentNo === u.studentNo)).toHaveLength(0);
    // The credited amount is what was paid: refunds are capped by it.
    expect((await getRefundable(mismatch.orderNo)).creditedFen).toBe(1800n);
    const detail = await getOrderDetail(mismatch.orderNo, fin);
    expect(await db().auditLog.count({ where: { actorId: fin.id, subjectId: u.id, action: "staff.read.order" } })).toBe(1);
    expect(detail.events.map((e) => e.toState)).toEqual(["CREATED", "PAID", "FLAGGED", "PAID", "CREDITED"]);
    expect(detail.notifications).toHaveLength(1);
  });
});

describe("reconciliation", () => {
  it("repairs paid-but-not-credited, flags credited-but-unknown (never debits), reports unknown orders, stores a run and a CSV", async () => {
    const fin = await student({ role: "FINANCE" });
    const u = await student();
    const ok = await creditedSandboxOrder(u.id, "10");
    const lost = await sandboxOrder(u.id, "20");
    const lostTxn = await payAtSandbox(lost.orderNo); // notification never came, nobody polled
    const ghost = await sandboxOrder(u.id, "30");
    // Credited here but the gateway has no such payment (e.g. a bug or a manual mistake).
    await db().$transaction(async (tx) => {
      const { confirmPayment } = await import("@/modules/orders/service");
      await confirmPayment(tx, {
        channel: "SANDBOX",
        orderNo: ghost.orderNo,
        gatewayTxnId: "4200000000000000000000GHOST1",
        paidAmountFen: 3000n,
        paidAt: clockNow(),
        source: "RECONCILE",
      });
    });
    // A payment at the gateway for an order number we never issued.
    await db().sandboxTrade.create({
      data: {
        outTradeNo: `RX${randomUUID().replace(/-/g, "").slice(0, 16)}`,
        transactionId: `4200${randomUUID().replace(/-/g, "").slice(0, 16)}99`,
        amountFen: 700n,
        notifyUrl: "http://localhost/x",
        state: "SUCCESS",
        paidAt: clockNow(),
      },
    });
    expect(await balanceOf(u.id)).toBe(4000n);

    const day = dayKey(clockNow());
    const run = await reconcileDay({ channel: "SANDBOX", day, actorId: fin.id });
    expect(run.summary.mode).toBe("STATEMENT");
    const byOrder = new Map(run.items.map((i) => [i.orderNo, i]));
    expect(byOrder.get(lost.orderNo)).toMatchObject({ type: "PAID_NOT_CREDITED", action: "credited", gatewayTxnId: lostTxn });
    expect(byOrder.get(ghost.orderNo)).toMatchObject({ type: "CREDITED_NOT_IN_STATEMENT", action: "flagged" });
    expect(byOrder.has(ok.orderNo)).toBe(false); // matched
    expect(run.summary.repaired).toBeGreaterThanOrEqual(1);
    expect(run.summary.unknownOrders).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(u.id)).toBe(6000n); // lost payment credited, ghost not debited
    expect(await orderOf(ghost.orderNo)).toMatchObject({ state: "CREDITED", flagReason: "UNKNOWN_TO_GATEWAY" });

    // A second run repairs nothing new and never credits twice.
    const again = await reconcileDay({ channel: "SANDBOX", day, actorId: fin.id });
    expect(again.items.find((i) => i.orderNo === lost.orderNo)).toBeUndefined();
    expect(await balanceOf(u.id)).toBe(6000n);

    const { filename, csv } = await reconciliationCsv(run.runId, fin);
    expect((await db().auditLog.findFirstOrThrow({ where: { actorId: fin.id, action: "export.csv" } })).data).toMatchObject({
      export: "reconciliation",
      runId: run.runId,
      day,
    });
    expect(filename).toBe(`reconciliation-sandbox-${day}.csv`);
    expect(csv.startsWith("\uFEFFday,channel,type,order_no")).toBe(true);
    expect(csv).toContain(`PAID_NOT_CREDITED,${lost.orderNo},${lostTxn},20.00,20.00`);
    expect(csv).toContain("SUMMARY");
    expect(await db().reconciliationRun.count({ where: { id: run.runId } })).toBe(1);
  });

  it("refuses a channel that is not configured and a malformed day", async () => {
    await expect(reconcileDay({ channel: "WECHAT", day: dayKey(clockNow()) })).rejects.toMatchObject({ code: "CHANNEL_UNAVAILABLE" });
    await expect(reconcileDay({ channel: "SANDBOX", day: "2026-13-45" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("finance read models", () => {
  it("daily totals by channel, order search and the ledger CSV", async () => {
    const op = await student({ role: "OPERATOR" });
    const fin = await student({ role: "FINANCE" });
    const u = await student({ name: "统计" });
    const day = dayKey(clockNow());
    const before = await dailyTotals(day);
    const online = await creditedSandboxOrder(u.id, "50");
    const counter = await counterRecharge({
      operatorId: op.id,
      studentNo: u.studentNo,
      amountFen: 2000n,
      note: `${u.studentNo} 统计`,
      requestKey: randomUUID(),
    });
    await refundOrder({ actorId: fin.id, orderNo: counter.orderNo, amountFen: 500n, reason: "部分退现金", requestKey: randomUUID() });
    await exchangePackage({ userId: u.id, packageId: P10.id, requestKey: randomUUID() });
    const after = await dailyTotals(day);
    const delta = (ch: string, f: "rechargesFen" | "refundsFen" | "netFen") =>
      after.channels.find((c) => c.channel === ch)![f] - before.channels.find((c) => c.channel === ch)![f];
    expect(delta("SANDBOX", "rechargesFen")).toBe(5000n);
    expect(delta("COUNTER", "rechargesFen")).toBe(2000n);
    expect(delta("COUNTER", "refundsFen")).toBe(500n);
    expect(delta("COUNTER", "netFen")).toBe(1500n);
    expect(after.packageRevenueFen - before.packageRevenueFen).toBe(1000n);
    expect(after.exchangeCount - before.exchangeCount).toBe(1);

    expect((await searchOrders(fin, { query: online.orderNo })).items.map((o) => o.orderNo)).toEqual([online.orderNo]);
    const byStudent = await searchOrders(fin, { query: u.studentNo });
    // The list shows students' names: the read is in the audit log with its filter.
    const read = await db().auditLog.findFirstOrThrow({ where: { actorId: fin.id, action: "staff.read.orders" }, orderBy: { id: "desc" } });
    expect(read.data).toMatchObject({ filter: { query: u.studentNo }, total: 2 });
    expect(byStudent.total).toBe(2);
    expect((await searchOrders(fin, { query: u.studentNo, channel: "COUNTER" })).items.map((o) => o.orderNo)).toEqual([counter.orderNo]);
    expect((await searchOrders(fin, { query: u.studentNo, state: "CREATED" })).total).toBe(0);
    await expect(searchOrders(fin, { fromDay: "2026-02-30" })).rejects.toMatchObject({ code: "VALIDATION" });

    const { filename, csv } = await ledgerCsv(day, fin);
    expect((await db().auditLog.findFirstOrThrow({ where: { actorId: fin.id, action: "export.csv" } })).data).toMatchObject({ export: "ledger", day });
    expect(filename).toBe(`ledger-${day}.csv`);
    expect(csv).toContain(`recharge:SANDBOX:${online.txn}`);
    expect(csv).toContain(`wallet:${u.id},${u.studentNo},50.00`);
    expect(csv).toContain("source:sandbox,,-50.00");
  });
});
