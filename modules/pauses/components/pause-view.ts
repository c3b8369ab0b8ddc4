// What the pause card and the home banner get from the server: plain strings and numbers.
import { dayKey } from "@/lib/time";
import type { PauseOverview } from "@/modules/pauses/service";

export interface PauseCardDto {
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  minDays: number;
  maxDays: number;
  /** today in Asia/Shanghai, "YYYY-MM-DD" */
  today: string;
  open: null | {
    state: "SCHEDULED" | "ACTIVE";
    /** "YYYY-MM-DD" (Shanghai) of the start and of the resume day */
    startDay: string;
    resumeDay: string;
    /** ISO instants */
    startsAt: string;
    endsAt: string;
    days: number;
  };
  holding: null | { nameZh: string; nameEn: string; frozen: boolean; remainingMs: number };
}

export function toPauseCardDto(o: PauseOverview): PauseCardDto {
  const open =
    o.open && (o.open.state === "SCHEDULED" || o.open.state === "ACTIVE")
      ? {
          state: o.open.state,
          startDay: dayKey(o.open.startsAt),
          resumeDay: dayKey(o.open.endsAt),
          startsAt: o.open.startsAt.toISOString(),
          endsAt: o.open.endsAt.toISOString(),
          days: o.open.days,
        }
      : null;
  const holding = o.holding ? { nameZh: o.holding.nameZh, nameEn: o.holding.nameEn, frozen: o.holding.frozen, remainingMs: o.holding.remainingMs } : null;
  return { status: o.status, minDays: o.policy.minDays, maxDays: o.policy.maxDays, today: o.today, open, holding };
}

const DAY_MS = 86_400_000;

/** Days from one "YYYY-MM-DD" to another (calendar days; the first counts in full). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** "YYYY-MM-DD" n days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days and the hours beyond them, for "剩余 N 天 H 小时". */
export function splitRemaining(ms: number): { days: number; hours: number } {
  const clamped = Math.max(0, ms);
  return { days: Math.floor(clamped / DAY_MS), hours: Math.floor((clamped % DAY_MS) / 3600_000) };
}
