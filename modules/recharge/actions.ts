"use server";
// Recharge actions: thin — validate (zod), authorise (action client), call the service.
// Fen cross the wire as strings.
import { operatorAction, studentAction } from "@/lib/safe-action";
import { clientIp, refreshPages } from "./action-helpers";
import { counterRecharge, readCounterStudentForStaff } from "./counter.service";
import { counterLookupSchema, counterRechargeSchema, createRechargeOrderSchema, lookupRechargeTargetSchema, orderRefSchema } from "./schemas";
import { cancelOrder, createRechargeOrder, lookupRechargeTarget, startPayment } from "./service";

/** Check the account to recharge (请务必核对充值账号): masked name + student number. */
export const lookupRechargeTargetAction = studentAction.inputSchema(lookupRechargeTargetSchema).action(async ({ parsedInput, ctx }) => {
  const t = await lookupRechargeTarget({ viewerId: ctx.user.id, studentNo: parsedInput.studentNo });
  return { studentNo: t.studentNo, maskedName: t.maskedName, isSelf: t.isSelf };
});

/** Create an order and get the gateway's payment page to redirect to. */
export const createRechargeOrderAction = studentAction.inputSchema(createRechargeOrderSchema).action(async ({ parsedInput, ctx }) => {
  const order = await createRechargeOrder({
    creatorId: ctx.user.id,
    amountFen: parsedInput.amountYuan,
    channel: parsedInput.channel,
    targetStudentNo: parsedInput.targetStudentNo ?? null,
  });
  const { payUrl } = await startPayment({ orderNo: order.orderNo, viewerId: ctx.user.id, clientIp: await clientIp() });
  return {
    orderNo: order.orderNo,
    channel: order.channel,
    amountFen: order.amountFen.toString(),
    expiresAt: order.expiresAt.toISOString(),
    target: order.target,
    payUrl,
  };
});

/** Open the payment page again for an unpaid order. */
export const resumePaymentAction = studentAction.inputSchema(orderRefSchema).action(async ({ parsedInput, ctx }) => {
  return startPayment({ orderNo: parsedInput.orderNo, viewerId: ctx.user.id, clientIp: await clientIp() });
});

export const cancelOrderAction = studentAction.inputSchema(orderRefSchema).action(async ({ parsedInput, ctx }) => {
  const r = await cancelOrder({ orderNo: parsedInput.orderNo, viewerId: ctx.user.id });
  refreshPages();
  return r;
});

/** Counter: the student behind a number, with the full name to check against the note. */
export const counterLookupAction = operatorAction.inputSchema(counterLookupSchema).action(async ({ parsedInput, ctx }) => {
  const s = await readCounterStudentForStaff(ctx.user, parsedInput.studentNo);
  return { studentNo: s.studentNo, name: s.name, status: s.status, balanceFen: s.balanceFen.toString() };
});

/** Counter recharge (线下充值): refused with the reason unless the note and the amount follow the rules. */
export const counterRechargeAction = operatorAction.inputSchema(counterRechargeSchema).action(async ({ parsedInput, ctx }) => {
  const r = await counterRecharge({
    operatorId: ctx.user.id,
    studentNo: parsedInput.studentNo,
    amountFen: parsedInput.amountYuan,
    note: parsedInput.note,
    requestKey: parsedInput.requestKey,
  });
  refreshPages();
  return {
    orderNo: r.orderNo,
    amountFen: r.amountFen.toString(),
    student: r.student,
    operator: r.operator,
    note: r.note,
    creditedAt: r.creditedAt.toISOString(),
    balanceAfterFen: r.balanceAfterFen.toString(),
    journalEntryId: r.journalEntryId,
    replayed: r.replayed,
  };
});
