// zod schemas of the recharge actions, shared by the forms and the server.
import { z } from "zod";
import { yuanSchema } from "@/lib/money";
import { ORDER_NO_RE } from "@/modules/orders/order-no";

export const rechargeChannelSchema = z.enum(["SANDBOX", "WECHAT", "ALIPAY"]);
export const orderNoSchema = z.string().regex(ORDER_NO_RE);
const studentNo = z.string().trim().min(1).max(32);
export const createRechargeOrderSchema = z.object({
  /** the yuan text as typed ("20", "5.5", "12.34"); the action receives fen */
  amountYuan: yuanSchema,
  channel: rechargeChannelSchema,
  /** recharge another account (学号/工号); omit for one's own */
  targetStudentNo: studentNo.optional().nullable(),
});
export type CreateRechargeOrderInput = z.infer<typeof createRechargeOrderSchema>;

export const lookupRechargeTargetSchema = z.object({ studentNo });
export const orderRefSchema = z.object({ orderNo: orderNoSchema });

export const counterLookupSchema = z.object({ studentNo });
export const counterRechargeSchema = z.object({
  studentNo,
  /** the yuan text as typed; the action receives fen */
  amountYuan: yuanSchema,
  /** must contain the student number and the name (备注学号姓名) */
  note: z.string().max(200),
  /** generated when the form opens; a double submit books once */
  requestKey: z.string().uuid(),
});
export type CounterRechargeInput = z.infer<typeof counterRechargeSchema>;
