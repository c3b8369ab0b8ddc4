import { z } from "zod";

export const planKindSchema = z.enum(["NEXT_MONTH", "AUTO_RENEW"]);

export const schedulePlanSchema = z.object({
  packageId: z.string().uuid(),
  /** 下月生效 once, or 每月自动续订 */
  kind: planKindSchema,
});
export type SchedulePlanInput = z.infer<typeof schedulePlanSchema>;

export const cancelPlanSchema = z.object({ planId: z.string().uuid() });
export type CancelPlanInput = z.infer<typeof cancelPlanSchema>;

/** Confirm a plan again after a catalogue change: the package the student was shown (decision 031). */
export const confirmPlanSchema = z.object({ planId: z.string().uuid(), packageId: z.string().uuid() });
export type ConfirmPlanInput = z.infer<typeof confirmPlanSchema>;
