import "server-only";
// Finance read models and decisions: daily totals by channel (recharges, refunds, package
// revenue) for a Shanghai day, order search, the flagged-orders queue and its resolution,
// and the CSV export of a day's ledger.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { fenToYuanString } from "@/lib/money";
import type { OrderState, RechargeChannel } from "@/lib/generated/prisma/enums";
import { SYSTEM_ACCOUNT } from "@/modules/ledger/service";
import { isDayKey, shanghaiDateTime, shanghaiDayRange } from "@/lib/time";
import { creditLockedOrder, lockOrder, reopenFlaggedOrder, setOrderFlag } from "@/modules/orders/service";
import { dbText } from "@/lib/pg-text";
import { orderNoOrNotFound } from "@/modules/orders/order-no";
import { toCsv } from "./csv";
import { checkReason } from "./refund.service";

export const CHANNELS: RechargeChannel[] = ["SANDBOX", "WECHAT", "ALIPAY", "COUNTER"];

export interface ChannelTotals {
  channel: RechargeChannel;
  rechargesFen: bigint;
  rechargeCount: number;
  refundsFen: bigint;
  refundCount: number;
  /** reversals touching this channel's source account (reversed recharges, refused refunds) */
  reversalsFen: bigint;
  /** money in minus money out */
  netFen: bigint;
}

export interface DailyTotals {
  day: string;
  channels: ChannelTotals[];
  packageRevenueFen: bigint;
  exchangeCount: number;
  total: { rechargesFen: bigint; refundsFen: bigint; netFen: bigint };
}

const SOURCE_BY_CHANNEL: Record<RechargeChannel, string> = {
  SANDBOX: SYSTEM_ACCOUNT.SANDBOX,
  WECHAT: SYSTEM_ACCOUNT.WECHAT,
  ALIPAY: SYSTEM_ACCOUNT.ALIPAY,
  COUNTER: SYSTEM_ACCOUNT.COUNTER,
};

/** Daily totals from the ledger itself (entries booked that Shanghai day). */
export async function dailyTotals(day: string): Promise<DailyTotals> {
  if (!isDayKey(day)) throw new AppError("VALIDATION");
  const { from, to } = shanghaiDayRange(day);
  const rows = await db().$queryRaw<{ code: string; kind: string; sum: bigint; entries: bigint }[]>`
    SELECT a."code", e."kind"::text AS kind, SUM(p."amountFen")::bigint AS sum, COUNT(DISTINCT e."id")::bigint AS entries
    FROM "postings" p
    JOIN "ledger_accounts" a ON a."id" = p."accountId"
    JOIN "journal_entries" e ON e."id" = p."entryId"
    WHERE e."createdAt" >= ${from} AND e."createdAt" < ${to} AND a."kind" IN ('SOURCE', 'REVENUE')
    GROUP BY a."code", e."kind"`;
  const get = (code: string, kind: string) => rows.find((r) => r.code === code && r.kind === kind);
  const channels = CHANNELS.map((channel): ChannelTotals => {
    const code = SOURCE_BY_CHANNEL[channel];
    const recharge = get(code, "RECHARGE");
    const refund = get(code, "REFUND");
    const reversal = get(code, "REVERSAL");
    const rechargesFen = -(recharge?.sum ?? 0n);
    const refundsFen = refund?.sum ?? 0n;
    const reversalsFen = reversal?.sum ?? 0n;
    return {
      channel,
      rechargesFen,
      rechargeCount: Number(recharge?.entries ?? 0n),
      refundsFen,
      refundCount: Number(refund?.entries ?? 0n),
      reversalsFen,
      netFen: rechargesFen - refundsFen - reversalsFen,
    };
  });
  const revenue = rows.filter((r) => r.code === SYSTEM_ACCOUNT.PACKAGE_REVENUE);
  return {
    day,
    channels,
    packageRevenueFen: revenue.reduce((s, r) => s + r.sum, 0n),
    exchangeCount: Number(revenue.find((r) => r.kind === "EXCHANGE")?.entries ?? 0n),
    total: {
      rechargesFen: channels.reduce((s, c) => s + c.rechargesFen, 0n),
      refundsFen: channels.reduce((s, c) => s + c.refundsFen, 0n),
      netFen: channels.reduce((s, c) => s + c.netFen, 0n),
    },
  };
}

export interface OrderSearchInput {
  /** an order number, or a student number */
  query?: string;
  state?: OrderState;
  channel?: RechargeChannel;
  /** Shanghai days, inclusive */
  fromDay?: string;
  toDay?: string;
  flaggedOnly?: boolean;
  take?: number;
  skip?: number;
}

const financeOrderSelect = {
  orderNo: true,
  channel: true,
  amountFen: true,
  paidAmountFen: true,
  refundedFen: true,
  state: true,
  paidAfterClose: true,
  flagReason: true,
  flaggedAt: true,
  gatewayTxnId: true,
  journalEntryId: true,
  note: true,
  createdAt: true,
  paidAt: true,
  creditedAt: true,
  closedAt: true,
  user: { select: { studentNo: true, name: true } },
  createdBy: { select: { studentNo: true, name: true, role: true } },
} as const satisfies Prisma.RechargeOrderSelect;

export type FinanceOrderRow = Prisma.RechargeOrderGetPayload<{ select: typeof financeOrderSelect }>;

/**
 * Order search by number / student / state / channel / day range, newest first. The list
 * carries students' names: the read is audited (`staff.read.orders`, with the filter).
 */
export async function searchOrders(staff: Actor, input: OrderSearchInput = {}) {
  const take = Math.min(Math.max(Math.trunc(input.take ?? 50) || 50, 1), 200);
  const skip = Math.max(Math.trunc(input.skip ?? 0) || 0, 0);
  const and: Prisma.RechargeOrderWhereInput[] = [];
  const q = dbText(input.query ?? "", 64).trim();
  if (q) and.push({ OR: [{ orderNo: q }, { user: { studentNo: q } }, { gatewayTxnId: q }] });
  if (input.state) and.push({ state: input.state });
  if (input.channel) and.push({ channel: input.channel });
  if (input.fromDay) {
    if (!isDayKey(input.fromDay)) throw new AppError("VALIDATION");
    and.push({ createdAt: { gte: shanghaiDayRange(input.fromDay).from } });
  }
  if (input.toDay) {
    if (!isDayKey(input.toDay)) throw new AppError("VALIDATION");
    and.push({ createdAt: { lt: shanghaiDayRange(input.toDay).to } });
  }
  if (input.flaggedOnly) and.push(flaggedWhere);
  const where: Prisma.RechargeOrderWhereInput = and.length ? { AND: and } : {};
  const [items, total] = await Promise.all([
    db().rechargeOrder.findMany({ where, orderBy: { createdAt: "desc" }, take, skip, select: financeOrderSelect }),
    db().rechargeOrder.count({ where }),
  ]);
  const filter = {
    query: q || undefined,
    state: input.state,
    channel: input.channel,
    fromDay: input.fromDay,
    toDay: input.toDay,
    flaggedOnly: input.flaggedOnly || undefined,
    take,
    skip,
  };
  await recordAudit({ actorId: staff.id, action: "staff.read.orders", data: { filter, shown: items.length, total } });
  return { items, total, take, skip };
}

/** Needs finance: FLAGGED orders and credited ones marked for review (paid after close, second payment, unknown to the gateway). */
const flaggedWhere: Prisma.RechargeOrderWhereInput = { OR: [{ state: "FLAGGED" }, { flaggedAt: { not: null } }] };

export async function listFlaggedOrders(staff: Actor, opts: { take?: number; skip?: number } = {}) {
  return searchOrders(staff, { flaggedOnly: true, take: opts.take, skip: opts.skip });
}

/** How many orders wait in the flagged queue (a number only: no personal data, not audited). */
export async function countFlaggedOrders(): Promise<number> {
  // Raw, with the enum as a literal: it matches the partial index recharge_orders_flagged_createdAt_idx
  // (Prisma's where casts a text parameter to the enum, which the planner cannot prove implies it).
  const [r] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM "recharge_orders" WHERE "state" = 'FLAGGED' OR "flaggedAt" IS NOT NULL`;
  return Number(r?.n ?? 0n);
}

/** One order with its history, notifications and refunds (finance detail view); the read is audited (`staff.read.order`). */
export async function getOrderDetail(orderNo: string, staff: Actor) {
  orderNoOrNotFound(orderNo);
  const o = await db().rechargeOrder.findUnique({
    where: { orderNo },
    select: {
      ...financeOrderSelect,
      userId: true,
      events: { orderBy: { id: "asc" }, select: { fromState: true, toState: true, note: true, data: true, at: true } },
      refunds: {
        orderBy: { createdAt: "asc" },
        select: { refundNo: true, amountFen: true, kind: true, state: true, reason: true, createdAt: true, completedAt: true, gatewayRefundId: true },
      },
    },
  });
  if (!o) throw new AppError("NOT_FOUND", { what: "order" });
  const notifications = await db().paymentNotification.findMany({
    where: { orderNo },
    orderBy: { id: "asc" },
    take: 50,
    select: { id: true, channel: true, verified: true, outcome: true, detail: true, receivedAt: true },
  });
  await recordAudit({ actorId: staff.id, subjectId: o.userId, action: "staff.read.order", data: { orderNo } });
  return { ...o, notifications };
}

export type FlagResolution = "CREDIT_PAID_AMOUNT" | "ACKNOWLEDGE";

/**
 * Resolve an order in the queue. CREDIT_PAID_AMOUNT: a FLAGGED order (amount mismatch) is
 * credited with what was actually paid (a refund can follow through the normal path).
 * ACKNOWLEDGE: a credited order marked for review leaves the queue; nothing else changes.
 */
export async function resolveFlaggedOrder(input: { actorId: string; orderNo: string; resolution: FlagResolution; reason: string; now?: Date }) {
  const now = input.now ?? clockNow();
  const reason = checkReason(input.reason);
  return db().$transaction(async (tx) => {
    const o = await lockOrder(tx, orderNoOrNotFound(input.orderNo));
    if (!o) throw new AppError("NOT_FOUND", { what: "order" });
    const flags = await tx.rechargeOrder.findUniqueOrThrow({ where: { id: o.id }, select: { flagReason: true, flaggedAt: true } });
    if (input.resolution === "CREDIT_PAID_AMOUNT") {
      if (o.state !== "FLAGGED" || !o.gatewayTxnId || o.paidAmountFen === null || o.paidAmountFen <= 0n) throw new AppError("FLAG_RESOLUTION_INVALID");
      await reopenFlaggedOrder(tx, o, `finance: credit the paid amount (${reason})`, { actorId: input.actorId }, now);
      const entryId = await creditLockedOrder(
        tx,
        { ...o, state: "PAID", amountFen: o.paidAmountFen },
        { gatewayTxnId: o.gatewayTxnId, afterClose: false, actorId: input.actorId, now, note: "credited after finance review" },
      );
      await recordAudit(
        {
          actorId: input.actorId,
          subjectId: o.userId,
          action: "finance.flag.credit",
          data: {
            orderNo: o.orderNo,
            reason,
            journalEntryId: entryId,
            creditedFen: o.paidAmountFen,
            before: { state: o.state, flagReason: flags.flagReason },
            after: { state: "CREDITED" },
          },
        },
        tx,
      );
      return { orderNo: o.orderNo, state: "CREDITED" as OrderState };
    }
    if (!flags.flaggedAt || o.state === "FLAGGED") throw new AppError("FLAG_RESOLUTION_INVALID");
    await setOrderFlag(tx, o, { flagged: false }, `finance reviewed (${flags.flagReason ?? "flag"}): ${reason}`, { actorId: input.actorId }, now);
    await recordAudit(
      {
        actorId: input.actorId,
        subjectId: o.userId,
        action: "finance.flag.acknowledge",
        data: { orderNo: o.orderNo, reason, before: { flaggedAt: flags.flaggedAt, flagReason: flags.flagReason }, after: { flaggedAt: null } },
      },
      tx,
    );
    return { orderNo: o.orderNo, state: o.state };
  });
}

/** Every posting booked on a Shanghai day, one row per posting, as CSV (yuan, two decimals); audited (`export.csv`). */
export async function ledgerCsv(day: string, staff: Actor): Promise<{ filename: string; csv: string }> {
  if (!isDayKey(day)) throw new AppError("VALIDATION");
  const { from, to } = shanghaiDayRange(day);
  const rows = await db().$queryRaw<
    {
      entryId: string;
      createdAt: Date;
      kind: string;
      memo: string | null;
      idempotencyKey: string;
      code: string;
      amountFen: bigint;
      postingId: bigint;
      studentNo: string | null;
    }[]
  >`
    SELECT e."id" AS "entryId", e."createdAt", e."kind"::text AS kind, e."memo", e."idempotencyKey", a."code", p."amountFen", p."id" AS "postingId", u."studentNo"
    FROM "journal_entries" e
    JOIN "postings" p ON p."entryId" = e."id"
    JOIN "ledger_accounts" a ON a."id" = p."accountId"
    LEFT JOIN "users" u ON u."id" = a."userId"
    WHERE e."createdAt" >= ${from} AND e."createdAt" < ${to}
    ORDER BY e."createdAt", e."id", p."id"`;
  await recordAudit({ actorId: staff.id, action: "export.csv", data: { export: "ledger", day, rows: rows.length } });
  return {
    filename: `ledger-${day}.csv`,
    csv: toCsv(
      ["time_shanghai", "entry_id", "kind", "memo", "idempotency_key", "account", "student_no", "amount_yuan"],
      rows.map((r) => [
        shanghaiDateTime(r.createdAt),
        r.entryId,
        r.kind,
        r.memo ?? "",
        r.idempotencyKey,
        r.code,
        r.studentNo ?? "",
        fenToYuanString(r.amountFen),
      ]),
    ),
  };
}
