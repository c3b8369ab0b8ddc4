// 访客码 rules that need no database: the code's alphabet, the login name a visitor types, and
// when a pass is live. Shared by the service, the RADIUS paths and the page.
import { randomInt } from "node:crypto";

/** No 0/O, 1/I/L: a code read aloud or copied from a phone screen cannot be mistaken. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const PIN_LENGTH = 6;
/** What a visitor types as the user name: `guest-` and the code (any case). */
export const GUEST_LOGIN_PREFIX = "guest-";

export function newGuestCode(): string {
  let s = "";
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function newGuestPin(): string {
  return String(randomInt(10 ** PIN_LENGTH)).padStart(PIN_LENGTH, "0");
}

export const guestLogin = (code: string) => `${GUEST_LOGIN_PREFIX}${code}`;

const LOGIN = new RegExp(`^${GUEST_LOGIN_PREFIX}([${CODE_ALPHABET}]{${CODE_LENGTH}})$`, "i");

/** The code in a RADIUS user name, upper-cased; null when the name is not a guest login. */
export function guestCodeOf(username: string): string | null {
  const m = LOGIN.exec(username.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/** Whether a user name takes the guest branch at all (well-formed or not). */
export const isGuestLogin = (username: string) => username.slice(0, GUEST_LOGIN_PREFIX.length).toLowerCase() === GUEST_LOGIN_PREFIX;

export type GuestPassState = "LIVE" | "EXPIRED" | "REVOKED" | "USED_UP";

export function guestPassState(p: { expiresAt: Date; revokedAt: Date | null; usedBytes: bigint; maxBytes: bigint }, now: Date): GuestPassState {
  if (p.revokedAt) return "REVOKED";
  if (p.usedBytes >= p.maxBytes) return "USED_UP";
  if (p.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return "LIVE";
}

/** What the QR code holds: the login a visitor types at the portal. */
export function guestQrText(code: string, pin: string): string {
  return `访客上网 Guest login\n用户名 User: ${guestLogin(code)}\n密码 PIN: ${pin}`;
}

/** A visitor's rate: the policy's guest rate, never faster than the issuer's own rate now (a throttled student's visitor is throttled too). */
export function guestRate<R extends { upKbps: number; downKbps: number }>(own: R, guest: { guestUpKbps: number; guestDownKbps: number }): R {
  return { ...own, upKbps: Math.min(guest.guestUpKbps, own.upKbps), downKbps: Math.min(guest.guestDownKbps, own.downKbps) };
}
