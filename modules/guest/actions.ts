"use server";
// The student's guest-pass actions. Thin: the schema validates, studentAction signs in, the
// service gets ctx.user.id (never a user id from the form).
import { revalidatePath } from "next/cache";
import QRCode from "qrcode";
import { MiB } from "@/lib/units";
import { studentAction } from "@/lib/safe-action";
import { guestQrText } from "./rules";
import { guestPassIdSchema, issueGuestPassSchema } from "./schemas";
import { issueGuestPass, revokeGuestPass } from "./service";

export interface IssuedGuestPassDto {
  id: string;
  code: string;
  login: string;
  pin: string;
  label: string | null;
  maxBytes: string;
  expiresAt: string;
  /** the QR code (SVG) of the login and PIN */
  qrSvg: string;
}

const revalidateGuests = () => revalidatePath("/network", "layout");

/** Issue a pass; its PIN is in this answer only (the database keeps a hash). */
export const issueGuestPassAction = studentAction.inputSchema(issueGuestPassSchema).action(async ({ parsedInput, ctx }): Promise<IssuedGuestPassDto> => {
  const p = await issueGuestPass(ctx.user.id, { hours: parsedInput.hours, bytes: BigInt(parsedInput.dataMiB) * MiB, label: parsedInput.label });
  const qrSvg = await QRCode.toString(guestQrText(p.code, p.pin), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  revalidateGuests();
  return { id: p.id, code: p.code, login: p.login, pin: p.pin, label: p.label, maxBytes: p.maxBytes.toString(), expiresAt: p.expiresAt.toISOString(), qrSvg };
});

/** Revoke a pass: no new sign-ins, and its visitors online now are disconnected. */
export const revokeGuestPassAction = studentAction.inputSchema(guestPassIdSchema).action(async ({ parsedInput, ctx }) => {
  const r = await revokeGuestPass(ctx.user.id, parsedInput.passId);
  revalidateGuests();
  return { disconnected: r.disconnected.length };
});
