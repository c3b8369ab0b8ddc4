"use server";
import { revalidateStudentPages } from "@/lib/revalidate";
import { studentAction } from "@/lib/safe-action";
import { cancelPlanSchema, confirmPlanSchema, schedulePlanSchema } from "./schemas";
import { cancelPlan, confirmPlanPackage, schedulePlan } from "./service";

/** 下月生效 / 每月自动续订: no money moves now; the month-start job books it. */
export const schedulePlanAction = studentAction.inputSchema(schedulePlanSchema).action(async ({ parsedInput, ctx }) => {
  const plan = await schedulePlan({ userId: ctx.user.id, packageId: parsedInput.packageId, kind: parsedInput.kind });
  revalidateStudentPages();
  return { planId: plan.id, firstMonth: plan.firstMonth, kind: plan.kind };
});

export const cancelPlanAction = studentAction.inputSchema(cancelPlanSchema).action(async ({ parsedInput, ctx }) => {
  const r = await cancelPlan({ userId: ctx.user.id, planId: parsedInput.planId });
  revalidateStudentPages();
  return { planId: r.id };
});

/** After a catalogue change: keep the plan, on the package on sale now (decision 031). */
export const confirmPlanAction = studentAction.inputSchema(confirmPlanSchema).action(async ({ parsedInput, ctx }) => {
  const r = await confirmPlanPackage({ userId: ctx.user.id, planId: parsedInput.planId, packageId: parsedInput.packageId });
  revalidateStudentPages();
  return { planId: r.id, packageId: r.packageId };
});
