import "server-only";
// Online recharge (线上充值): orders and their state machine
//   CREATED → PAID → CREDITED, CREATED → CLOSED (unpaid after the timeout or cancelled),
//   PAID → FLAGGED (amount mismatch: needs finance), CLOSED → PAID → CREDITED (paid after close).
// Every transition is timestamped on the order and appended to order_events.
// Crediting is exactly once: the order row is locked, the gateway transaction id is the
// ledger idempotency key (recharge:<channel>:<txnId>) and (channel, gatewayTxnId) is unique.
import { now as clockNow } from "@/lib/clock";
import { hitRateLimit } from "@/modules/ratelimit/service";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrderState, RechargeChannel } from "@/lib/generated/prisma/enums";
import { lockWallet, postEntry, SYSTEM_ACCOUNT, walletCode, type Tx } from "@/modules/ledger/service";
import { getGateway, notifyUrlFor, paymentBaseUrl } from "@/modules/payments/gateways";
import { GatewayError, isOnlineChannel, type OnlineChannel } from "@/modules/payments/types";
import { dbText, displayState, maskName, newOrderNo, ORDER_NO_RE, orderNoOrNotFound, orderPagePath, parseRechargeAmount, type AmountPolicy, type OrderDisplayState } from "./shared";

export type { Tx };

// ───────────────────────── policy, target, events ─────────────────────────

export interface RechargePolicyView extends AmountPolicy {
  orderTimeoutMinutes: number;
}

export async function getRechargePolicy(client: Tx = db()): Promise<RechargePolicyView> {
  const p = await client.rechargePolicy.findUnique({ where: { id: 1 }, select: { minFen: true, maxFen: true, orderTimeoutMinutes: true } });
  return p ?? { minFen: 500n, maxFen: 50000n, orderTimeoutMinutes: 15 };
}

export interface RechargeTarget {
  userId: string;
  studentNo: string;
  /** 张*三: enough to check, not enough to harvest names */
  maskedName: string;
  isSelf: boolean;
}

const STUDENT_NO_RE = /^[0-9A-Za-z]{3,32}$/;

/** 请务必核对充值账号: the account a student number belongs to, with a masked name. */
/** Other students a student may look up per hour before recharging them. */
export const LOOKUPS_PER_HOUR = 30;

export async function lookupRechargeTarget(input: { viewerId: string; studentNo: string }): Promise<RechargeTarget> {
  const studentNo = typeof input.studentNo === "string" ? input.studentNo.trim() : "";
  if (!STUDENT_NO_RE.test(studentNo)) throw new AppError("RECHARGE_TARGET_NOT_FOUND");
  const u = await db().user.findUnique({ where: { studentNo }, select: { id: true, studentNo: true, name: true, wallet: { select: { id: true } } } });
  if (!u || !u.wallet) throw new AppError("RECHARGE_TARGET_NOT_FOUND");
  // Masked names are little, but a student should not be able to walk the whole roll.
  if (u.id !== input.viewerId) await hitRateLimit(`recharge-lookup:${input.viewerId}`, LOOKUPS_PER_HOUR, 3600_000);
  return { userId: u.id, studentNo: u.studentNo, maskedName: maskName(u.name), isSelf: u.id === input.viewerId };
}

function jsonSafe(data: Record<string, unknown> | undefined): Prisma.InputJsonValue | undefined {
  if (!data) return undefined;
  const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : typeof v === "string" ? dbText(v, 2000) : v);
  return JSON.parse(JSON.stringify(data, replacer)) as Prisma.InputJsonValue;
}

export async function addOrderEvent(tx: Tx, orderId: string, fromState: OrderState | null, toState: OrderState, note?: string, data?: Record<string, unknown>, at = clockNow()) {
  await tx.orderEvent.create({ data: { orderId, fromState, toState, note: note === undefined ? null : dbText(note), data: jsonSafe(data), at } });
}

// ───────────────────────── create, pay, cancel ─────────────────────────

export interface OrderSummary {
  orderNo: string;
  channel: RechargeChannel;
  amountFen: bigint;
  state: OrderState;
  expiresAt: Date;
  target: { studentNo: string; maskedName: string; isSelf: boolean };
}

export async function createRechargeOrder(input: {
  creatorId: string;
  amountYuan: string;
  channel: OnlineChannel;
  /** recharge another account (by 学号/工号); omitted = one's own */
  targetStudentNo?: string | null;
  now?: Date;
}): Promise<OrderSummary> {
  const now = input.now ?? clockNow();
  const policy = await getRechargePolicy();
  const amountFen = parseRechargeAmount(input.amountYuan, policy);
  if (!isOnlineChannel(input.channel) || !getGateway(input.channel)) throw new AppError("CHANNEL_UNAVAILABLE");

  const creator = await db().user.findUnique({ where: { id: input.creatorId }, select: { id: true, studentNo: true, name: true } });
  if (!creator) throw new AppError("UNAUTHENTICATED");
  const target =
    input.targetStudentNo && input.targetStudentNo.trim() !== creator.studentNo
      ? await lookupRechargeTarget({ viewerId: creator.id, studentNo: input.targetStudentNo })
      : { userId: creator.id, studentNo: creator.studentNo, maskedName: maskName(creator.name), isSelf: true };

  const expiresAt = new Date(now.getTime() + policy.orderTimeoutMinutes * 60_000);
  for (let attempt = 0; ; attempt++) {
    const orderNo = newOrderNo(now);
    try {
      await db().$transaction(async (tx) => {
        const o = await tx.rechargeOrder.create({
          data: { orderNo, userId: target.userId, createdById: creator.id, channel: input.channel, amountFen, expiresAt, createdAt: now },
          select: { id: true },
        });
        await addOrderEvent(tx, o.id, null, "CREATED", undefined, { amountFen, channel: input.channel, createdById: creator.id }, now);
      });
      return { orderNo, channel: input.channel, amountFen, state: "CREATED", expiresAt, target: { studentNo: target.studentNo, maskedName: target.maskedName, isSelf: target.isSelf } };
    } catch (e) {
      if (attempt < 3 && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") continue;
      throw e;
    }
  }
}

/** Ask the gateway for the payment page of a CREATED order (only its creator may pay it). */
export async function startPayment(input: { orderNo: string; viewerId: string; clientIp?: string; now?: Date }): Promise<{ payUrl: string }> {
  const now = input.now ?? clockNow();
  const o = await db().rechargeOrder.findUnique({
    where: { orderNo: orderNoOrNotFound(input.orderNo) },
    select: { orderNo: true, createdById: true, channel: true, amountFen: true, state: true, expiresAt: true, user: { select: { studentNo: true } } },
  });
  if (!o || o.createdById !== input.viewerId) throw new AppError("NOT_FOUND", { what: "order" });
  if (o.state !== "CREATED" || o.expiresAt <= now) throw new AppError("ORDER_NOT_PAYABLE");
  if (!isOnlineChannel(o.channel)) throw new AppError("CHANNEL_UNAVAILABLE");
  const gateway = getGateway(o.channel);
  if (!gateway) throw new AppError("CHANNEL_UNAVAILABLE");
  try {
    return await gateway.createPayment({
      orderNo: o.orderNo,
      amountFen: o.amountFen,
      description: `校园网网费充值 ${o.user.studentNo}`,
      notifyUrl: notifyUrlFor(o.channel),
      returnUrl: `${paymentBaseUrl()}${orderPagePath(o.orderNo)}?returned=1`,
      expiresAt: o.expiresAt,
      clientIp: input.clientIp,
    });
  } catch (e) {
    if (e instanceof GatewayError) {
      console.error("[campusnet] gateway createPayment:", e.message);
      throw new AppError("GATEWAY_UNAVAILABLE");
    }
    throw e;
  }
}

/** The student gives up an unpaid order. A payment that still arrives is credited (paid after close). */
export async function cancelOrder(input: { orderNo: string; viewerId: string; now?: Date }): Promise<{ orderNo: string; state: OrderState }> {
  const now = input.now ?? clockNow();
  return db().$transaction(async (tx) => {
    const o = await lockOrder(tx, orderNoOrNotFound(input.orderNo));
    if (!o || (o.createdById !== input.viewerId && o.userId !== input.viewerId)) throw new AppError("NOT_FOUND", { what: "order" });
    if (o.state === "CLOSED") return { orderNo: o.orderNo, state: o.state };
    if (o.state !== "CREATED" || o.channel === "COUNTER") throw new AppError("ORDER_NOT_CANCELLABLE");
    await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "CLOSED", closedAt: now } });
    await addOrderEvent(tx, o.id, "CREATED", "CLOSED", "cancelled", { by: input.viewerId }, now);
    return { orderNo: o.orderNo, state: "CLOSED" as const };
  });
}

// ───────────────────────── the money moment: paid → credited, exactly once ─────────────────────────

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

function sourceAccount(channel: RechargeChannel): string {
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
export { sourceAccount };

/** Book the recharge for a PAID order and move it to CREDITED (inside the caller's transaction, order locked). */
export async function creditLockedOrder(tx: Tx, o: LockedOrder, opts: { gatewayTxnId: string; afterClose: boolean; actorId?: string | null; now: Date; note?: string }) {
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
  await addOrderEvent(tx, o.id, "PAID", "CREDITED", opts.note ?? (opts.afterClose ? "paid after close: credited, marked for review" : undefined), { journalEntryId: entryId }, opts.now);
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
    await tx.rechargeOrder.update({ where: { id: o.id }, data: { flaggedAt: now, flagReason: "DUPLICATE_PAYMENT" } });
    await addOrderEvent(tx, o.id, o.state, o.state, "second payment for this order: needs finance", { gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, source: p.source }, now);
    return { outcome: "SECOND_PAYMENT", orderId: o.id };
  }

  // A transaction id already used by another order of this channel can only be a gateway error.
  const clash = await tx.rechargeOrder.findFirst({ where: { channel: p.channel, gatewayTxnId: p.gatewayTxnId }, select: { id: true } });
  if (clash) return { outcome: "DUPLICATE", orderId: clash.id };

  const afterClose = o.state === "CLOSED";
  await tx.rechargeOrder.update({
    where: { id: o.id },
    data: { state: "PAID", gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, paidAt: p.paidAt, paidAfterClose: afterClose },
  });
  await addOrderEvent(tx, o.id, o.state, "PAID", afterClose ? "paid after close" : undefined, { source: p.source, gatewayTxnId: p.gatewayTxnId, paidAmountFen: p.paidAmountFen, paidAt: p.paidAt }, now);

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
    await tx.rechargeOrder.update({ where: { id: o.id }, data: { state: "CLOSED", closedAt: now } });
    await addOrderEvent(tx, o.id, "CREATED", "CLOSED", reason, undefined, now);
    return true;
  });
}

// ───────────────────────── what the student sees ─────────────────────────

export interface OrderStatusView {
  orderNo: string;
  channel: RechargeChannel;
  amountFen: bigint;
  paidAmountFen: bigint | null;
  state: OrderState;
  displayState: OrderDisplayState;
  paidAfterClose: boolean;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  creditedAt: Date | null;
  closedAt: Date | null;
  target: { studentNo: string; maskedName: string; isSelf: boolean };
  /** the viewer's own balance, only when the viewer owns the recharged account */
  balanceFen: bigint | null;
  events: { toState: OrderState; at: Date }[];
}

const statusSelect = {
  id: true,
  orderNo: true,
  userId: true,
  createdById: true,
  channel: true,
  amountFen: true,
  paidAmountFen: true,
  state: true,
  paidAfterClose: true,
  createdAt: true,
  expiresAt: true,
  paidAt: true,
  creditedAt: true,
  closedAt: true,
  user: { select: { studentNo: true, name: true, wallet: { select: { balanceFen: true } } } },
  events: { select: { toState: true, at: true }, orderBy: { id: "asc" } },
} as const satisfies Prisma.RechargeOrderSelect;

/** Read an order for its creator or the account owner; anyone else gets NOT_FOUND (no leak). */
export async function readOrderStatus(orderNo: string, viewerId: string, now = clockNow()): Promise<OrderStatusView> {
  orderNoOrNotFound(orderNo);
  const o = await db().rechargeOrder.findUnique({ where: { orderNo }, select: statusSelect });
  if (!o || (o.createdById !== viewerId && o.userId !== viewerId)) throw new AppError("NOT_FOUND", { what: "order" });
  return {
    orderNo: o.orderNo,
    channel: o.channel,
    amountFen: o.amountFen,
    paidAmountFen: o.paidAmountFen,
    state: o.state,
    displayState: displayState(o.state, o.expiresAt, now),
    paidAfterClose: o.paidAfterClose,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    creditedAt: o.creditedAt,
    closedAt: o.closedAt,
    target: { studentNo: o.user.studentNo, maskedName: maskName(o.user.name), isSelf: o.userId === viewerId },
    balanceFen: o.userId === viewerId ? (o.user.wallet?.balanceFen ?? 0n) : null,
    events: o.events,
  };
}

export interface RechargeRecord {
  orderNo: string;
  channel: RechargeChannel;
  amountFen: bigint;
  state: OrderState;
  displayState: OrderDisplayState;
  createdAt: Date;
  creditedAt: Date | null;
  refundedFen: bigint;
  target: { studentNo: string; maskedName: string; isSelf: boolean };
  /** true when this student paid for someone else's account */
  forOther: boolean;
  hasReceipt: boolean;
}

/** 充值记录: orders for the student's account or paid by the student, newest first. */
export async function listRechargeRecords(userId: string, opts: { take?: number; skip?: number } = {}, now = clockNow()) {
  const take = Math.min(Math.max(Math.trunc(opts.take ?? 20) || 20, 1), 100);
  const skip = Math.max(Math.trunc(opts.skip ?? 0) || 0, 0);
  const where: Prisma.RechargeOrderWhereInput = { OR: [{ userId }, { createdById: userId }] };
  const [rows, total] = await Promise.all([
    db().rechargeOrder.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take,
      skip,
      select: { orderNo: true, userId: true, channel: true, amountFen: true, state: true, expiresAt: true, createdAt: true, creditedAt: true, refundedFen: true, user: { select: { studentNo: true, name: true } } },
    }),
    db().rechargeOrder.count({ where }),
  ]);
  const items: RechargeRecord[] = rows.map((r) => ({
    orderNo: r.orderNo,
    channel: r.channel,
    amountFen: r.amountFen,
    state: r.state,
    displayState: displayState(r.state, r.expiresAt, now),
    createdAt: r.createdAt,
    creditedAt: r.creditedAt,
    refundedFen: r.refundedFen,
    target: { studentNo: r.user.studentNo, maskedName: maskName(r.user.name), isSelf: r.userId === userId },
    forOther: r.userId !== userId,
    hasReceipt: r.state === "CREDITED",
  }));
  return { items, total, take, skip };
}

export interface Receipt {
  orderNo: string;
  channel: RechargeChannel;
  amountFen: bigint;
  refundedFen: bigint;
  state: OrderState;
  account: { studentNo: string; name: string };
  createdAt: Date;
  paidAt: Date | null;
  creditedAt: Date;
  /** the gateway transaction id, shortened for print (full id stays with finance) */
  gatewayTxnRef: string | null;
  journalEntryId: string;
  /** counter recharges: the operator and the note */
  operator: { studentNo: string; name: string } | null;
  note: string | null;
}

/** A receipt for a credited order: students see their own (masked name for others' accounts); staff see all. */
export async function getReceipt(orderNo: string, viewer: { id: string; role: string }): Promise<Receipt> {
  orderNoOrNotFound(orderNo);
  const o = await db().rechargeOrder.findUnique({
    where: { orderNo },
    select: {
      orderNo: true, userId: true, createdById: true, channel: true, amountFen: true, refundedFen: true, state: true, createdAt: true, paidAt: true,
      creditedAt: true, gatewayTxnId: true, journalEntryId: true, note: true,
      user: { select: { studentNo: true, name: true } },
      createdBy: { select: { studentNo: true, name: true } },
    },
  });
  const staff = viewer.role === "OPERATOR" || viewer.role === "FINANCE" || viewer.role === "ADMIN";
  if (!o || (!staff && o.userId !== viewer.id && o.createdById !== viewer.id)) throw new AppError("NOT_FOUND", { what: "order" });
  if (!o.creditedAt || !o.journalEntryId) throw new AppError("NOT_FOUND", { what: "receipt" });
  const showFullName = staff || o.userId === viewer.id;
  return {
    orderNo: o.orderNo,
    channel: o.channel,
    amountFen: o.amountFen,
    refundedFen: o.refundedFen,
    state: o.state,
    account: { studentNo: o.user.studentNo, name: showFullName ? o.user.name : maskName(o.user.name) },
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    creditedAt: o.creditedAt,
    gatewayTxnRef: o.gatewayTxnId && o.channel !== "COUNTER" ? `…${o.gatewayTxnId.slice(-8)}` : null,
    journalEntryId: o.journalEntryId,
    operator: o.channel === "COUNTER" ? { studentNo: o.createdBy.studentNo, name: o.createdBy.name } : null,
    note: o.channel === "COUNTER" && staff ? o.note : null,
  };
}
