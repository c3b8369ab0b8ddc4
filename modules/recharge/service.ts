import "server-only";
// Online recharge (线上充值): the recharge policy, the target account, creating and paying an
// order and the student cancelling it. The order's state machine lives in modules/orders; the
// student's reads (status, records, receipts) in records.service.ts; self-healing in modules/healing.
import { now as clockNow } from "@/lib/clock";
import { hitRateLimit } from "@/modules/ratelimit/service";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrderState, RechargeChannel } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/modules/ledger/service";
import { closeLockedOrder, lockOrder, openOrder } from "@/modules/orders/service";
import { getGateway, notifyUrlFor, paymentBaseUrl } from "@/modules/payments/gateways";
import { GatewayError, isOnlineChannel, type OnlineChannel } from "@/modules/payments/types";
import { newOrderNo, orderNoOrNotFound } from "@/modules/orders/order-no";
import { checkAmountFen, maskName, orderPagePath, type AmountPolicy } from "./shared";

// ───────────────────────── policy, target ─────────────────────────

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
  /** parsed at the edge (the action's yuanSchema); checked here against the policy */
  amountFen: bigint;
  channel: OnlineChannel;
  /** recharge another account (by 学号/工号); omitted = one's own */
  targetStudentNo?: string | null;
  now?: Date;
}): Promise<OrderSummary> {
  const now = input.now ?? clockNow();
  const policy = await getRechargePolicy();
  const amountFen = checkAmountFen(input.amountFen, policy);
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
        await openOrder(
          tx,
          { orderNo, userId: target.userId, createdById: creator.id, channel: input.channel, amountFen, expiresAt, createdAt: now },
          undefined,
          { amountFen, channel: input.channel, createdById: creator.id },
        );
      });
      return {
        orderNo,
        channel: input.channel,
        amountFen,
        state: "CREATED",
        expiresAt,
        target: { studentNo: target.studentNo, maskedName: target.maskedName, isSelf: target.isSelf },
      };
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
    await closeLockedOrder(tx, o, "cancelled", { by: input.viewerId }, now);
    return { orderNo: o.orderNo, state: "CLOSED" as const };
  });
}
