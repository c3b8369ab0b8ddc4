// Pure pace forecast (用量预测): from the last weeks' daily traffic, when does this month's
// high-speed data run out, and which package would carry the student to the month's end?
// No server-only imports: the service, the pages and the unit tests share it.
import { dayKey, startOfDay, startOfNextMonth } from "@/lib/time";

const DAY_MS = 86_400_000;
/** How far back the pace looks: the four weeks of whole Shanghai days before today. */
export const PACE_WINDOW_DAYS = 28;
/** Fewer whole days of history than this: no forecast (a new student, a pace from one day is noise). */
export const MIN_HISTORY_DAYS = 3;

export interface DayUsage {
  /** Shanghai day "YYYY-MM-DD" */
  day: string;
  /** upload + download of that day (decision 004), throttled traffic included */
  bytes: bigint;
}

export interface ForecastPackage {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  priceFen: bigint;
  quotaBytes: bigint;
}

export interface ForecastInput {
  now: Date;
  /** daily totals; a day missing from the list had no traffic */
  usage: DayUsage[];
  /** since when the account exists: days before it are not zero-usage days, they are no history */
  historySince: Date;
  /** high-speed data left right now: this month's free quota + the live package */
  remainingBytes: bigint;
  /** the packages on sale now */
  packages: ForecastPackage[];
}

export type Advice =
  | { kind: "NONE_NEEDED" }
  /** the cheapest package whose quota covers what the pace needs until the month's end */
  | { kind: "BUY"; package: ForecastPackage; neededBytes: bigint }
  /** no package on sale is big enough: the largest one, and how much is needed */
  | { kind: "NONE_ENOUGH"; largest: ForecastPackage | null; neededBytes: bigint };

export type Forecast =
  | { kind: "NO_HISTORY"; historyDays: number }
  | { kind: "LASTS"; paceBytesPerDay: bigint; historyDays: number; advice: Advice }
  | { kind: "RUNS_OUT"; paceBytesPerDay: bigint; historyDays: number; runOutAt: Date; runOutDay: string; advice: Advice }
  | { kind: "USED_UP"; paceBytesPerDay: bigint | null; historyDays: number; advice: Advice | null };

/** Weight of the day `daysAgo` (1 = yesterday) days back: the last week counts 4×, the one before 3×, then 2×, 1×. */
export function dayWeight(daysAgo: number): number {
  return 4 - Math.floor((daysAgo - 1) / 7);
}

/**
 * The pace in bytes per day: a weighted mean over the whole Shanghai days of the last four
 * weeks before today (today is not over yet), counting only days since the account exists.
 * null when there are fewer than MIN_HISTORY_DAYS such days.
 */
export function paceOf(usage: DayUsage[], historySince: Date, now: Date): { pace: number | null; historyDays: number } {
  const byDay = new Map<string, bigint>();
  for (const u of usage) byDay.set(u.day, (byDay.get(u.day) ?? 0n) + u.bytes);
  const today = startOfDay(now).getTime();
  // the day the account was created is partial: history starts the day after
  const firstWhole = startOfDay(historySince).getTime() + DAY_MS;
  let weighted = 0;
  let weights = 0;
  let historyDays = 0;
  for (let i = 1; i <= PACE_WINDOW_DAYS; i++) {
    const start = today - i * DAY_MS;
    if (start < firstWhole) break;
    const w = dayWeight(i);
    weighted += w * Number(byDay.get(dayKey(new Date(start))) ?? 0n);
    weights += w;
    historyDays++;
  }
  if (historyDays < MIN_HISTORY_DAYS) return { pace: null, historyDays };
  return { pace: weighted / weights, historyDays };
}

/** When `remainingBytes` runs out at `pace` bytes/day from `now`; null when it lasts past the month's end. */
export function runOutAt(now: Date, remainingBytes: bigint, pace: number): Date | null {
  const monthEnd = startOfNextMonth(now).getTime();
  if (remainingBytes <= 0n) return now;
  if (pace <= 0) return null;
  const at = now.getTime() + (Number(remainingBytes) / pace) * DAY_MS;
  return at >= monthEnd ? null : new Date(Math.floor(at));
}

/** What the pace still needs until the month's end beyond `remainingBytes` (0 when it lasts). */
export function neededBytes(now: Date, remainingBytes: bigint, pace: number): bigint {
  const left = Math.max(0, startOfNextMonth(now).getTime() - now.getTime());
  const need = Math.ceil((pace * left) / DAY_MS) - Number(remainingBytes > 0n ? remainingBytes : 0n);
  return need > 0 ? BigInt(need) : 0n;
}

/** The cheapest package covering `needed` (a tie on price: the bigger one); or the largest when none does. */
export function adviceFor(needed: bigint, packages: ForecastPackage[]): Advice {
  if (needed <= 0n) return { kind: "NONE_NEEDED" };
  const covering = packages
    .filter((p) => p.quotaBytes >= needed)
    .sort((a, b) => (a.priceFen === b.priceFen ? Number(b.quotaBytes - a.quotaBytes) : a.priceFen < b.priceFen ? -1 : 1));
  if (covering[0]) return { kind: "BUY", package: covering[0], neededBytes: needed };
  const largest =
    [...packages].sort((a, b) => (a.quotaBytes === b.quotaBytes ? Number(a.priceFen - b.priceFen) : b.quotaBytes > a.quotaBytes ? 1 : -1))[0] ?? null;
  return { kind: "NONE_ENOUGH", largest, neededBytes: needed };
}

export function forecast(input: ForecastInput): Forecast {
  const { pace, historyDays } = paceOf(input.usage, input.historySince, input.now);
  const paceBytesPerDay = pace === null ? null : BigInt(Math.round(pace));
  if (input.remainingBytes <= 0n) {
    return { kind: "USED_UP", paceBytesPerDay, historyDays, advice: pace === null ? null : adviceFor(neededBytes(input.now, 0n, pace), input.packages) };
  }
  if (pace === null) return { kind: "NO_HISTORY", historyDays };
  const advice = adviceFor(neededBytes(input.now, input.remainingBytes, pace), input.packages);
  const at = runOutAt(input.now, input.remainingBytes, pace);
  if (!at) return { kind: "LASTS", paceBytesPerDay: paceBytesPerDay!, historyDays, advice: { kind: "NONE_NEEDED" } };
  return { kind: "RUNS_OUT", paceBytesPerDay: paceBytesPerDay!, historyDays, runOutAt: at, runOutDay: dayKey(at), advice };
}

/**
 * "With this package you will last until …": the Shanghai day the data runs out if `extraBytes`
 * were added now, or null when it lasts the month (or when there is no pace to tell).
 */
export function lastsUntilWith(
  input: { now: Date; remainingBytes: bigint; paceBytesPerDay: bigint | null },
  extraBytes: bigint,
): { lastsMonth: boolean; day: string | null; at: Date | null } | null {
  if (input.paceBytesPerDay === null) return null;
  const at = runOutAt(input.now, (input.remainingBytes > 0n ? input.remainingBytes : 0n) + extraBytes, Number(input.paceBytesPerDay));
  return at ? { lastsMonth: false, day: dayKey(at), at } : { lastsMonth: true, day: null, at: null };
}
