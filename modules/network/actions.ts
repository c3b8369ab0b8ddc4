"use server";
// The student's network actions. Thin: the schema validates, studentAction signs in, the
// service gets ctx.user.id (never a user id from the form).
import { revalidatePath } from "next/cache";
import { now } from "@/lib/clock";
import { studentAction } from "@/lib/safe-action";
import { toSessionDto, toSpeedDto, type LiveNetworkDto } from "./components/network-view";
import { deviceIdSchema, registerMacDeviceSchema, renameDeviceSchema, seamlessLoginSchema, sessionIdSchema, setNetworkPasswordSchema } from "./schemas";
import {
  blockDevice,
  disconnectSession,
  getSpeedExplanation,
  listLiveSessions,
  registerMacDevice,
  renameDevice,
  setNetworkPassword,
  setSeamlessLogin,
  unblockDevice,
  unregisterMacDevice,
} from "./service";

const revalidateNetwork = () => revalidatePath("/network", "layout");

/** Polled by /network: "why am I slow?" and the sessions online now. */
export const liveNetworkAction = studentAction.action(async ({ ctx }): Promise<LiveNetworkDto> => {
  const [speed, sessions] = await Promise.all([getSpeedExplanation(ctx.user.id), listLiveSessions(ctx.user.id)]);
  return { speed: toSpeedDto(speed), sessions: sessions.map(toSessionDto), at: now().toISOString() };
});

/** "Take this device offline": a Disconnect-Request to the session's NAS. */
export const disconnectSessionAction = studentAction.inputSchema(sessionIdSchema).action(async ({ parsedInput, ctx }) => {
  const outcome = await disconnectSession(parsedInput.sessionId, "student-request", { userId: ctx.user.id });
  revalidateNetwork();
  return { result: outcome.result };
});

export const registerMacDeviceAction = studentAction.inputSchema(registerMacDeviceSchema).action(async ({ parsedInput, ctx }) => {
  const d = await registerMacDevice(ctx.user.id, parsedInput.mac, parsedInput.name);
  revalidateNetwork();
  return { id: d.id, mac: d.mac, name: d.name };
});

export const renameDeviceAction = studentAction.inputSchema(renameDeviceSchema).action(async ({ parsedInput, ctx }) => {
  await renameDevice(ctx.user.id, parsedInput.deviceId, parsedInput.name);
  revalidateNetwork();
  return { ok: true as const };
});

export const unregisterDeviceAction = studentAction.inputSchema(deviceIdSchema).action(async ({ parsedInput, ctx }) => {
  await unregisterMacDevice(ctx.user.id, parsedInput.deviceId);
  revalidateNetwork();
  return { ok: true as const };
});

/** 挂失: block the MAC and kick its sessions. */
export const blockDeviceAction = studentAction.inputSchema(deviceIdSchema).action(async ({ parsedInput, ctx }) => {
  const { kicked } = await blockDevice(ctx.user.id, parsedInput.deviceId);
  revalidateNetwork();
  return { kicked: kicked.length, confirmed: kicked.filter((k) => k.result === "ACK").length };
});

export const unblockDeviceAction = studentAction.inputSchema(deviceIdSchema).action(async ({ parsedInput, ctx }) => {
  await unblockDevice(ctx.user.id, parsedInput.deviceId);
  revalidateNetwork();
  return { ok: true as const };
});

/** 无感知认证 on or off (audited); the next login by MAC alone follows it. */
export const setSeamlessLoginAction = studentAction.inputSchema(seamlessLoginSchema).action(async ({ parsedInput, ctx }) => {
  const r = await setSeamlessLogin(ctx.user.id, parsedInput.on);
  revalidateNetwork();
  return r;
});

export const setNetworkPasswordAction = studentAction.inputSchema(setNetworkPasswordSchema).action(async ({ parsedInput, ctx }) => {
  const { updatedAt } = await setNetworkPassword(ctx.user.id, parsedInput.password);
  revalidateNetwork();
  return { updatedAt: updatedAt.toISOString() };
});
