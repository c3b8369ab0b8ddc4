import "server-only";
// Recharge orders (recharge_orders) and their state machine; the one place an order changes state
//   CREATED → PAID → CREDITED, CREATED → CLOSED (unpaid after the timeout or cancelled),
//   PAID → FLAGGED (amount mismatch: needs finance), CLOSED → PAID → CREDITED (paid after close).
// Every transition happens under the order's row lock (lockOrder), is timestamped on the order
// and appended to order_events. Crediting is exactly once: the gateway transaction id is the
// ledger idempotency key (recharge:<channel>:<txnId>) and (channel, gatewayTxnId) is unique.
// Callers: recharge (create, cancel, notifications, counter), finance (refunds, flags,
// reconciliation) and healing; this module calls none of them (docs/decisions/010-orders-module.md).
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import type { OrderState, RechargeChannel } from "@/lib/generated/prisma/enums";
import { lockWallet, postEntry, SYSTEM_ACCOUNT, walletCode, type Tx } from "@/modules/ledger/service";
import { recordNotification } from "@/modules/notifications/service";
import type { OnlineChannel } from "@/modules/payments/types";
import { dbText } from "@/lib/pg-text";
import type { FlagReason } from "./flags";
import { ORDER_NO_RE } from "./order-no";

export type { Tx };

// ───────────────────────── events ─────────────────────────

function jsonSafe(data: Record<string, unknown> | undefined): Prisma.InputJsonValue | undefined {
  if (!data) return undefined;
  const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : typeof v === "string" ? dbText(v, 2000) : v);
  return JSON.parse(JSON.stringify(data, replacer)) as Prisma.InputJsonValue;
}

async function addOrderEvent(
  tx: Tx,
  orderId: string,
  fromState: OrderState | null,
  toState: OrderState,
  note?: string,
  data?: Record<string, unknown>,
  at = clockNow(),
) {
  await tx.orderEvent.create({ data: { orderId, fromState, toState, note: note === undefined ? null : dbText(note), data: jsonSafe(data), at } });
}

// ───────────────────────── lock, credit, flag, close ─────────────────────────

export interface LockedOrder {
  id: string;
  orderNo: string;
  userId: string;
  createdById: string;
  channel: RechargeChannel;
  amountFen: bigint;
  state: OrderState;
  gatewayTxnId: string | null;
  paidAmountFen: bigint | null;
  refundedFen: bigint;
  journalEntryId: string | null;
  expiresAt: Date;
  createdAt: Date;
  paidAt: Date | null;
}

/** SELECT … FOR UPDATE: every change of an order happens under its row lock. */
export async function lockOrder(tx: Tx, orderNo: string): Promise<LockedOrder | null> {
  if (typeof orderNo !== "string" || !ORDER_NO_RE.test(orderNo)) return null;
  const rows = await tx.$queryRaw<LockedOrder[]>`
    SELECT "id", "orderNo", "userId", "createdById", "channel"::text AS "channel", "amountFen", "state"::text AS "state",
           "gatewayTxnId", "paidAmountFen", "refundedFen", "journalEntryId", "expiresAt", "createdAt", "paidAt"
    FROM "recharge_orders" WHERE "orderNo" = ${orderNo} FOR UPDATE`;
  return rows[0] ?? null;
}

export type ConfirmOutcome =
  /** credited now */
  | "CREDITED"
  /** the order had been closed; credited anyway (the money was taken) and marked */
  | "CREDITED_AFTER_CLOSE"
  /** already handled: acknowledged, nothing changed */
  | "DUPLICATE"
  /** paid amount differs from the order: FLAGGED for finance, not credited */
  | "AMOUNT_MISMATCH"
  /** a different, second payment for an order that is already paid: flagged for finance */
  | "SECOND_PAYMENT"
  | "UNKNOWN_ORDER"
  | "CHANNEL_MISMATCH";

export interface PaymentConfirmation {
  channel: OnlineChannel;
  orderNo: string;
  gatewayTxnId: string;
  paidAmountFen: bigint;
  paidAt: Date;
  /** who told us: a notification, an order query (self-healing) or a statement (reconciliation) */
  source: "NOTIFY" | "QUERY" | "RECONCILE";
}

export function rechargeEntryKey(channel: RechargeChannel, gatewayTxnId: string): string {
  return `recharge:${channel}:${gatewayTxnId}`;
}

export function sourceAccount(channel: RechargeChannel): string {
  switch (channel) {
    case "SANDBOX":
      return SYSTEM_ACCOUNT.SANDBOX;
    case "WECHAT":
      return SYSTEM_ACCOUNT.WECHAT;
    case "ALIPAY":
      return SYSTEM_ACCOUNT.ALIPAY;
    case "COUNTER":
      return SYSTEM_ACCOUNT.COUNTER;
  }
}

/** Book the recharge for a PAID order and move it to CREDITED (inside the caller's transaction, order locked). */
export async function creditLockedOrder(
  tx: Tx,
  o: LockedOrder,
  opts: { gatewayTxnId: string; afterClose: boolean; actorId?: string | null; now: Date; note?: string },
) {
  // Lock order everywhere: order row → wallet row → system accounts (via the posting trigger).
  // Locking the wallet first keeps a recharge and a concurrent refund/exchange from deadlocking.
  await lockWallet(tx, o.userId);
  const { entryId } = await postEntry(tx, {
    idempotencyKey: rechargeEntryKey(o.channel, opts.gatewayTxnId),
    kind: "RECHARGE",
    memo: `recharge ${o.orderNo}`,
    createdById: opts.actorId ?? null,
    postings: [
      { accountCode: sourceAccount(o.channel), amountFen: -o.amountFen },
      { accountCode: walletCode(o.userId), amountFen: o.amountFen },
    ],
  });
  await tx.rechargeOrder.update({
    where: { id: o.id },
    data: {
      state: "CREDITED",
      creditedAt: opts.now,
      journalEntryId: entryId,
      ...(opts.afterClose ? { flagReason: "PAID_AFTER_CLOSE", flaggedAt: opts.now } : {}),
    },
  });
  await addOrderEvent(
    tx,
    o.id,
    "PAID",
    "CREDITED",
    opts.note ?? (opts.afterClose ? "paid after close: credited, marked for review" : undefined),
    { journalEntryId: entryId },
    opts.now,
  );
  // 充值到账 for the student's phone (modules/push sends it later): one insert, once per order
  await recordNotification(
    tx,
    {
      userId: o.userId,
      kind: "RECHARGE_CREDITED",
      dedupeKey: `recharge:${o.orderNo}`,
      data: { orderNo: o.orderNo, amountFen: o.amountFen, channel: o.channel },
    },
    opts.now,
  );
  return entryId;
}

/**
 * Apply a gateway's word that an order was paid. Runs inside the caller's transaction
 * (so the notification record and the credit commit together). Safe to call any number of
 * times, concurrently, from notifications, queries and reconciliation.
 */
export async function confirmPayment(tx: Tx, p: PaymentConfirmation, now = clockNow()): Promise<{ outcome: ConfirmOutcome; orderId: string | null }> {
  const o = await lockOrder(tx, p.orderNo);
  if (!o) return { outcome: "UNKNOWN_ORDER", orderId: null };
  if (o.channel !== p.channel) return { outcome: "CHANNEL_MISMATCH", orderId: o.id };

  if (o.gatewayTxnId !== null) {
    if (o.gatewayTxnId === p.gatewayTxnId) {
      // PAID is only ever left behind by an interrupted path: finish the credit now.
      if (o.state === "PAID") {
        await creditLockedOrder(tx, o, { gatewayTxnId: o.gatewayTxnId, afterClose: false, now, note: `credited on ${p.source.toLowerCase()}` });
        return { outcome: "CREDITED", orderId: o.id };
      }
      return { outcome: "DUPLICATE", orderId: o.id };
    }
    // A second, different payment for the same order: the money was taken twice. Finance decides.
    await setOrderFlag(
      tx,
      o,
      { flagReason: "DUPLICATE_PAYMENT", flagged: true },
      "second payment for this order: needs finance",
      { gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, source: p.source },
      now,
    );
    return { outcome: "SECOND_PAYMENT", orderId: o.id };
  }

  // A transaction id already used by another order of this channel can only be a gateway error.
  const clash = await tx.rechargeOrder.findFirst({ where: { channel: p.channel, gatewayTxnId: p.gatewayTxnId }, select: { id: true } });
  if (clash) return { outcome: "DUPLICATE", orderId: clash.id };

  const afterClose = o.state === "CLOSED";
  await markOrderPaid(
    tx,
    o,
    { gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, paidAt: p.paidAt, paidAfterClose: afterClose },
    afterClose ? "paid after close" : undefined,
    { source: p.source, gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, paidAt: p.paidAt },
    now,
  );

  if (p.paidAmountFen !== o.amountFen) {
    await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "FLAGGED", flagReason: "AMOUNT_MISMATCH", flaggedAt: now } });
    await addOrderEvent(tx, o.id, "PAID", "FLAGGED", "amount mismatch: not credited", { orderAmountFen: o.amountFen, paidAmountFen: p.paidAmountFen }, now);
    return { outcome: "AMOUNT_MISMATCH", orderId: o.id };
  }
  await creditLockedOrder(tx, { ...o, state: "PAID" }, { gatewayTxnId: p.gatewayTxnId, afterClose, now });
  return { outcome: afterClose ? "CREDITED_AFTER_CLOSE" : "CREDITED", orderId: o.id };
}

/** confirmPayment in its own transaction. */
export async function confirmPaymentNow(p: PaymentConfirmation, now = clockNow()) {
  return db().$transaction((tx) => confirmPayment(tx, p, now));
}

/** Close one unpaid order whose time is up (the caller has asked the gateway first, where it could). */
export async function closeOrderIfUnpaid(orderNo: string, reason: string, now = clockNow()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const o = await lockOrder(tx, orderNo);
    if (!o || o.state !== "CREATED") return false;
    await closeLockedOrder(tx, o, reason, undefined, now);
    return true;
  });
}

/** CREATED → CLOSED for a locked order (the caller has checked it is CREATED). */
export async function closeLockedOrder(tx: Tx, o: Pick<LockedOrder, "id">, reason: string, data?: Record<string, unknown>, now = clockNow()) {
  await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "CLOSED", closedAt: now } });
  await addOrderEvent(tx, o.id, "CREATED", "CLOSED", reason, data, now);
}

/** A new order in CREATED, with its first event. */
export async function openOrder(
  tx: Tx,
  data: Prisma.RechargeOrderUncheckedCreateInput & { createdAt: Date },
  note?: string,
  eventData?: Record<string, unknown>,
): Promise<{ id: string }> {
  const o = await tx.rechargeOrder.create({ data, select: { id: true } });
  await addOrderEvent(tx, o.id, null, "CREATED", note, eventData, data.createdAt);
  return o;
}

/** → PAID: the payment is known (gateway transaction id, amount, time); crediting follows. */
export async function markOrderPaid(
  tx: Tx,
  o: Pick<LockedOrder, "id" | "state">,
  payment: { gatewayTxnId: string; paidAmountFen: bigint; paidAt: Date; paidAfterClose?: boolean },
  note?: string,
  data?: Record<string, unknown>,
  now = clockNow(),
) {
  await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "PAID", ...payment } });
  await addOrderEvent(tx, o.id, o.state, "PAID", note, data, now);
}

/** FLAGGED → PAID: finance accepted the paid amount; the caller credits it next. */
export async function reopenFlaggedOrder(tx: Tx, o: Pick<LockedOrder, "id">, note: string, data?: Record<string, unknown>, now = clockNow()) {
  await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "PAID", flaggedAt: null } });
  await addOrderEvent(tx, o.id, "FLAGGED", "PAID", note, data, now);
}

/** Put an order in the finance queue (flagged) or take it out, without a state change; one event says why. */
export async function setOrderFlag(
  tx: Tx,
  o: Pick<LockedOrder, "id" | "state">,
  flag: { flagReason?: FlagReason; flagged: boolean },
  note: string,
  data?: Record<string, unknown>,
  now = clockNow(),
) {
  await tx.rechargeOrder.update({
    where: { id: o.id },
    data: { ...(flag.flagReason === undefined ? {} : { flagReason: flag.flagReason }), flaggedAt: flag.flagged ? now : null },
  });
  await addOrderEvent(tx, o.id, o.state, o.state, note, data, now);
}

/** A refund booked (positive) or returned after the gateway refused it (negative). */
export async function changeRefunded(
  tx: Tx,
  o: Pick<LockedOrder, "id" | "state">,
  deltaFen: bigint,
  note: string,
  data?: Record<string, unknown>,
  now = clockNow(),
) {
  await tx.rechargeOrder.update({ where: { id: o.id }, data: { refundedFen: { increment: deltaFen } } });
  await addOrderEvent(tx, o.id, o.state, o.state, note, data, now);
}
