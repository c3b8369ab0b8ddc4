import "server-only";
// Reconciliation (对账): a gateway's statement of one Asia/Shanghai day against our orders and
// ledger. Paid-but-not-credited → credited now (the same exactly-once path as a notification);
// amount mismatches → flagged; credited-but-unknown to the gateway → flagged for finance,
// never debited automatically; payments for orders we do not know → reported. Statements:
// the sandbox's, WeChat Pay's trade bill, Alipay's trade bill (a zipped GBK CSV; refunds in it
// are not payments and never credit). Where a gateway has no statement for the day (Alipay's
// adapter answers null, and logs why, when the bill is not generated yet or its download
// fails), each order of the day is queried instead. Every run is stored (reconciliation_runs)
// and exportable as CSV.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { fenToYuanString } from "@/lib/money";
import { getGateway } from "@/modules/payments/gateways";
import { isDayKey, shanghaiDayRange } from "@/lib/time";
import { GatewayError, type OnlineChannel, type StatementRow } from "@/modules/payments/types";
import { confirmPaymentNow, setOrderFlag } from "@/modules/orders/service";
import { z } from "zod";
import { toCsv } from "./csv";

// The JSON columns of a run (summary, items) are parsed with these schemas on read, not cast.
const reconItemTypeSchema = z.enum(["MATCHED", "PAID_NOT_CREDITED", "AMOUNT_MISMATCH", "CREDITED_NOT_IN_STATEMENT", "UNKNOWN_ORDER", "SECOND_PAYMENT"]);
export type ReconItemType = z.infer<typeof reconItemTypeSchema>;

const reconItemSchema = z.object({
  type: reconItemTypeSchema,
  orderNo: z.string(),
  gatewayTxnId: z.string().nullable(),
  statementAmountFen: z.string().nullable(),
  orderAmountFen: z.string().nullable(),
  orderState: z.string().nullable(),
  /** what the run did: "credited", "flagged", "reported" or "none" */
  action: z.enum(["credited", "flagged", "reported", "none"]),
});
export type ReconItem = z.infer<typeof reconItemSchema>;

const reconSummarySchema = z.object({
  mode: z.enum(["STATEMENT", "QUERY"]),
  statementCount: z.number(),
  statementTotalFen: z.string(),
  creditedCount: z.number(),
  creditedTotalFen: z.string(),
  matched: z.number(),
  paidNotCredited: z.number(),
  repaired: z.number(),
  amountMismatch: z.number(),
  creditedNotInStatement: z.number(),
  unknownOrders: z.number(),
  secondPayments: z.number(),
});
export type ReconSummary = z.infer<typeof reconSummarySchema>;

const orderSelect = {
  id: true,
  orderNo: true,
  state: true,
  amountFen: true,
  paidAmountFen: true,
  gatewayTxnId: true,
  journalEntryId: true,
  paidAt: true,
  flagReason: true,
} as const;

export async function reconcileDay(input: { channel: OnlineChannel; day: string; actorId?: string | null; now?: Date }) {
  const now = input.now ?? clockNow();
  if (!isDayKey(input.day)) throw new AppError("VALIDATION");
  const gateway = getGateway(input.channel);
  if (!gateway) throw new AppError("CHANNEL_UNAVAILABLE");
  const { from, to } = shanghaiDayRange(input.day);

  let statement: StatementRow[] | null;
  try {
    statement = await gateway.downloadStatement(input.day);
  } catch (e) {
    if (e instanceof GatewayError) throw new AppError("GATEWAY_UNAVAILABLE");
    throw e;
  }
  const mode: ReconSummary["mode"] = statement ? "STATEMENT" : "QUERY";
  if (!statement) {
    // No statement: ask about every order of this channel created or paid that day.
    statement = [];
    const orders = await db().rechargeOrder.findMany({
      where: { channel: input.channel, OR: [{ createdAt: { gte: from, lt: to } }, { paidAt: { gte: from, lt: to } }] },
      select: { orderNo: true },
    });
    for (const o of orders) {
      try {
        const q = await gateway.queryOrder(o.orderNo);
        if ((q.state === "PAID" || q.state === "REFUNDED") && q.gatewayTxnId && q.paidAmountFen !== undefined) {
          statement.push({ orderNo: o.orderNo, gatewayTxnId: q.gatewayTxnId, amountFen: q.paidAmountFen, paidAt: q.paidAt ?? now });
        }
      } catch (e) {
        if (e instanceof GatewayError) throw new AppError("GATEWAY_UNAVAILABLE");
        throw e;
      }
    }
  }

  const items: ReconItem[] = [];
  const summary: ReconSummary = {
    mode,
    statementCount: statement.length,
    statementTotalFen: statement.reduce((s, r) => s + r.amountFen, 0n).toString(),
    creditedCount: 0,
    creditedTotalFen: "0",
    matched: 0,
    paidNotCredited: 0,
    repaired: 0,
    amountMismatch: 0,
    creditedNotInStatement: 0,
    unknownOrders: 0,
    secondPayments: 0,
  };
  const seenTxn = new Set<string>();

  for (const row of statement) {
    seenTxn.add(row.gatewayTxnId);
    const o = await db().rechargeOrder.findUnique({ where: { orderNo: row.orderNo }, select: { ...orderSelect, channel: true } });
    const base = { orderNo: row.orderNo, gatewayTxnId: row.gatewayTxnId, statementAmountFen: row.amountFen.toString() };
    if (!o || o.channel !== input.channel) {
      summary.unknownOrders++;
      items.push({ ...base, type: "UNKNOWN_ORDER", orderAmountFen: null, orderState: null, action: "reported" });
      continue;
    }
    const orderFields = { orderAmountFen: o.amountFen.toString(), orderState: o.state };
    if (o.gatewayTxnId === row.gatewayTxnId && o.state === "CREDITED" && o.journalEntryId) {
      if ((o.paidAmountFen ?? o.amountFen) !== row.amountFen) {
        summary.amountMismatch++;
        items.push({ ...base, ...orderFields, type: "AMOUNT_MISMATCH", action: "reported" });
      } else {
        summary.matched++;
      }
      continue;
    }
    if (o.gatewayTxnId === row.gatewayTxnId && o.state === "FLAGGED") {
      summary.amountMismatch++;
      items.push({ ...base, ...orderFields, type: "AMOUNT_MISMATCH", action: "none" });
      continue;
    }
    // Paid at the gateway, not (yet) credited here: repair through the exactly-once path.
    const { outcome } = await confirmPaymentNow(
      { channel: input.channel, orderNo: row.orderNo, gatewayTxnId: row.gatewayTxnId, paidAmountFen: row.amountFen, paidAt: row.paidAt, source: "RECONCILE" },
      now,
    );
    if (outcome === "CREDITED" || outcome === "CREDITED_AFTER_CLOSE") {
      summary.paidNotCredited++;
      summary.repaired++;
      items.push({ ...base, ...orderFields, type: "PAID_NOT_CREDITED", action: "credited" });
    } else if (outcome === "AMOUNT_MISMATCH") {
      summary.amountMismatch++;
      items.push({ ...base, ...orderFields, type: "AMOUNT_MISMATCH", action: "flagged" });
    } else if (outcome === "SECOND_PAYMENT") {
      summary.secondPayments++;
      items.push({ ...base, ...orderFields, type: "SECOND_PAYMENT", action: "flagged" });
    } else if (outcome === "DUPLICATE") {
      summary.matched++; // credited meanwhile (a notification raced us)
    } else {
      summary.unknownOrders++;
      items.push({ ...base, ...orderFields, type: "UNKNOWN_ORDER", action: "reported" });
    }
  }

  // Credited here, unknown to the gateway's statement of that day: flag, never debit.
  const credited = await db().rechargeOrder.findMany({
    where: { channel: input.channel, state: "CREDITED", paidAt: { gte: from, lt: to } },
    select: orderSelect,
  });
  let creditedTotal = 0n;
  for (const o of credited) {
    creditedTotal += o.paidAmountFen ?? o.amountFen;
    if (o.gatewayTxnId && seenTxn.has(o.gatewayTxnId)) continue;
    summary.creditedNotInStatement++;
    items.push({
      type: "CREDITED_NOT_IN_STATEMENT",
      orderNo: o.orderNo,
      gatewayTxnId: o.gatewayTxnId,
      statementAmountFen: null,
      orderAmountFen: o.amountFen.toString(),
      orderState: o.state,
      action: "flagged",
    });
    await db().$transaction(async (tx) => {
      await setOrderFlag(
        tx,
        o,
        { flagReason: "UNKNOWN_TO_GATEWAY", flagged: true },
        `reconciliation ${input.day}: credited but not in the gateway's statement`,
        undefined,
        now,
      );
    });
  }
  summary.creditedCount = credited.length;
  summary.creditedTotalFen = creditedTotal.toString();

  const run = await db().$transaction(async (tx) => {
    const r = await tx.reconciliationRun.create({
      data: {
        channel: input.channel,
        day: new Date(`${input.day}T00:00:00Z`),
        summary: summary as unknown as object,
        items: items as unknown as object[],
        repaired: summary.repaired,
        createdById: input.actorId ?? null,
      },
      select: { id: true, createdAt: true },
    });
    await recordAudit(
      {
        actorId: input.actorId ?? null,
        subjectId: null,
        action: "finance.reconcile",
        data: { runId: r.id, channel: input.channel, day: input.day, summary: summary as unknown as Record<string, unknown> },
      },
      tx,
    );
    return r;
  });
  return { runId: run.id, channel: input.channel, day: input.day, createdAt: run.createdAt, summary, items };
}

export async function listReconciliationRuns(opts: { channel?: OnlineChannel; take?: number } = {}) {
  const rows = await db().reconciliationRun.findMany({
    where: opts.channel ? { channel: opts.channel } : {},
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(opts.take ?? 30, 1), 200),
    select: { id: true, channel: true, day: true, summary: true, repaired: true, createdAt: true, createdById: true },
  });
  return rows.map((r) => ({ ...r, day: r.day.toISOString().slice(0, 10), summary: reconSummarySchema.parse(r.summary) }));
}

export async function getReconciliationRun(runId: string) {
  if (typeof runId !== "string" || !/^[0-9a-f-]{36}$/i.test(runId)) throw new AppError("NOT_FOUND", { what: "run" });
  const r = await db().reconciliationRun.findUnique({ where: { id: runId } });
  if (!r) throw new AppError("NOT_FOUND", { what: "run" });
  return {
    id: r.id,
    channel: r.channel,
    day: r.day.toISOString().slice(0, 10),
    summary: reconSummarySchema.parse(r.summary),
    items: z.array(reconItemSchema).parse(r.items),
    repaired: r.repaired,
    createdAt: r.createdAt,
  };
}

const yuan = (fen: string | null) => (fen === null ? "" : fenToYuanString(BigInt(fen)));

/** A reconciliation run as CSV; audited (`export.csv`). */
export async function reconciliationCsv(runId: string, staff: Actor): Promise<{ filename: string; csv: string }> {
  const r = await getReconciliationRun(runId);
  const rows = r.items.map((i) => [
    r.day,
    r.channel,
    i.type,
    i.orderNo,
    i.gatewayTxnId ?? "",
    yuan(i.statementAmountFen),
    yuan(i.orderAmountFen),
    i.orderState ?? "",
    i.action,
  ]);
  const s = r.summary;
  await recordAudit({
    actorId: staff.id,
    action: "export.csv",
    data: { export: "reconciliation", runId: r.id, channel: r.channel, day: r.day, rows: r.items.length },
  });
  rows.push([
    r.day,
    r.channel,
    "SUMMARY",
    `mode=${s.mode}`,
    `statement=${s.statementCount}`,
    yuan(s.statementTotalFen),
    yuan(s.creditedTotalFen),
    `matched=${s.matched} repaired=${s.repaired} mismatch=${s.amountMismatch} creditedUnknown=${s.creditedNotInStatement} unknownOrders=${s.unknownOrders}`,
    "",
  ]);
  return {
    filename: `reconciliation-${r.channel.toLowerCase()}-${r.day}.csv`,
    csv: toCsv(["day", "channel", "type", "order_no", "gateway_txn_id", "statement_amount_yuan", "order_amount_yuan", "order_state", "action"], rows),
  };
}
