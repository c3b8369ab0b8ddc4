"use server";
// Finance actions: thin — validate (zod), authorise (financeAction: FINANCE or ADMIN), call the service.
import { financeAction } from "@/lib/safe-action";
import { refreshPages } from "@/modules/recharge/action-helpers";
import { reconcileDay } from "./reconcile.service";
import { getRefundable, refundOrder, reverseEntry } from "./refund.service";
import { refundableSchema, refundOrderSchema, resolveFlaggedOrderSchema, reverseEntrySchema, runReconciliationSchema, searchOrdersSchema } from "./schemas";
import { resolveFlaggedOrder, searchOrders } from "./service";

const fen = (v: bigint) => v.toString();

/** What may be refunded on an order now: min(order remaining, unspent wallet balance). */
export const getRefundableAction = financeAction.inputSchema(refundableSchema).action(async ({ parsedInput }) => {
  const r = await getRefundable(parsedInput.orderNo);
  return {
    ...r,
    creditedFen: fen(r.creditedFen),
    refundedFen: fen(r.refundedFen),
    orderRemainingFen: fen(r.orderRemainingFen),
    walletBalanceFen: fen(r.walletBalanceFen),
    maxRefundFen: fen(r.maxRefundFen),
  };
});

export const refundOrderAction = financeAction.inputSchema(refundOrderSchema).action(async ({ parsedInput, ctx }) => {
  const r = await refundOrder({
    actorId: ctx.user.id,
    orderNo: parsedInput.orderNo,
    amountFen: parsedInput.amountYuan,
    reason: parsedInput.reason,
    requestKey: parsedInput.requestKey,
  });
  refreshPages();
  return { ...r, amountFen: fen(r.amountFen), createdAt: r.createdAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null };
});

export const reverseEntryAction = financeAction.inputSchema(reverseEntrySchema).action(async ({ parsedInput, ctx }) => {
  const r = await reverseEntry({ actorId: ctx.user.id, entryId: parsedInput.entryId, reason: parsedInput.reason });
  refreshPages();
  return r;
});

export const runReconciliationAction = financeAction.inputSchema(runReconciliationSchema).action(async ({ parsedInput, ctx }) => {
  const r = await reconcileDay({ channel: parsedInput.channel, day: parsedInput.day, actorId: ctx.user.id });
  refreshPages();
  return { runId: r.runId, channel: r.channel, day: r.day, summary: r.summary, items: r.items };
});

export const resolveFlaggedOrderAction = financeAction.inputSchema(resolveFlaggedOrderSchema).action(async ({ parsedInput, ctx }) => {
  const r = await resolveFlaggedOrder({ actorId: ctx.user.id, orderNo: parsedInput.orderNo, resolution: parsedInput.resolution, reason: parsedInput.reason });
  refreshPages();
  return r;
});

/** Order search for client-side filtering (pages may call searchOrders directly in a server component). */
export const searchOrdersAction = financeAction.inputSchema(searchOrdersSchema).action(async ({ parsedInput, ctx }) => {
  const r = await searchOrders(ctx.user, parsedInput);
  return {
    total: r.total,
    items: r.items.map((o) => ({
      ...o,
      amountFen: fen(o.amountFen),
      paidAmountFen: o.paidAmountFen === null ? null : fen(o.paidAmountFen),
      refundedFen: fen(o.refundedFen),
    })),
  };
});
