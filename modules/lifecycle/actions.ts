"use server";
// 迁入迁出 (lifecycle in bulk): thin — validate (zod), authorise (the action client checks
// "lifecycle.bulk" in lib/roles.ts: admin only), call the service. Fen go back as strings.
import { revalidatePath } from "next/cache";
import { lifecycleAction } from "@/lib/safe-action";
import { cohortSchema, graduationSettleSchema, intakeFileSchema } from "./schemas";
import { applyIntake, dryRunIntake, previewGraduation, settleGraduation } from "./service";

/** The dry run: the per-row report; nothing is written. */
export const dryRunIntakeAction = lifecycleAction.inputSchema(intakeFileSchema).action(async ({ parsedInput }) => {
  return dryRunIntake(parsedInput.text);
});

export const applyIntakeAction = lifecycleAction.inputSchema(intakeFileSchema).action(async ({ parsedInput, ctx }) => {
  const r = await applyIntake(ctx.user, parsedInput.text, parsedInput.fileName);
  revalidatePath("/admin/lifecycle/intake");
  return r;
});

export const previewGraduationAction = lifecycleAction.inputSchema(cohortSchema).action(async ({ parsedInput }) => {
  const p = await previewGraduation(parsedInput);
  return { ...p, balanceFen: p.balanceFen.toString() };
});

export const settleGraduationAction = lifecycleAction.inputSchema(graduationSettleSchema).action(async ({ parsedInput, ctx }) => {
  const r = await settleGraduation(ctx.user, parsedInput.cohort, parsedInput.refundMode, parsedInput.expectedAccounts);
  revalidatePath("/admin/lifecycle/graduation");
  return { ...r, refundedFen: r.refundedFen.toString(), originalFen: r.originalFen.toString(), cashFen: r.cashFen.toString() };
});
