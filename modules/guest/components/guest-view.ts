// What the guest-pass page hands its client components: plain strings, no bigint or Date.
import type { GuestPassState } from "@/modules/guest/rules";

export interface GuestPassDto {
  id: string;
  code: string;
  login: string;
  label: string | null;
  maxBytes: string;
  usedBytes: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  state: GuestPassState;
  liveSessions: number;
}

export function toGuestPassDto(p: {
  id: string;
  code: string;
  login: string;
  label: string | null;
  maxBytes: bigint;
  usedBytes: bigint;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: GuestPassState;
  liveSessions: number;
}): GuestPassDto {
  return {
    ...p,
    maxBytes: p.maxBytes.toString(),
    usedBytes: p.usedBytes.toString(),
    createdAt: p.createdAt.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
    revokedAt: p.revokedAt?.toISOString() ?? null,
  };
}

/** Whole hours and minutes from `now` until `until` (0 when past). */
export function timeLeft(until: string | Date, now: string | Date): { h: number; m: number } {
  const ms = Math.max(0, new Date(until).getTime() - new Date(now).getTime());
  const minutes = Math.ceil(ms / 60_000);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** The data limits offered (MiB): the usual steps up to the policy's maximum, which is always offered. */
export function dataOptionsMiB(maxMiB: number): number[] {
  const steps = [256, 512, 1024, 2048, 5120, 10240].filter((x) => x < maxMiB);
  return [...steps, maxMiB];
}
