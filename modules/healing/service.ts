import "server-only";
// Self-healing: a payment whose notification is late or never comes is found by asking the
// gateway (order query) — when the student's order page polls, and in a periodic sweep.
// Paid → credited (exactly once, same path as a notification); unpaid past the timeout →
// closed; a PAID order left behind by a crash → credited; a refund left PENDING by a crash →
// settled (see modules/finance/refund.service.ts). It sits above recharge, finance and orders and
// none of them imports it (docs/decisions/010-orders-module.md).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getGateway } from "@/modules/payments/gateways";
import { GatewayError, isOnlineChannel } from "@/modules/payments/types";
import { settlePendingRefunds } from "@/modules/finance/refund.service";
import { closeOrderIfUnpaid, confirmPayment, creditLockedOrder, lockOrder } from "@/modules/orders/service";
import { readOrderStatus, type OrderStatusView } from "@/modules/recharge/records.service";

/** An order polled by its page is asked about only when at least this old … */
export const POLL_QUERY_MIN_AGE_MS = 5_000;
/** … and at most this often per order (per server process). */
export const POLL_QUERY_INTERVAL_MS = 10_000;
/** Closed orders are asked about again (paid after close, notification lost) for this long. */
export const CLOSED_RECHECK_WINDOW_MS = 60 * 60_000;
const CLOSED_RECHECK_INTERVAL_MS = 5 * 60_000;

const g = globalThis as unknown as { campusnetLastQuery?: Map<string, number>; campusnetHealRunning?: boolean };
const lastQuery = (g.campusnetLastQuery ??= new Map<string, number>());

function mayQuery(orderNo: string, intervalMs: number, nowMs: number): boolean {
  const last = lastQuery.get(orderNo);
  if (last !== undefined && nowMs - last < intervalMs) return false;
  lastQuery.set(orderNo, nowMs);
  if (lastQuery.size > 50_000) for (const k of [...lastQuery.keys()].slice(0, 10_000)) lastQuery.delete(k);
  return true;
}

export type RefreshResult = "CREDITED" | "FLAGGED" | "CLOSED" | "UNCHANGED" | "SKIPPED" | "GATEWAY_ERROR";

/** Ask the order's gateway and act on the answer. Idempotent; safe alongside notifications. */
export async function refreshOrderFromGateway(orderNo: string, now = clockNow()): Promise<RefreshResult> {
  const o = await db().rechargeOrder.findUnique({ where: { orderNo }, select: { channel: true, state: true, expiresAt: true, gatewayTxnId: true } });
  if (!o || !isOnlineChannel(o.channel)) return "SKIPPED";
  if (o.state === "PAID") {
    // Left behind by an interrupted path: the payment is known, only the credit is missing.
    const done = await db().$transaction(async (tx) => {
      const locked = await lockOrder(tx, orderNo);
      if (!locked || locked.state !== "PAID" || !locked.gatewayTxnId) return false;
      await creditLockedOrder(tx, locked, { gatewayTxnId: locked.gatewayTxnId, afterClose: false, now, note: "credited by self-healing" });
      return true;
    });
    return done ? "CREDITED" : "UNCHANGED";
  }
  if (o.state !== "CREATED" && !(o.state === "CLOSED" && o.gatewayTxnId === null)) return "SKIPPED";
  const gateway = getGateway(o.channel);
  if (!gateway) return "SKIPPED";
  let q;
  try {
    q = await gateway.queryOrder(orderNo);
  } catch (e) {
    if (e instanceof GatewayError) {
      console.warn("[campusnet] self-healing query failed:", e.message);
      return "GATEWAY_ERROR";
    }
    throw e;
  }
  if (q.state === "PAID" && q.gatewayTxnId && q.paidAmountFen !== undefined) {
    const { outcome } = await db().$transaction((tx) =>
      confirmPayment(
        tx,
        {
          channel: o.channel as "SANDBOX" | "WECHAT" | "ALIPAY",
          orderNo,
          gatewayTxnId: q.gatewayTxnId!,
          paidAmountFen: q.paidAmountFen!,
          paidAt: q.paidAt ?? now,
          source: "QUERY",
        },
        now,
      ),
    );
    return outcome === "CREDITED" || outcome === "CREDITED_AFTER_CLOSE" ? "CREDITED" : outcome === "AMOUNT_MISMATCH" ? "FLAGGED" : "UNCHANGED";
  }
  if (o.state === "CREATED") {
    // The payer cancelled at the checkout, or the time is up and nobody paid.
    if (q.state === "CLOSED") return (await closeOrderIfUnpaid(orderNo, "closed at the gateway", now)) ? "CLOSED" : "UNCHANGED";
    if ((q.state === "NOTPAY" || q.state === "NOT_FOUND") && o.expiresAt <= now) {
      return (await closeOrderIfUnpaid(orderNo, "timeout: unpaid", now)) ? "CLOSED" : "UNCHANGED";
    }
  }
  return "UNCHANGED";
}

/**
 * For the polling order page (TanStack Query): the order as its creator or account owner sees
 * it. A stale CREATED/PAID order triggers a rate-limited gateway query first.
 */
export async function getOrderStatus(
  orderNo: string,
  viewerId: string,
  opts: { now?: Date; refresh?: boolean } = {},
): Promise<OrderStatusView & { checkedGateway: boolean }> {
  const now = opts.now ?? clockNow();
  const view = await readOrderStatus(orderNo, viewerId, now); // ownership first: strangers learn nothing
  const stale = (view.state === "CREATED" || view.state === "PAID") && now.getTime() - view.createdAt.getTime() >= POLL_QUERY_MIN_AGE_MS;
  if (opts.refresh === false || !stale || !mayQuery(orderNo, POLL_QUERY_INTERVAL_MS, now.getTime())) return { ...view, checkedGateway: false };
  try {
    await refreshOrderFromGateway(orderNo, now);
  } catch (e) {
    console.error("[campusnet] order refresh failed:", e);
  }
  return { ...(await readOrderStatus(orderNo, viewerId, now)), checkedGateway: true };
}

export interface HealReport {
  paidCredited: number;
  queried: number;
  credited: number;
  flagged: number;
  closed: number;
  gatewayErrors: number;
  refundsSettled: number;
  skipped: boolean;
}

/** The periodic sweep (POST /api/payments/heal, the payments-heal job in modules/jobs, the chaos run). */
export async function healPendingOrders(opts: { now?: Date; staleAfterMs?: number; limit?: number } = {}): Promise<HealReport> {
  const report: HealReport = { paidCredited: 0, queried: 0, credited: 0, flagged: 0, closed: 0, gatewayErrors: 0, refundsSettled: 0, skipped: false };
  if (g.campusnetHealRunning) return { ...report, skipped: true };
  g.campusnetHealRunning = true;
  try {
    const now = opts.now ?? clockNow();
    const staleBefore = new Date(now.getTime() - (opts.staleAfterMs ?? env.PAYMENTS_HEAL_AFTER_MS));
    const limit = opts.limit ?? 500;

    const paid = await db().rechargeOrder.findMany({ where: { state: "PAID" }, select: { orderNo: true }, take: limit });
    for (const o of paid) if ((await refreshOrderFromGateway(o.orderNo, now)) === "CREDITED") report.paidCredited++;

    const pending = await db().rechargeOrder.findMany({
      where: { state: "CREATED", channel: { not: "COUNTER" }, createdAt: { lte: staleBefore } },
      orderBy: { createdAt: "asc" },
      select: { orderNo: true },
      take: limit,
    });
    const recentlyClosed = await db().rechargeOrder.findMany({
      where: { state: "CLOSED", channel: { not: "COUNTER" }, gatewayTxnId: null, closedAt: { gte: new Date(now.getTime() - CLOSED_RECHECK_WINDOW_MS) } },
      orderBy: { closedAt: "asc" },
      select: { orderNo: true },
      take: limit,
    });
    const todo = [
      ...pending.map((o) => o.orderNo),
      ...recentlyClosed.map((o) => o.orderNo).filter((no) => mayQuery(`closed:${no}`, CLOSED_RECHECK_INTERVAL_MS, now.getTime())),
    ];
    for (const orderNo of todo) {
      report.queried++;
      const r = await refreshOrderFromGateway(orderNo, now);
      if (r === "CREDITED") report.credited++;
      else if (r === "FLAGGED") report.flagged++;
      else if (r === "CLOSED") report.closed++;
      else if (r === "GATEWAY_ERROR") report.gatewayErrors++;
    }
    report.refundsSettled = await settlePendingRefunds({ now, olderThanMs: 30_000 });
    return report;
  } finally {
    g.campusnetHealRunning = false;
  }
}
