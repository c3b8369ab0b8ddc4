import "server-only";
// Change of Authorization: keep each live session's rate in step with its student's speed
// mode, and end sessions that must end (a paused account, a lost device, "take this device
// offline"). Every request and its outcome is a CoaRequest row. A CoA that is NAKed or not
// answered falls back to a Disconnect-Request: the student reconnects and gets the right
// rate from authorize. Sessions of one student are synced one sync at a time.
import { now as clockNow, wallMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import type { CoaKind, CoaResult } from "@/lib/generated/prisma/enums";
import type { SpeedMode } from "@/modules/quota/rules";
import { guestRate } from "@/modules/guest/rules";
import { getServicePolicyCached } from "@/modules/policy/service";
import { getPolicyCached, speedStateIn } from "@/modules/quota/service";
import { sendChange, type ChangeOutcome } from "./coa";
import { radiusConfig } from "./config";
import { rateAttributes, rateFor } from "./rates";

export interface LiveSessionRef {
  id: string;
  userId: string | null;
  username: string;
  acctSessionId: string;
  nasIp: string;
  framedIp: string | null;
  mac?: string | null;
  speedMode: SpeedMode | null;
  /** a visitor's session on a guest pass: it runs at the guest rate (modules/guest) */
  guestPassId?: string | null;
}

export interface SessionChangeOutcome {
  sessionId: string;
  kind: CoaKind;
  result: CoaResult;
  error?: string;
  /** set when a CoA failed and a Disconnect-Request followed */
  fallback?: { result: CoaResult; error?: string };
}

const sessionSelect = {
  id: true,
  userId: true,
  username: true,
  acctSessionId: true,
  nasIp: true,
  framedIp: true,
  mac: true,
  speedMode: true,
  guestPassId: true,
} as const;

const NAS_TTL_MS = 10_000;
const nasCache = new Map<string, { at: number; nas: { secret: string; coaPort: number } | null }>();
async function nasFor(ip: string) {
  const hit = nasCache.get(ip);
  if (hit && wallMs() - hit.at < NAS_TTL_MS) return hit.nas;
  const nas = await db().nasClient.findUnique({ where: { ipAddress: ip }, select: { secret: true, coaPort: true } });
  nasCache.set(ip, { at: wallMs(), nas });
  return nas;
}
/** For tests and the admin NAS editor. */
export function forgetNasCache(): void {
  nasCache.clear();
}

function identity(s: LiveSessionRef): [string, string | number][] {
  const attrs: [string, string | number][] = [
    ["User-Name", s.username],
    ["Acct-Session-Id", s.acctSessionId],
  ];
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s.nasIp)) attrs.push(["NAS-IP-Address", s.nasIp]);
  if (s.framedIp && /^\d{1,3}(\.\d{1,3}){3}$/.test(s.framedIp)) attrs.push(["Framed-IP-Address", s.framedIp]);
  return attrs;
}

async function send(s: LiveSessionRef, kind: CoaKind, reason: string, extra: [string, string | number][]): Promise<{ result: CoaResult; error?: string }> {
  const attributes = [...identity(s), ...extra];
  const row = await db().coaRequest.create({
    data: { sessionId: s.id, userId: s.userId, kind, reason, attributes: Object.fromEntries(attributes) },
    select: { id: true },
  });
  const nas = await nasFor(s.nasIp);
  let outcome: ChangeOutcome;
  if (!nas) {
    outcome = { result: "ERROR", error: `unknown NAS ${s.nasIp}: add it to the NAS list with its secret and CoA port`, ms: 0 };
  } else {
    outcome = await sendChange({ host: s.nasIp, port: nas.coaPort, secret: nas.secret, kind, attributes, timeoutMs: env.RADIUS_COA_TIMEOUT_MS });
  }
  await db().coaRequest.update({ where: { id: row.id }, data: { result: outcome.result, error: outcome.error ?? null, answeredAt: clockNow() } });
  if (outcome.result !== "ACK")
    console.warn(`[radius] ${kind} for session ${s.id} at ${s.nasIp}: ${outcome.result}${outcome.error ? ` (${outcome.error})` : ""}`);
  return { result: outcome.result, error: outcome.error };
}

/** Disconnect-Request for one session; on ACK the session is marked stopped until its Stop arrives. */
export async function disconnectLiveSession(s: LiveSessionRef, reason: string): Promise<SessionChangeOutcome> {
  const r = await send(s, "DISCONNECT", reason, []);
  if (r.result === "ACK") {
    await db().radiusSession.updateMany({
      where: { id: s.id, state: "ACTIVE" },
      data: { state: "STOPPED", stoppedAt: clockNow(), terminateCause: "Admin-Reset" },
    });
  }
  return { sessionId: s.id, kind: "DISCONNECT", ...r };
}

/** CoA-Request with the rate of `mode`; NAK or no answer → Disconnect-Request. */
export async function changeSessionRate(s: LiveSessionRef, mode: SpeedMode, reason: string): Promise<SessionChangeOutcome> {
  const policy = await getPolicyCached();
  const rate = rateFor(mode, policy);
  const attrs = Object.entries(rateAttributes(s.guestPassId ? guestRate(rate, await getServicePolicyCached()) : rate, radiusConfig().rateTemplate));
  const r = await send(s, "COA", reason, attrs);
  if (r.result === "ACK") {
    await db().radiusSession.update({ where: { id: s.id }, data: { speedMode: mode } });
    return { sessionId: s.id, kind: "COA", ...r };
  }
  // A NAS we do not know cannot take a Disconnect either: recorded once, retried on the next interim.
  if (r.result === "ERROR" && r.error?.startsWith("unknown NAS")) return { sessionId: s.id, kind: "COA", ...r };
  const d = await disconnectLiveSession(s, `fallback:${reason}`);
  return { sessionId: s.id, kind: "COA", ...r, fallback: { result: d.result, error: d.error } };
}

export async function liveSessionsOf(userId: string): Promise<LiveSessionRef[]> {
  return db().radiusSession.findMany({ where: { userId, state: "ACTIVE" }, select: sessionSelect, orderBy: { startedAt: "asc" } });
}

/**
 * Bring a student's live sessions in line with the account: disconnect them all when it is
 * not active; otherwise CoA every session whose NAS was told another rate (or never told).
 */
export async function syncUserSpeed(userId: string, reason: string): Promise<SessionChangeOutcome[]> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { status: true } });
  const sessions = await liveSessionsOf(userId);
  if (sessions.length === 0 || !user) return [];
  if (user.status !== "ACTIVE") return Promise.all(sessions.map((s) => disconnectLiveSession(s, reason)));
  const { speedMode } = await speedStateIn(db(), userId);
  return Promise.all(sessions.filter((s) => s.speedMode !== speedMode).map((s) => changeSessionRate(s, speedMode, reason)));
}

// One sync per student at a time; a request during a sync runs once more after it.
const syncing = new Map<string, { promise: Promise<SessionChangeOutcome[]>; again: string | null }>();

/**
 * Sync a student's sessions soon (now, or right after the sync already running). Never
 * throws: failures are logged and recorded in CoaRequest. The promise is for tests.
 */
export function scheduleSpeedSync(userId: string, reason: string): Promise<SessionChangeOutcome[]> {
  const current = syncing.get(userId);
  if (current) {
    current.again = reason;
    return current.promise;
  }
  const entry: { promise: Promise<SessionChangeOutcome[]>; again: string | null } = { promise: Promise.resolve([]), again: null };
  const run = async (why: string): Promise<SessionChangeOutcome[]> => {
    let out: SessionChangeOutcome[] = [];
    try {
      out = await syncUserSpeed(userId, why);
    } catch (e) {
      console.error(`[radius] speed sync for ${userId} failed:`, e);
    }
    if (entry.again) {
      const next = entry.again;
      entry.again = null;
      return out.concat(await run(next));
    }
    syncing.delete(userId);
    return out;
  };
  syncing.set(userId, entry);
  entry.promise = run(reason);
  return entry.promise;
}

/** Wait until every scheduled sync has finished (tests, graceful shutdown). */
export async function settleSpeedSyncs(): Promise<void> {
  while (syncing.size) await Promise.all([...syncing.values()].map((e) => e.promise));
}
