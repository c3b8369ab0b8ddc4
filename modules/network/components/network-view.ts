// Pure helpers for the network pages: DTOs that cross from server to client (bytes as
// decimal strings, times as ISO strings), durations, the month picker of 流量详情, terminate
// causes, password strength. No server-only imports: server components, client components
// and unit tests share them.
import { dayKey, monthKey, shiftMonthKey } from "@/lib/time";
import type { DeviceView, SessionView, SpeedExplanation } from "@/modules/network/service";
import type { SpeedMode } from "@/modules/quota/rules";

// ── DTOs ──────────────────────────────────────────────────────────────────────────────────

export interface SessionDto {
  id: string;
  state: "ACTIVE" | "STOPPED";
  deviceName: string | null;
  mac: string | null;
  framedIp: string | null;
  startedAt: string;
  lastUpdateAt: string;
  stoppedAt: string | null;
  terminateCause: string | null;
  uploadBytes: string;
  downloadBytes: string;
  speedMode: SpeedMode | null;
}

export function toSessionDto(s: SessionView): SessionDto {
  return {
    id: s.id,
    state: s.state,
    deviceName: s.deviceName,
    mac: s.mac,
    framedIp: s.framedIp,
    startedAt: s.startedAt.toISOString(),
    lastUpdateAt: s.lastUpdateAt.toISOString(),
    stoppedAt: s.stoppedAt ? s.stoppedAt.toISOString() : null,
    terminateCause: s.terminateCause,
    uploadBytes: s.uploadBytes.toString(),
    downloadBytes: s.downloadBytes.toString(),
    speedMode: s.speedMode,
  };
}

export interface SpeedDto {
  status: SpeedExplanation["status"];
  speedMode: SpeedMode;
  reason: SpeedExplanation["reason"];
  rate: { upKbps: number; downKbps: number };
  attributes: [string, string][];
  highSpeed: { upKbps: number; downKbps: number };
  freeBytes: string;
  freeRemainingBytes: string;
  package: null | { nameZh: string; nameEn: string; quotaBytes: string; remainingBytes: string; expiresAt: string };
  totalRemainingBytes: string;
  resetsAt: string;
  /** live sessions whose NAS has not been told the current rate yet (a CoA is on its way) */
  outOfStep: number;
}

const nonNegative = (b: bigint) => (b < 0n ? 0n : b).toString();

export function toSpeedDto(e: SpeedExplanation): SpeedDto {
  const pkg = e.quota.package;
  return {
    status: e.status,
    speedMode: e.speedMode,
    reason: e.reason,
    rate: e.rate,
    attributes: Object.entries(e.attributes).map(([k, v]) => [k, String(v)]),
    highSpeed: e.highSpeed,
    freeBytes: e.quota.freeBytes.toString(),
    freeRemainingBytes: nonNegative(e.quota.freeRemainingBytes),
    package: pkg
      ? {
          nameZh: pkg.nameZh,
          nameEn: pkg.nameEn,
          quotaBytes: pkg.quotaBytes.toString(),
          remainingBytes: nonNegative(pkg.remainingBytes),
          expiresAt: pkg.expiresAt.toISOString(),
        }
      : null,
    totalRemainingBytes: nonNegative(e.quota.totalRemainingBytes),
    resetsAt: e.resetsAt.toISOString(),
    outOfStep: e.status === "ACTIVE" ? e.sessions.filter((s) => !s.inStep).length : 0,
  };
}

/** What /network polls every few seconds: the speed explanation and the sessions online now. */
export interface LiveNetworkDto {
  speed: SpeedDto;
  sessions: SessionDto[];
  at: string;
}

export interface DeviceDto {
  id: string;
  mac: string;
  name: string;
  macAuth: boolean;
  blocked: boolean;
  blockedAt: string | null;
  lastSeenAt: string | null;
  online: boolean;
  monthUploadBytes: string;
  monthDownloadBytes: string;
}

export function toDeviceDto(d: DeviceView): DeviceDto {
  return {
    ...d,
    blockedAt: d.blockedAt ? d.blockedAt.toISOString() : null,
    lastSeenAt: d.lastSeenAt ? d.lastSeenAt.toISOString() : null,
    monthUploadBytes: d.monthUploadBytes.toString(),
    monthDownloadBytes: d.monthDownloadBytes.toString(),
  };
}

// ── Labels ────────────────────────────────────────────────────────────────────────────────

/** A device's name, else its MAC, else null (the UI then says "unknown device"). */
export function deviceLabel(d: { deviceName?: string | null; name?: string | null; mac: string | null }): string | null {
  const name = (d.deviceName ?? d.name ?? "").trim();
  if (name) return name;
  return d.mac ?? null;
}

export type DurationParts =
  { key: "lessThanMinute" } | { key: "minutes"; m: number } | { key: "hours"; h: number; m: number } | { key: "days"; d: number; h: number };

/** A duration as message parts: "< 1 min", "25 min", "2 h 5 min", "3 d 4 h". */
export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes < 1) return { key: "lessThanMinute" };
  if (totalMinutes < 60) return { key: "minutes", m: totalMinutes };
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return { key: "hours", h: totalHours, m: totalMinutes % 60 };
  return { key: "days", d: Math.floor(totalHours / 24), h: totalHours % 24 };
}

/** RADIUS Acct-Terminate-Cause values (RFC 2866) a student may see, as message keys. */
const TERMINATE_CAUSES = [
  "User-Request",
  "Lost-Carrier",
  "Lost-Service",
  "Idle-Timeout",
  "Session-Timeout",
  "Admin-Reset",
  "Admin-Reboot",
  "Port-Error",
  "NAS-Error",
  "NAS-Request",
  "NAS-Reboot",
  "Port-Unneeded",
  "Port-Preempted",
  "Port-Suspended",
  "Service-Unavailable",
  "Callback",
  "User-Error",
  "Host-Request",
] as const;
export type TerminateCauseKey = (typeof TERMINATE_CAUSES)[number] | "other";

/** "Lost-Carrier" → "Lost-Carrier"; "lost carrier" / "Lost_Carrier" too; anything unknown → "other". */
export function terminateCauseKey(cause: string | null): TerminateCauseKey | null {
  if (!cause) return null;
  const norm = cause
    .trim()
    .replace(/[\s_]+/g, "-")
    .toLowerCase();
  return TERMINATE_CAUSES.find((c) => c.toLowerCase() === norm) ?? "other";
}

// ── 流量详情: month picker and pagination ──────────────────────────────────────────────────

export const USAGE_MONTHS = 6;
export const SESSIONS_PER_PAGE = 20;

/** The last `count` billing months (Asia/Shanghai), newest first: ["2026-12", "2026-11", …]. */
export function recentMonths(now: Date, count = USAGE_MONTHS): string[] {
  const current = monthKey(now);
  return Array.from({ length: count }, (_, i) => shiftMonthKey(current, -i));
}

/** `?month=` → one of the recent months; anything else (missing, malformed, too old) → this month. */
export function parseMonthParam(value: string | string[] | undefined, months: string[]): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && months.includes(raw.trim()) ? raw.trim() : months[0]!;
}

/** "/network/usage", "/network/usage?month=2026-11", "/network/usage?month=2026-11&page=2". */
export function usageHref(month: string, page = 1, currentMonth?: string): string {
  const params = new URLSearchParams();
  if (month !== currentMonth) params.set("month", month);
  if (page > 1) params.set("page", String(page));
  const q = params.toString();
  return q ? `/network/usage?${q}` : "/network/usage";
}

// ── Network password strength ─────────────────────────────────────────────────────────────

export type PasswordHint = "longer" | "mixCase" | "symbol" | "notCommon" | "noRepeats";
export interface PasswordStrength {
  /** 0 empty / invalid, 1 weak, 2 fair, 3 good, 4 strong */
  score: 0 | 1 | 2 | 3 | 4;
  hints: PasswordHint[];
}

const COMMON = /^(password|passw0rd|qwerty|abc123|admin|campus|iloveyou|welcome|letmein|123456|woaini|zhang|wang|li)/i;

/**
 * A strength estimate for the hints next to the form (the rules themselves are enforced by
 * networkPasswordSchema). Length counts most; a mix of character kinds helps; obvious words,
 * long repeats and the student number make it weak.
 */
export function passwordStrength(password: string, studentNo?: string): PasswordStrength {
  if (!password) return { score: 0, hints: [] };
  const hints: PasswordHint[] = [];
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  let points = password.length >= 16 ? 3 : password.length >= 12 ? 2 : password.length >= 8 ? 1 : 0;
  points += kinds >= 4 ? 2 : kinds === 3 ? 1 : 0;
  if (password.length < 12) hints.push("longer");
  if (!(/[a-z]/.test(password) && /[A-Z]/.test(password))) hints.push("mixCase");
  if (!/[^A-Za-z0-9]/.test(password)) hints.push("symbol");
  const repeats = /(.)\1{2,}/.test(password) || /(0123|1234|2345|3456|4567|5678|6789|abcd|bcde)/i.test(password);
  if (repeats) {
    points -= 1;
    hints.push("noRepeats");
  }
  if (COMMON.test(password) || (studentNo && studentNo.length >= 4 && password.includes(studentNo))) {
    points -= 2;
    hints.push("notCommon");
  }
  if (password.length < 8) return { score: 1, hints };
  const score = Math.max(1, Math.min(4, points)) as 1 | 2 | 3 | 4;
  return { score, hints };
}

// ── Quota alerts ──────────────────────────────────────────────────────────────────────────

export interface AlertDto {
  id: string;
  threshold: 80 | 100;
  month: string | null;
  usedBytes: string | null;
  grantedBytes: string | null;
  createdAt: string;
  read: boolean;
}

/** A notification row as an alert; null for kinds this view does not know. */
export function toAlertDto(n: { id: string; kind: string; data: unknown; createdAt: Date; readAt: Date | null }): AlertDto | null {
  const threshold = n.kind === "QUOTA_80" ? 80 : n.kind === "QUOTA_100" ? 100 : null;
  if (!threshold) return null;
  const data = (typeof n.data === "object" && n.data !== null ? n.data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  return {
    id: n.id,
    threshold,
    month: str(data.month),
    usedBytes: str(data.usedBytes),
    grantedBytes: str(data.grantedBytes),
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}

// ── Times ─────────────────────────────────────────────────────────────────────────────────

const clockFormatters = new Map<string, Intl.DateTimeFormat>();
/** "21:04:05" in Asia/Shanghai: when a live panel was last refreshed. */
export function formatClock(at: Date | number | string, locale: string): string {
  let f = clockFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "Asia/Shanghai" });
    clockFormatters.set(locale, f);
  }
  return f.format(new Date(at));
}

type DurationTranslator = (key: "lessThanMinute" | "minutes" | "hours" | "days", values?: Record<string, number>) => string;

/** durationParts through a translator of the `network.duration` messages. */
export function formatDurationWith(t: DurationTranslator, ms: number): string {
  const p = durationParts(ms);
  if (p.key === "lessThanMinute") return t("lessThanMinute");
  if (p.key === "minutes") return t("minutes", { m: p.m });
  if (p.key === "hours") return t("hours", { h: p.h, m: p.m });
  return t("days", { d: p.d, h: p.h });
}

/** Whether two instants fall on the same Asia/Shanghai calendar day. */
export function sameShanghaiDay(a: Date | string, b: Date | string): boolean {
  return dayKey(new Date(a)) === dayKey(new Date(b));
}
