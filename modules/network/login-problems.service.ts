import "server-only";
// "Why couldn't I sign in?": the student's own last RADIUS rejections (radius_rejections,
// written by modules/radius/rejections.service.ts) and the devices the device limit signed
// out (DEVICE_LIMIT notifications), newest first, each with what to do about it.
import { now as clockNow } from "@/lib/clock";
import { listNotifications } from "@/modules/notifications/service";
import type { RejectReason } from "@/modules/radius/messages";
import { listRecentRejections } from "@/modules/radius/rejections.service";
import { getNetworkCredentialStatus } from "./service";

/** A student's own refusals (a guest pass's are its visitor's, not the student's), a device-limit sign-out, or a reason this page does not explain. */
export type LoginProblemKind = StudentRejectReason | "DEVICE_LIMIT" | "OTHER";
type StudentRejectReason = Exclude<RejectReason, `GUEST_${string}`>;

const KNOWN = new Set<string>([
  "BAD_CREDENTIALS",
  "NO_NETWORK_PASSWORD",
  "LOCKED",
  "PAUSED",
  "SUSPENDED",
  "DEVICE_BLOCKED",
  "UNSUPPORTED_AUTH",
  "SEAMLESS_AMBIGUOUS",
  "PASSWORD_EXPIRED",
] satisfies StudentRejectReason[]);

export interface LoginProblem {
  id: string;
  kind: LoginProblemKind;
  at: Date;
  /** the device's MAC, when the NAS sent one */
  mac: string | null;
  /** DEVICE_LIMIT: the name of the device signed out, and the limit */
  deviceName: string | null;
  limit: number | null;
}

export interface LoginProblems {
  items: LoginProblem[];
  /** network login locked after wrong passwords, until then (now) */
  lockedUntil: Date | null;
}

export async function getLoginProblems(userId: string, opts: { take?: number } = {}, now = clockNow()): Promise<LoginProblems> {
  const take = Math.min(Math.max(opts.take ?? 20, 1), 50);
  const [rejections, notifications, credential] = await Promise.all([
    listRecentRejections(userId, take),
    listNotifications(userId, { take: 100 }),
    getNetworkCredentialStatus(userId, now),
  ]);
  const items: LoginProblem[] = rejections.map((r) => ({
    id: `r${r.id}`,
    kind: KNOWN.has(r.reason) ? (r.reason as LoginProblemKind) : "OTHER",
    at: r.at,
    mac: r.mac,
    deviceName: null,
    limit: null,
  }));
  for (const n of notifications) {
    if (n.kind !== "DEVICE_LIMIT") continue;
    const d = (typeof n.data === "object" && n.data !== null ? n.data : {}) as Record<string, unknown>;
    items.push({
      id: `n${n.id}`,
      kind: "DEVICE_LIMIT",
      at: n.createdAt,
      mac: typeof d.mac === "string" ? d.mac : null,
      deviceName: typeof d.deviceName === "string" && d.deviceName ? d.deviceName : null,
      limit: typeof d.limit === "number" ? d.limit : null,
    });
  }
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { items: items.slice(0, take), lockedUntil: credential.lockedUntil };
}

/** How many problems in the last `days` days (the /network link's hint). */
export async function countRecentLoginProblems(userId: string, days = 7, now = clockNow()): Promise<number> {
  const since = now.getTime() - days * 86_400_000;
  const { items } = await getLoginProblems(userId, { take: 50 }, now);
  return items.filter((i) => i.at.getTime() >= since).length;
}
