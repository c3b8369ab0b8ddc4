// Pure rules of the monthly statement (月账单): which months may be asked for, how the wallet's
// entries of a month group into lines, and how the month's data splits into free and package.
// No server-only imports: the service, the pages and the unit tests share it.
import { monthKey, shiftMonthKey } from "@/lib/time";

/** Months a student can pick at most (the picker; older months still open by URL). */
export const MAX_PICKER_MONTHS = 24;

export type StatementRefusal = "INVALID_MONTH" | "FUTURE_MONTH" | "BEFORE_ACCOUNT";

/** "YYYY-MM" with a real month, years 2000–2999. */
export function isMonthKey(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}$/.test(value)) return false;
  const [y, m] = value.split("-").map(Number) as [number, number];
  return y >= 2000 && y <= 2999 && m >= 1 && m <= 12;
}

/** Why `month` cannot be shown (null when it can): months since the account existed, up to the current one. */
export function refuseMonth(month: unknown, accountSince: Date, now: Date): StatementRefusal | null {
  if (!isMonthKey(month)) return "INVALID_MONTH";
  if (month > monthKey(now)) return "FUTURE_MONTH";
  if (month < monthKey(accountSince)) return "BEFORE_ACCOUNT";
  return null;
}

/** The months a student can choose, newest first: the current one back to the account's first (at most MAX_PICKER_MONTHS). */
export function statementMonths(accountSince: Date, now: Date): string[] {
  const first = monthKey(accountSince);
  const out: string[] = [];
  for (let m = monthKey(now); m >= first && out.length < MAX_PICKER_MONTHS; m = shiftMonthKey(m, -1)) out.push(m);
  return out;
}

/** The month a bare /statement opens: last month, or the current one for an account younger than that. */
export function defaultStatementMonth(accountSince: Date, now: Date): string {
  const last = shiftMonthKey(monthKey(now), -1);
  return last < monthKey(accountSince) ? monthKey(now) : last;
}

/** The statement's line a wallet entry belongs to: its journal kind, appeal refunds apart (a REVERSAL keyed appeal:…). */
export type LineKind = "OPENING" | "RECHARGE" | "EXCHANGE" | "REFUND" | "APPEAL_REFUND" | "REVERSAL" | "ADJUSTMENT";
export const LINE_ORDER: readonly LineKind[] = ["OPENING", "RECHARGE", "EXCHANGE", "REFUND", "APPEAL_REFUND", "REVERSAL", "ADJUSTMENT"];

export function lineKindOf(entry: { kind: string; idempotencyKey: string }): LineKind {
  if (entry.kind === "REVERSAL" && entry.idempotencyKey.startsWith("appeal:")) return "APPEAL_REFUND";
  return (LINE_ORDER as readonly string[]).includes(entry.kind) ? (entry.kind as LineKind) : "ADJUSTMENT";
}

export interface StatementLine {
  kind: LineKind;
  /** money into the wallet (≥ 0) and out of it (≤ 0), in fen */
  inFen: bigint;
  outFen: bigint;
  count: number;
}

/** The month's lines in a fixed order, only those with entries; a line may carry both directions (a reversal of either). */
export function groupLines(entries: { kind: string; idempotencyKey: string; amountFen: bigint }[]): StatementLine[] {
  const by = new Map<LineKind, StatementLine>();
  for (const e of entries) {
    const kind = lineKindOf(e);
    const line = by.get(kind) ?? { kind, inFen: 0n, outFen: 0n, count: 0 };
    if (e.amountFen >= 0n) line.inFen += e.amountFen;
    else line.outFen += e.amountFen;
    line.count++;
    by.set(kind, line);
  }
  return LINE_ORDER.flatMap((k) => (by.has(k) ? [by.get(k)!] : []));
}

/**
 * The month's data split (decision 017). Free quota used is counted exactly (monthly_quotas).
 * Package data per month is not counted anywhere (a holding's usedBytes runs across months),
 * so it is derived: traffic beyond the free quota, at most what the packages held in the month
 * have used in all. The rest is throttled traffic (after both ran out).
 */
export function splitData(totalBytes: bigint, freeUsedBytes: bigint, holdingsUsedBytes: bigint) {
  const beyondFree = totalBytes > freeUsedBytes ? totalBytes - freeUsedBytes : 0n;
  const packageUsedBytes = beyondFree < holdingsUsedBytes ? beyondFree : holdingsUsedBytes > 0n ? holdingsUsedBytes : 0n;
  return { freeUsedBytes, packageUsedBytes, throttledBytes: beyondFree - packageUsedBytes };
}
