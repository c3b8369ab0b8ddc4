// zod schemas of the finance actions, shared by the forms and the server.
import { z } from "zod";
import { yuanSchema } from "@/lib/money";
import { orderNoSchema, rechargeChannelSchema } from "@/modules/recharge/schemas";

const reason = z.string().max(200);
export const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const refundOrderSchema = z.object({
  orderNo: orderNoSchema,
  /** the yuan text as typed; the action receives fen */
  amountYuan: yuanSchema,
  reason,
  requestKey: z.string().uuid(),
});
export type RefundOrderInput = z.infer<typeof refundOrderSchema>;

export const refundableSchema = z.object({ orderNo: orderNoSchema });

export const reverseEntrySchema = z.object({ entryId: z.string().uuid(), reason });

export const runReconciliationSchema = z.object({ channel: rechargeChannelSchema, day: dayKeySchema });

export const resolveFlaggedOrderSchema = z.object({
  orderNo: orderNoSchema,
  resolution: z.enum(["CREDIT_PAID_AMOUNT", "ACKNOWLEDGE"]),
  reason,
});

export const searchOrdersSchema = z.object({
  query: z.string().max(64).optional(),
  state: z.enum(["CREATED", "PAID", "CREDITED", "CLOSED", "FLAGGED"]).optional(),
  channel: z.enum(["SANDBOX", "WECHAT", "ALIPAY", "COUNTER"]).optional(),
  fromDay: dayKeySchema.optional(),
  toDay: dayKeySchema.optional(),
  flaggedOnly: z.boolean().optional(),
  take: z.number().int().min(1).max(200).optional(),
  skip: z.number().int().min(0).max(1_000_000).optional(),
});
