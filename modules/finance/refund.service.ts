import "server-only";
// Refunds and corrections (finance). A refund goes back the way the money came: an online
// recharge through its gateway's refund call (原路退回), a counter recharge as cash. Never
// more than the unspent balance: min(the order's remaining refundable amount, the wallet's
// balance), with the order and the wallet locked. The wallet is debited when the refund is
// requested (so the money cannot be spent meanwhile); a refund the gateway definitely refuses
// is put back by a reversing entry. Wrong entries are corrected by reversing entries, never
// by edits. A reason is required; everything lands in the audit log with before/after.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fenToYuanString } from "@/lib/money";
import type { RefundKind, RefundState } from "@/lib/generated/prisma/enums";
import { lockWallet, postEntry, postReversal, walletCode, type Tx } from "@/modules/ledger/service";
import { getGateway } from "@/modules/payments/gateways";
import { GatewayError, isOnlineChannel, type RefundResult } from "@/modules/payments/types";
import { recordAudit } from "@/modules/audit/service";
import { changeRefunded, lockOrder, setOrderFlag, sourceAccount } from "@/modules/orders/service";
import { dbText } from "@/lib/pg-text";
import { newRefundNo, orderNoOrNotFound } from "@/modules/orders/order-no";

export const MIN_REASON_LENGTH = 2;

export function checkReason(reason: unknown): string {
  const r = typeof reason === "string" ? dbText(reason, 1000).trim() : "";
  if (r.length < MIN_REASON_LENGTH) throw new AppError("REASON_REQUIRED");
  return r.slice(0, 200);
}

export interface RefundView {
  refundNo: string;
  orderNo: string;
  amountFen: bigint;
  kind: RefundKind;
  state: RefundState;
  reason: string;
  createdAt: Date;
  completedAt: Date | null;
  /** this request key had been used before: nothing new happened */
  replayed: boolean;
}

export interface Refundable {
  orderNo: string;
  kind: RefundKind;
  creditedFen: bigint;
  refundedFen: bigint;
  orderRemainingFen: bigint;
  walletBalanceFen: bigint;
  /** what may be refunded now */
  maxRefundFen: bigint;
}

/** What finance may refund on an order right now (for the form). */
export async function getRefundable(orderNo: string): Promise<Refundable> {
  const o = await db().rechargeOrder.findUnique({
    where: { orderNo: orderNoOrNotFound(orderNo) },
    select: {
      orderNo: true,
      channel: true,
      state: true,
      amountFen: true,
      paidAmountFen: true,
      refundedFen: true,
      flagReason: true,
      user: { select: { wallet: { select: { balanceFen: true } } } },
    },
  });
  if (!o) throw new AppError("NOT_FOUND", { what: "order" });
  const credited = o.paidAmountFen ?? o.amountFen;
  const remaining = o.state === "CREDITED" && o.flagReason !== "REVERSED" ? credited - o.refundedFen : 0n;
  const wallet = o.user.wallet?.balanceFen ?? 0n;
  return {
    orderNo: o.orderNo,
    kind: o.channel === "COUNTER" ? "CASH" : "ORIGINAL_ROUTE",
    creditedFen: credited,
    refundedFen: o.refundedFen,
    orderRemainingFen: remaining,
    walletBalanceFen: wallet,
    maxRefundFen: remaining < wallet ? remaining : wallet,
  };
}

const refundSelect = {
  refundNo: true,
  amountFen: true,
  kind: true,
  state: true,
  reason: true,
  createdAt: true,
  completedAt: true,
  order: { select: { orderNo: true } },
} as const;

function toView(
  r: {
    refundNo: string;
    amountFen: bigint;
    kind: RefundKind;
    state: RefundState;
    reason: string;
    createdAt: Date;
    completedAt: Date | null;
    order: { orderNo: string };
  },
  replayed: boolean,
): RefundView {
  return {
    refundNo: r.refundNo,
    orderNo: r.order.orderNo,
    amountFen: r.amountFen,
    kind: r.kind,
    state: r.state,
    reason: r.reason,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    replayed,
  };
}

async function findRefundByEntryKey(key: string) {
  const entry = await db().journalEntry.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  if (!entry) return null;
  return db().refund.findUnique({ where: { journalEntryId: entry.id }, select: refundSelect });
}

export async function refundOrder(input: {
  actorId: string;
  orderNo: string;
  amountFen: bigint;
  reason: string;
  requestKey: string;
  now?: Date;
}): Promise<RefundView> {
  const now = input.now ?? clockNow();
  const reason = checkReason(input.reason);
  if (typeof input.amountFen !== "bigint" || input.amountFen <= 0n) throw new AppError("AMOUNT_INVALID");
  const entryKey = `refund:${input.actorId}:${input.requestKey}`;
  const previous = await findRefundByEntryKey(entryKey);
  if (previous) return toView(previous, true);

  const created = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${entryKey}))`;
    if (await tx.journalEntry.findUnique({ where: { idempotencyKey: entryKey }, select: { id: true } })) return null;
    const o = await lockOrder(tx, orderNoOrNotFound(input.orderNo));
    if (!o) throw new AppError("NOT_FOUND", { what: "order" });
    const flags = await tx.rechargeOrder.findUniqueOrThrow({ where: { id: o.id }, select: { flagReason: true } });
    if (o.state !== "CREDITED" || !o.journalEntryId || flags.flagReason === "REVERSED") throw new AppError("REFUND_NOT_ALLOWED");
    const wallet = await lockWallet(tx, o.userId);
    const credited = o.paidAmountFen ?? o.amountFen;
    const remaining = credited - o.refundedFen;
    const max = remaining < wallet.balanceFen ? remaining : wallet.balanceFen;
    if (input.amountFen > max) throw new AppError("REFUND_EXCEEDS_REFUNDABLE", { maxYuan: fenToYuanString(max < 0n ? 0n : max) });

    const kind: RefundKind = o.channel === "COUNTER" ? "CASH" : "ORIGINAL_ROUTE";
    const { entryId } = await postEntry(tx, {
      idempotencyKey: entryKey,
      kind: "REFUND",
      memo: `refund ${o.orderNo}`,
      createdById: input.actorId,
      postings: [
        { accountCode: walletCode(o.userId), amountFen: -input.amountFen },
        { accountCode: sourceAccount(o.channel), amountFen: input.amountFen },
      ],
    });
    const refund = await tx.refund.create({
      data: {
        refundNo: newRefundNo(now),
        orderId: o.id,
        amountFen: input.amountFen,
        kind,
        state: kind === "CASH" ? "SUCCEEDED" : "PENDING",
        reason,
        journalEntryId: entryId,
        createdById: input.actorId,
        createdAt: now,
        completedAt: kind === "CASH" ? now : null,
      },
      select: refundSelect,
    });
    await changeRefunded(tx, o, input.amountFen, `refund ${refund.refundNo} (${kind})`, { amountFen: input.amountFen, reason }, now);
    await recordAudit(
      {
        actorId: input.actorId,
        subjectId: o.userId,
        action: kind === "CASH" ? "finance.refund.cash" : "finance.refund.original_route",
        data: {
          orderNo: o.orderNo,
          refundNo: refund.refundNo,
          amountFen: input.amountFen,
          reason,
          journalEntryId: entryId,
          before: { walletBalanceFen: wallet.balanceFen, orderRefundedFen: o.refundedFen },
          after: { walletBalanceFen: wallet.balanceFen - input.amountFen, orderRefundedFen: o.refundedFen + input.amountFen },
        },
      },
      tx,
    );
    return { refund, channel: o.channel, gatewayTxnId: o.gatewayTxnId, totalFen: credited };
  });
  if (!created) {
    const again = await findRefundByEntryKey(entryKey);
    return toView(again!, true);
  }
  if (created.refund.kind === "CASH") return toView(created.refund, false);
  await pushRefundToGateway(created.refund.refundNo, now);
  const latest = await db().refund.findUniqueOrThrow({ where: { refundNo: created.refund.refundNo }, select: refundSelect });
  return toView(latest, false);
}

/** Ask the gateway to refund a PENDING refund (idempotent by refundNo) and record its answer. */
export async function pushRefundToGateway(refundNo: string, now = clockNow()): Promise<RefundState> {
  const r = await db().refund.findUnique({
    where: { refundNo },
    select: {
      refundNo: true,
      amountFen: true,
      reason: true,
      state: true,
      order: { select: { orderNo: true, channel: true, gatewayTxnId: true, amountFen: true, paidAmountFen: true } },
    },
  });
  if (!r || r.state !== "PENDING") return r?.state ?? "FAILED";
  const channel = r.order.channel;
  const gateway = isOnlineChannel(channel) ? getGateway(channel) : null;
  if (!gateway || !r.order.gatewayTxnId) return "PENDING"; // channel switched off: stays pending for finance
  let result: RefundResult;
  try {
    result = await gateway.refund({
      orderNo: r.order.orderNo,
      gatewayTxnId: r.order.gatewayTxnId,
      refundNo: r.refundNo,
      amountFen: r.amountFen,
      totalFen: r.order.paidAmountFen ?? r.order.amountFen,
      reason: r.reason,
    });
  } catch (e) {
    if (e instanceof GatewayError) return "PENDING"; // unknown outcome: asked again later with the same refundNo
    throw e;
  }
  return settleRefund(refundNo, result, now);
}

async function settleRefund(refundNo: string, result: RefundResult, now: Date): Promise<RefundState> {
  if (result.state === "PENDING") return "PENDING";
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; state: string; journalEntryId: string | null; amountFen: bigint; orderId: string; createdById: string }[]>`
      SELECT "id", "state"::text AS state, "journalEntryId", "amountFen", "orderId", "createdById" FROM "refunds" WHERE "refundNo" = ${refundNo} FOR UPDATE`;
    const r = rows[0];
    if (!r || r.state !== "PENDING") return (r?.state as RefundState) ?? "FAILED";
    if (result.state === "SUCCEEDED") {
      await tx.refund.update({ where: { id: r.id }, data: { state: "SUCCEEDED", gatewayRefundId: result.gatewayRefundId ?? null, completedAt: now } });
      return "SUCCEEDED";
    }
    // Definitely refused by the gateway: the debited money goes back to the wallet.
    const order = await tx.rechargeOrder.findUniqueOrThrow({
      where: { id: r.orderId },
      select: { orderNo: true, userId: true, refundedFen: true, state: true },
    });
    const locked = await lockOrder(tx, order.orderNo);
    await lockWallet(tx, order.userId);
    if (r.journalEntryId)
      await postReversal(tx, {
        entryId: r.journalEntryId,
        idempotencyKey: `refund-failed:${refundNo}`,
        memo: `refund ${refundNo} refused by the gateway`,
        createdById: r.createdById,
      });
    await tx.refund.update({ where: { id: r.id }, data: { state: "FAILED", completedAt: now } });
    await changeRefunded(
      tx,
      { id: r.orderId, state: locked!.state },
      -r.amountFen,
      `refund ${refundNo} refused by the gateway: money returned to the wallet`,
      { detail: result.detail ?? null },
      now,
    );
    await recordAudit(
      {
        actorId: null,
        subjectId: order.userId,
        action: "finance.refund.failed",
        data: {
          refundNo,
          orderNo: order.orderNo,
          amountFen: r.amountFen,
          detail: result.detail ?? null,
          before: { orderRefundedFen: order.refundedFen },
          after: { orderRefundedFen: order.refundedFen - r.amountFen },
        },
      },
      tx,
    );
    return "FAILED";
  });
}

/** Self-healing for refunds left PENDING (a crash or a gateway timeout between debit and answer). */
export async function settlePendingRefunds(opts: { now?: Date; olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? clockNow();
  const pending = await db().refund.findMany({
    where: { state: "PENDING", createdAt: { lte: new Date(now.getTime() - (opts.olderThanMs ?? 30_000)) } },
    orderBy: { createdAt: "asc" },
    select: { refundNo: true },
    take: opts.limit ?? 100,
  });
  let settled = 0;
  for (const r of pending) if ((await pushRefundToGateway(r.refundNo, now)) !== "PENDING") settled++;
  return settled;
}

// ───────────────────────── reversing entries ─────────────────────────

const REVERSIBLE_KINDS = new Set(["RECHARGE", "ADJUSTMENT", "OPENING"]);

export interface ReversalView {
  reversalEntryId: string;
  originalEntryId: string;
  replayed: boolean;
}

/**
 * Correct a wrong entry (e.g. a counter recharge booked to the wrong student) by booking its
 * exact opposite. Each entry is reversed at most once; the wallet must still hold the money.
 */
export async function reverseEntry(input: { actorId: string; entryId: string; reason: string; now?: Date }): Promise<ReversalView> {
  const now = input.now ?? clockNow();
  const reason = checkReason(input.reason);
  if (typeof input.entryId !== "string" || !/^[0-9a-f-]{36}$/i.test(input.entryId)) throw new AppError("NOT_FOUND", { what: "entry" });
  const key = `reversal:${input.entryId}`;
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const entry = await tx.journalEntry.findUnique({
      where: { id: input.entryId },
      select: { id: true, kind: true, postings: { select: { amountFen: true, account: { select: { code: true, userId: true } } } } },
    });
    if (!entry) throw new AppError("NOT_FOUND", { what: "entry" });
    const existing = await tx.journalEntry.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (existing) return { reversalEntryId: existing.id, originalEntryId: entry.id, replayed: true };
    if (!REVERSIBLE_KINDS.has(entry.kind)) throw new AppError("REVERSAL_NOT_ALLOWED");

    const order = await tx.rechargeOrder.findUnique({ where: { journalEntryId: entry.id }, select: { orderNo: true } });
    let lockedOrder = null;
    if (order) {
      lockedOrder = await lockOrder(tx, order.orderNo);
      if (!lockedOrder || lockedOrder.refundedFen > 0n) throw new AppError("REVERSAL_NOT_ALLOWED");
    }
    // Lock the wallets involved (in a fixed order) and check each can give the money back.
    const walletUsers = [...new Set(entry.postings.map((p) => p.account.userId).filter((u): u is string => !!u))].sort();
    const before: Record<string, bigint> = {};
    for (const userId of walletUsers) before[userId] = (await lockWallet(tx, userId)).balanceFen;
    for (const p of entry.postings) {
      const userId = p.account.userId;
      if (userId && p.amountFen > 0n && before[userId]! < p.amountFen) {
        throw new AppError("INSUFFICIENT_BALANCE", { balanceFen: before[userId]!.toString(), priceFen: p.amountFen.toString() });
      }
    }
    const { entryId } = await postReversal(tx, { entryId: entry.id, idempotencyKey: key, memo: `reversal: ${reason}`, createdById: input.actorId });
    if (lockedOrder) {
      await setOrderFlag(tx, lockedOrder, { flagReason: "REVERSED", flagged: false }, `recharge reversed: ${reason}`, { reversalEntryId: entryId }, now);
    }
    const after: Record<string, string> = {};
    for (const userId of walletUsers) {
      const delta = entry.postings.filter((p) => p.account.userId === userId).reduce((s, p) => s - p.amountFen, 0n);
      after[userId] = (before[userId]! + delta).toString();
    }
    await recordAudit(
      {
        actorId: input.actorId,
        subjectId: walletUsers[0] ?? null,
        action: "finance.reversal",
        data: {
          entryId: entry.id,
          kind: entry.kind,
          reversalEntryId: entryId,
          reason,
          orderNo: order?.orderNo ?? null,
          before: { walletBalancesFen: before },
          after: { walletBalancesFen: after },
        },
      },
      tx,
    );
    return { reversalEntryId: entryId, originalEntryId: entry.id, replayed: false };
  });
}

export type { Tx };
