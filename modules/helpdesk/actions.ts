"use server";
// The network office's actions on one student: thin — validate (zod), authorise (the action
// client checks the ability in lib/roles.ts), call the service. Fen and bytes go back as strings.
import { revalidatePath } from "next/cache";
import { balanceAdjustAction, helpdeskAction, quotaAdjustAction } from "@/lib/safe-action";
import { adjustBalanceSchema, adjustQuotaSchema, deviceBlockSchema, kickSessionSchema, reasonOnlySchema, userOnlySchema } from "./schemas";
import {
  adjustBalance,
  adjustQuota,
  kickAllSessions,
  kickSession,
  resetNetworkPasswordByStaff,
  resumeAccount,
  setDeviceBlocked,
  suspendAccount,
  unlockNetworkLogin,
} from "./service";

function refresh(): void {
  revalidatePath("/admin/users/[studentNo]", "page");
}

const results = (kicked: { result: string }[]) => ({ kicked: kicked.length, acked: kicked.filter((k) => k.result === "ACK").length });

export const suspendAccountAction = helpdeskAction.inputSchema(reasonOnlySchema).action(async ({ parsedInput, ctx }) => {
  const r = await suspendAccount(ctx.user, parsedInput.userId, parsedInput.reason);
  refresh();
  return { status: r.status, ...results(r.kicked) };
});

export const resumeAccountAction = helpdeskAction.inputSchema(reasonOnlySchema).action(async ({ parsedInput, ctx }) => {
  const r = await resumeAccount(ctx.user, parsedInput.userId, parsedInput.reason);
  refresh();
  return { status: r.status };
});

export const kickSessionAction = helpdeskAction.inputSchema(kickSessionSchema).action(async ({ parsedInput, ctx }) => {
  const r = await kickSession(ctx.user, parsedInput.userId, parsedInput.sessionId, parsedInput.reason);
  refresh();
  return { result: r.result };
});

export const kickAllSessionsAction = helpdeskAction.inputSchema(reasonOnlySchema).action(async ({ parsedInput, ctx }) => {
  const r = await kickAllSessions(ctx.user, parsedInput.userId, parsedInput.reason);
  refresh();
  return results(r);
});

export const setDeviceBlockedAction = helpdeskAction.inputSchema(deviceBlockSchema).action(async ({ parsedInput, ctx }) => {
  const r = await setDeviceBlocked(ctx.user, parsedInput.userId, parsedInput.deviceId, parsedInput.blocked, parsedInput.reason);
  refresh();
  return { blocked: parsedInput.blocked, ...results(r.kicked) };
});

export const unlockNetworkLoginAction = helpdeskAction.inputSchema(userOnlySchema).action(async ({ parsedInput, ctx }) => {
  await unlockNetworkLogin(ctx.user, parsedInput.userId);
  refresh();
  return { unlocked: true };
});

export const resetNetworkPasswordAction = helpdeskAction.inputSchema(reasonOnlySchema).action(async ({ parsedInput, ctx }) => {
  const r = await resetNetworkPasswordByStaff(ctx.user, parsedInput.userId, parsedInput.reason);
  refresh();
  return { code: r.code, expiresAt: r.expiresAt.toISOString() };
});

export const adjustBalanceAction = balanceAdjustAction.inputSchema(adjustBalanceSchema).action(async ({ parsedInput, ctx }) => {
  const amount = parsedInput.direction === "credit" ? parsedInput.amount : -parsedInput.amount;
  const r = await adjustBalance(ctx.user, parsedInput.userId, amount, parsedInput.reason, parsedInput.key);
  refresh();
  return { created: r.created, balanceFen: r.balanceFen.toString() };
});

export const adjustQuotaAction = quotaAdjustAction.inputSchema(adjustQuotaSchema).action(async ({ parsedInput, ctx }) => {
  const bytes = parsedInput.direction === "add" ? parsedInput.gb : -parsedInput.gb;
  const r = await adjustQuota(ctx.user, parsedInput.userId, bytes, parsedInput.reason, parsedInput.key);
  refresh();
  return { created: r.created, month: r.month, freeBytes: r.freeBytes.toString() };
});
