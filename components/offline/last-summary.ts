// The last balance, high-speed quota and speed mode a student saw online, kept on the device
// (localStorage) so that the app can show them offline with their age ("截至 21:05（离线）").
// Pure: no React, no storage access, so the parsing and the "as of" text are unit-tested.
import { formatDateTime, formatTime } from "@/lib/format";
import { dayKey } from "@/lib/time";

export const LAST_SUMMARY_KEY = "campusnet.lastSummary.v1";

export type SpeedMode = "HIGH_SPEED" | "THROTTLED";

export interface LastSummary {
  /** whose numbers these are: a shared phone never shows one student's balance to another */
  studentNo: string;
  /** integer fen as a decimal string (bigint does not survive JSON) */
  balanceFen: string;
  /** high-speed bytes left, integer string */
  quotaBytes: string;
  speedMode: SpeedMode;
  /** as the server formatted them in the page's language */
  balanceText: string;
  quotaText: string;
  /** ISO instant the server read the numbers */
  fetchedAt: string;
}

const INTEGER = /^-?\d{1,20}$/;
const MAX_TEXT = 64;

function isShortText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT;
}

/**
 * Reads what localStorage holds. Anything that is not a complete, well-formed summary of
 * this student (garbage, an old shape, another account's numbers) reads as nothing.
 */
export function parseLastSummary(raw: string | null | undefined, studentNo: string): LastSummary | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.studentNo !== studentNo) return null;
  if (typeof v.balanceFen !== "string" || !INTEGER.test(v.balanceFen)) return null;
  if (typeof v.quotaBytes !== "string" || !/^\d{1,20}$/.test(v.quotaBytes)) return null;
  if (v.speedMode !== "HIGH_SPEED" && v.speedMode !== "THROTTLED") return null;
  if (!isShortText(v.balanceText) || !isShortText(v.quotaText)) return null;
  if (typeof v.fetchedAt !== "string" || !Number.isFinite(Date.parse(v.fetchedAt))) return null;
  return {
    studentNo,
    balanceFen: v.balanceFen,
    quotaBytes: v.quotaBytes,
    speedMode: v.speedMode,
    balanceText: v.balanceText,
    quotaText: v.quotaText,
    fetchedAt: new Date(v.fetchedAt).toISOString(),
  };
}

export function serializeLastSummary(summary: LastSummary): string {
  return JSON.stringify(summary);
}

/**
 * When the numbers were read: "21:05" the same Asia/Shanghai day as `now`, otherwise with the
 * date ("2026/11/30 21:05"), so a balance from yesterday never looks like today's.
 */
export function formatAsOf(fetchedAt: Date, now: Date, locale: string): string {
  return dayKey(fetchedAt) === dayKey(now) ? formatTime(fetchedAt, locale) : formatDateTime(fetchedAt, locale);
}
