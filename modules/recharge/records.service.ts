import "server-only";
// What the student (and, for receipts, staff) sees of recharge orders: the polled status,
// 充值记录 and receipts. Reads only; an order changes state in modules/orders.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrderState, RechargeChannel, Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/roles";
import { orderNoOrNotFound } from "@/modules/orders/order-no";
import { displayState, maskName, type OrderDisplayState } from "./shared";

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
      select: {
        orderNo: true,
        userId: true,
        channel: true,
        amountFen: true,
        state: true,
        expiresAt: true,
        createdAt: true,
        creditedAt: true,
        refundedFen: true,
        user: { select: { studentNo: true, name: true } },
      },
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
export async function getReceipt(orderNo: string, viewer: { id: string; role: Role }): Promise<Receipt> {
  orderNoOrNotFound(orderNo);
  const o = await db().rechargeOrder.findUnique({
    where: { orderNo },
    select: {
      orderNo: true,
      userId: true,
      createdById: true,
      channel: true,
      amountFen: true,
      refundedFen: true,
      state: true,
      createdAt: true,
      paidAt: true,
      creditedAt: true,
      gatewayTxnId: true,
      journalEntryId: true,
      note: true,
      user: { select: { studentNo: true, name: true } },
      createdBy: { select: { studentNo: true, name: true } },
    },
  });
  const staff = can(viewer.role, "admin.view");
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
