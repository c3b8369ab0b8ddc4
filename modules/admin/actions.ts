"use server";
// Admin settings actions: thin — validate (zod), authorise (adminAction checks ADMIN again), call the service.
// Fen and bytes cross the wire as strings.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/safe-action";
import { nasClientIdSchema, nasClientSchema, nasClientUpdateSchema, quotaPolicyFormSchema, rechargePolicyFormSchema, servicePolicyFormSchema } from "./schemas";
import { createNasClient, deleteNasClient, updateNasClient, updateQuotaPolicy, updateRechargePolicy, updateServicePolicy } from "./service";

function refreshSettings(): void {
  revalidatePath("/admin/settings", "layout");
}

export const updateQuotaPolicyAction = adminAction.inputSchema(quotaPolicyFormSchema).action(async ({ parsedInput, ctx }) => {
  const p = await updateQuotaPolicy(ctx.user.id, parsedInput);
  refreshSettings();
  return { ...p, freeMonthlyBytes: p.freeMonthlyBytes.toString() };
});

export const updateRechargePolicyAction = adminAction.inputSchema(rechargePolicyFormSchema).action(async ({ parsedInput, ctx }) => {
  const p = await updateRechargePolicy(ctx.user.id, parsedInput);
  refreshSettings();
  return { minFen: p.minFen.toString(), maxFen: p.maxFen.toString(), orderTimeoutMinutes: p.orderTimeoutMinutes };
});

export const updateServicePolicyAction = adminAction.inputSchema(servicePolicyFormSchema).action(async ({ parsedInput, ctx }) => {
  const p = await updateServicePolicy(ctx.user.id, parsedInput);
  refreshSettings();
  return { ...p, appealMaxUsedBytes: p.appealMaxUsedBytes.toString(), guestPassMaxBytes: p.guestPassMaxBytes.toString() };
});

export const createNasClientAction = adminAction.inputSchema(nasClientSchema).action(async ({ parsedInput, ctx }) => {
  const n = await createNasClient(ctx.user.id, parsedInput);
  refreshSettings();
  return { id: n.id };
});

export const updateNasClientAction = adminAction.inputSchema(nasClientUpdateSchema).action(async ({ parsedInput, ctx }) => {
  const n = await updateNasClient(ctx.user.id, parsedInput);
  refreshSettings();
  return { id: n.id };
});

export const deleteNasClientAction = adminAction.inputSchema(nasClientIdSchema).action(async ({ parsedInput, ctx }) => {
  await deleteNasClient(ctx.user.id, parsedInput.id);
  refreshSettings();
  return { id: parsedInput.id };
});
