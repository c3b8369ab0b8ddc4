import "server-only";
import { now as clockNow } from "@/lib/clock";
import { hitRateLimit } from "@/modules/ratelimit/service";
// The student's side of the network: the network password (PAP at the portal), devices and
// MAC authentication, live sessions and usage details (流量详情), "why am I slow?", lost
// devices (挂失); 停机保号 is modules/pauses. Everything that changes what the network should do right now
// sends a CoA / Disconnect through modules/radius/coa.service.ts.
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { monthKey, monthStart, shiftMonthKey } from "@/lib/time";
import type { SpeedMode } from "@/modules/quota/rules";
import { getPolicyCached, getQuotaSummary, type QuotaSummary } from "@/modules/quota/service";
import { disconnectLiveSession, liveSessionsOf, type SessionChangeOutcome } from "@/modules/radius/coa.service";
import { radiusConfig } from "@/modules/radius/config";
import { rateAttributes, rateFor } from "@/modules/radius/rates";
import { recordAudit } from "@/modules/audit/service";
import { hashNetworkPassword } from "./password";
import { deviceNameSchema, listSessionsSchema, macSchema, networkPasswordSchema, type ListSessionsInput } from "./schemas";

/** At most this many devices per student may sign in by MAC alone. */
export const MAX_MAC_DEVICES = 5;
/** Network password changes per student per hour. */
export const PASSWORD_CHANGES_PER_HOUR = 5;

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new AppError("VALIDATION", { reason: r.error.issues[0]?.message ?? "invalid" });
  return r.data;
}

// ── Network password ───────────────────────────────────────────────────────────────────────

export interface NetworkCredentialStatus {
  hasPassword: boolean;
  updatedAt: Date | null;
  /** network login locked after wrong passwords, until then */
  lockedUntil: Date | null;
}

export async function getNetworkCredentialStatus(userId: string, now = clockNow()): Promise<NetworkCredentialStatus> {
  const c = await db().networkCredential.findUnique({ where: { userId }, select: { updatedAt: true, lockedUntil: true } });
  return { hasPassword: !!c, updatedAt: c?.updatedAt ?? null, lockedUntil: c?.lockedUntil && c.lockedUntil > now ? c.lockedUntil : null };
}

/**
 * Set or reset the network password (8–64 printable ASCII characters with a letter and a
 * digit). Rate-limited; clears a lock-out, since the student proved who they are by SSO.
 */
export async function setNetworkPassword(userId: string, password: string): Promise<{ updatedAt: Date }> {
  const pw = parse(networkPasswordSchema, password);
  await hitRateLimit(`netpw:${userId}`, PASSWORD_CHANGES_PER_HOUR, 3600_000);
  const passwordHash = await hashNetworkPassword(pw);
  const c = await db().networkCredential.upsert({
    where: { userId },
    create: { userId, passwordHash },
    update: { passwordHash, failedAttempts: 0, lockedUntil: null, expiresAt: null },
    select: { updatedAt: true },
  });
  await recordAudit({ actorId: userId, subjectId: userId, action: "network.password.set", data: {} });
  return c;
}

// ── Devices ────────────────────────────────────────────────────────────────────────────────

export interface DeviceView {
  id: string;
  mac: string;
  /** "" when the student has not named it (the UI shows the MAC) */
  name: string;
  macAuth: boolean;
  blocked: boolean;
  blockedAt: Date | null;
  lastSeenAt: Date | null;
  online: boolean;
  /** this billing month, from the per-device daily rollups */
  monthUploadBytes: bigint;
  monthDownloadBytes: bigint;
}

const deviceSelect = { id: true, mac: true, name: true, macAuth: true, blocked: true, blockedAt: true, lastSeenAt: true } as const;

/** Registered and seen devices, with this month's usage per device; online ones first. */
export async function listDevices(userId: string, now = clockNow()): Promise<DeviceView[]> {
  const month = monthKey(now);
  const from = new Date(`${month}-01T00:00:00Z`);
  const to = new Date(`${shiftMonthKey(month, 1)}-01T00:00:00Z`);
  const [devices, usage, live] = await Promise.all([
    db().device.findMany({ where: { userId }, select: deviceSelect, orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }] }),
    db().$queryRaw<{ mac: string; up: bigint; down: bigint }[]>`
      SELECT "mac", SUM("uploadBytes")::bigint AS "up", SUM("downloadBytes")::bigint AS "down" FROM "device_daily_usage"
      WHERE "userId" = ${userId}::uuid AND "day" >= ${from}::date AND "day" < ${to}::date GROUP BY "mac"`,
    db().radiusSession.findMany({ where: { userId, state: "ACTIVE" }, select: { mac: true } }),
  ]);
  const byMac = new Map(usage.map((u) => [u.mac, u]));
  const online = new Set(live.map((s) => s.mac));
  return devices
    .map((d) => ({ ...d, online: online.has(d.mac), monthUploadBytes: byMac.get(d.mac)?.up ?? 0n, monthDownloadBytes: byMac.get(d.mac)?.down ?? 0n }))
    .sort((a, b) => Number(b.online) - Number(a.online));
}

async function ownDevice(userId: string, deviceId: string) {
  const d = await db().device.findFirst({ where: { id: deviceId, userId }, select: deviceSelect });
  if (!d) throw new AppError("NOT_FOUND", { what: "device" });
  return d;
}

/** Register a device without a browser (console, TV) for MAC authentication: user name = its MAC. */
export async function registerMacDevice(userId: string, mac: string, name: string): Promise<DeviceView> {
  const m = parse(macSchema, mac);
  const n = parse(deviceNameSchema, name);
  const count = await db().device.count({ where: { userId, macAuth: true, NOT: { mac: m } } });
  if (count >= MAX_MAC_DEVICES) throw new AppError("DEVICE_LIMIT", { max: MAX_MAC_DEVICES });
  const taken = await db().device.findFirst({ where: { mac: m, macAuth: true, NOT: { userId } }, select: { id: true } });
  if (taken) throw new AppError("MAC_IN_USE");
  try {
    await db().device.upsert({
      where: { userId_mac: { userId, mac: m } },
      create: { userId, mac: m, name: n, macAuth: true },
      update: { name: n, macAuth: true },
    });
  } catch (e) {
    // devices_mac_auth_unique: another account registered it a moment ago
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new AppError("MAC_IN_USE");
    if (String(e).includes("devices_mac_auth_unique")) throw new AppError("MAC_IN_USE");
    throw e;
  }
  await recordAudit({ actorId: userId, subjectId: userId, action: "network.device.register", data: { mac: m } });
  return (await listDevices(userId)).find((d) => d.mac === m)!;
}

export async function renameDevice(userId: string, deviceId: string, name: string): Promise<void> {
  const n = parse(deviceNameSchema, name);
  await ownDevice(userId, deviceId);
  await db().device.update({ where: { id: deviceId }, data: { name: n } });
}

/** Stop MAC authentication for a device (it stays listed with its usage). */
export async function unregisterMacDevice(userId: string, deviceId: string): Promise<void> {
  const d = await ownDevice(userId, deviceId);
  await db().device.update({ where: { id: deviceId }, data: { macAuth: false } });
  await recordAudit({ actorId: userId, subjectId: userId, action: "network.device.unregister", data: { mac: d.mac } });
}

/**
 * 挂失: "my device was lost". Blocks the MAC for this account (authorize refuses it, by
 * password or by MAC) and disconnects its live sessions now.
 */
export async function blockDevice(userId: string, deviceId: string): Promise<{ device: DeviceView; kicked: SessionChangeOutcome[] }> {
  const d = await ownDevice(userId, deviceId);
  await db().device.update({ where: { id: deviceId }, data: { blocked: true, blockedAt: clockNow() } });
  await recordAudit({ actorId: userId, subjectId: userId, action: "network.device.block", data: { mac: d.mac } });
  const sessions = (await liveSessionsOf(userId)).filter((s) => s.mac === d.mac);
  const kicked = await Promise.all(sessions.map((s) => disconnectLiveSession(s, "device-blocked")));
  const device = (await listDevices(userId)).find((x) => x.id === deviceId)!;
  return { device, kicked };
}

export async function unblockDevice(userId: string, deviceId: string): Promise<void> {
  const d = await ownDevice(userId, deviceId);
  await db().device.update({ where: { id: deviceId }, data: { blocked: false, blockedAt: null } });
  await recordAudit({ actorId: userId, subjectId: userId, action: "network.device.unblock", data: { mac: d.mac } });
}

// ── Seamless login (无感知认证) ──────────────────────────────────────────────────────────────

/**
 * While on, a device this student has signed in from (listed with a last-seen time) may sign in
 * by its MAC alone, with no portal page: modules/radius/authorize.service.ts reads the flag on
 * every login, so turning it off stops it for the next login. A MAC also seen under another
 * student is ambiguous and never signs in this way; a blocked device never does.
 */
export async function setSeamlessLogin(userId: string, on: boolean, opts: { actorId?: string; reason?: string } = {}): Promise<{ seamlessLogin: boolean }> {
  const r = await db().user.updateMany({ where: { id: userId, seamlessLogin: !on }, data: { seamlessLogin: on } });
  if (r.count === 1)
    await recordAudit({
      actorId: opts.actorId ?? userId,
      subjectId: userId,
      action: on ? "network.seamless.on" : "network.seamless.off",
      data: opts.reason ? { reason: opts.reason } : {},
    });
  else if (!(await db().user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new AppError("NOT_FOUND", { what: "user" });
  return { seamlessLogin: on };
}

/** Staff (the admin console, issue 12) turn a student's seamless login off or on, with a reason; the caller checks the ability. */
export async function setSeamlessLoginByStaff(staffId: string, userId: string, on: boolean, reason: string): Promise<{ seamlessLogin: boolean }> {
  const why = reason.trim();
  if (!why) throw new AppError("VALIDATION", { reason: "reason_required" });
  return setSeamlessLogin(userId, on, { actorId: staffId, reason: why.slice(0, 500) });
}

export interface SeamlessStatus {
  on: boolean;
  /** MACs of this student's devices that are also known under another student: they cannot sign in seamlessly */
  ambiguousMacs: string[];
}

export async function getSeamlessStatus(userId: string): Promise<SeamlessStatus> {
  const [u, shared] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { seamlessLogin: true } }),
    db().$queryRaw<{ mac: string }[]>`
      SELECT DISTINCT d."mac" FROM "devices" d JOIN "devices" o ON o."mac" = d."mac" AND o."userId" <> d."userId"
      WHERE d."userId" = ${userId}::uuid`,
  ]);
  if (!u) throw new AppError("NOT_FOUND", { what: "user" });
  return { on: u.seamlessLogin, ambiguousMacs: shared.map((r) => r.mac).sort() };
}

// ── Sessions ───────────────────────────────────────────────────────────────────────────────

export interface SessionView {
  id: string;
  state: "ACTIVE" | "STOPPED";
  deviceName: string | null;
  mac: string | null;
  framedIp: string | null;
  nasIp: string;
  startedAt: Date;
  lastUpdateAt: Date;
  stoppedAt: Date | null;
  terminateCause: string | null;
  /** input = the student's upload, output = download */
  uploadBytes: bigint;
  downloadBytes: bigint;
  /** the rate profile the NAS was last told for this session */
  speedMode: SpeedMode | null;
}

const sessionViewSelect = {
  id: true,
  state: true,
  mac: true,
  framedIp: true,
  nasIp: true,
  startedAt: true,
  lastUpdateAt: true,
  stoppedAt: true,
  terminateCause: true,
  inputOctets: true,
  outputOctets: true,
  speedMode: true,
} as const;

async function withDeviceNames(userId: string, rows: Prisma.RadiusSessionGetPayload<{ select: typeof sessionViewSelect }>[]): Promise<SessionView[]> {
  const macs = [...new Set(rows.map((r) => r.mac).filter((m): m is string => !!m))];
  const devices = macs.length ? await db().device.findMany({ where: { userId, mac: { in: macs } }, select: { mac: true, name: true } }) : [];
  const names = new Map(devices.map((d) => [d.mac, d.name]));
  return rows.map(({ inputOctets, outputOctets, ...r }) => ({
    ...r,
    deviceName: r.mac ? (names.get(r.mac) ?? null) : null,
    uploadBytes: inputOctets,
    downloadBytes: outputOctets,
  }));
}

/** Sessions online now (device name, IP, MAC, since, bytes). */
export async function listLiveSessions(userId: string): Promise<SessionView[]> {
  const rows = await db().radiusSession.findMany({ where: { userId, state: "ACTIVE" }, select: sessionViewSelect, orderBy: { startedAt: "desc" } });
  return withDeviceNames(userId, rows);
}

export interface SessionPage {
  month: string;
  page: number;
  pageSize: number;
  total: number;
  items: SessionView[];
}

/** 流量详情: sessions started in a billing month (default: this one), newest first. */
export async function listSessions(userId: string, input: ListSessionsInput = {}, now = clockNow()): Promise<SessionPage> {
  const q = parse(listSessionsSchema, input);
  const month = q.month ?? monthKey(now);
  const where = { userId, startedAt: { gte: monthStart(month), lt: monthStart(shiftMonthKey(month, 1)) } };
  // Live and recently stopped sessions are in radius_sessions, older ones in the month-partitioned
  // history (decision 014): the page is the newest of both, merged.
  const upTo = q.page * q.pageSize;
  const [hot, old, hotTotal, oldTotal] = await Promise.all([
    db().radiusSession.findMany({ where, select: sessionViewSelect, orderBy: { startedAt: "desc" }, take: upTo }),
    db().radiusSessionHistory.findMany({ where, select: sessionViewSelect, orderBy: { startedAt: "desc" }, take: upTo }),
    db().radiusSession.count({ where }),
    db().radiusSessionHistory.count({ where }),
  ]);
  const rows = [...hot, ...old].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(upTo - q.pageSize, upTo);
  return { month, page: q.page, pageSize: q.pageSize, total: hotTotal + oldTotal, items: await withDeviceNames(userId, rows) };
}

/**
 * "Take this device offline": Disconnect-Request to the session's NAS. With `userId`, the
 * session must be that student's (the UI passes the signed-in user; admins may omit it).
 */
export async function disconnectSession(sessionId: string, reason: string, opts: { userId?: string } = {}): Promise<SessionChangeOutcome> {
  const s = await db().radiusSession.findFirst({
    where: { id: sessionId, ...(opts.userId ? { userId: opts.userId } : {}) },
    select: { id: true, userId: true, username: true, acctSessionId: true, nasIp: true, framedIp: true, speedMode: true, state: true },
  });
  if (!s) throw new AppError("NOT_FOUND", { what: "session" });
  if (s.state !== "ACTIVE") return { sessionId, kind: "DISCONNECT", result: "ACK" };
  const outcome = await disconnectLiveSession(s, reason);
  if (s.userId)
    await recordAudit({
      actorId: opts.userId ?? null,
      subjectId: s.userId,
      action: "network.session.disconnect",
      data: { sessionId, reason, result: outcome.result },
    });
  return outcome;
}

// ── Why am I slow? ─────────────────────────────────────────────────────────────────────────

export interface SpeedExplanation {
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  speedMode: SpeedMode;
  reason: "QUOTA_LEFT" | "QUOTA_USED_UP" | "ACCOUNT_PAUSED" | "ACCOUNT_SUSPENDED";
  /** the rate for the current mode, and the exact attributes sent to the network */
  rate: { upKbps: number; downKbps: number };
  attributes: Record<string, string | number>;
  highSpeed: { upKbps: number; downKbps: number };
  quota: QuotaSummary;
  /** when the free quota is granted again (start of next billing month, Asia/Shanghai) */
  resetsAt: Date;
  /** live sessions and whether the NAS already has the current rate */
  sessions: { id: string; deviceName: string | null; mac: string | null; speedMode: SpeedMode | null; inStep: boolean }[];
}

export async function getSpeedExplanation(userId: string, now = clockNow()): Promise<SpeedExplanation> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { status: true } });
  if (!user) throw new AppError("NOT_FOUND", { what: "user" });
  const [quota, policy, live] = await Promise.all([getQuotaSummary(userId, now), getPolicyCached(), listLiveSessions(userId)]);
  const rate = rateFor(quota.speedMode, policy);
  const reason =
    user.status === "PAUSED"
      ? "ACCOUNT_PAUSED"
      : user.status === "SUSPENDED" || user.status === "CLOSED"
        ? "ACCOUNT_SUSPENDED"
        : quota.speedMode === "THROTTLED"
          ? "QUOTA_USED_UP"
          : "QUOTA_LEFT";
  return {
    status: user.status,
    speedMode: quota.speedMode,
    reason,
    rate: { upKbps: rate.upKbps, downKbps: rate.downKbps },
    attributes: rateAttributes(rate, radiusConfig().rateTemplate),
    highSpeed: { upKbps: policy.highSpeedUpKbps, downKbps: policy.highSpeedDownKbps },
    quota,
    resetsAt: quota.resetsAt,
    sessions: live.map((s) => ({ id: s.id, deviceName: s.deviceName, mac: s.mac, speedMode: s.speedMode, inStep: s.speedMode === quota.speedMode })),
  };
}
