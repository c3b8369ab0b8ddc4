import "server-only";
// The concurrent device limit (policy deviceLimit): a login beyond it is accepted, and the
// student's oldest live session is signed out with a Disconnect-Request, after the answer.
// authorizeAccess finds the count and the oldest session in its one query; this file does the
// rest: the Disconnect (modules/radius/coa.service.ts, as "take this device offline" does) and
// a notification naming the device. A retransmitted Access-Request for the same login finds
// the same oldest session: one Disconnect per session at a time.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { disconnectLiveSession, type SessionChangeOutcome } from "./coa.service";

export interface DeviceLimitHit {
  userId: string;
  /** the oldest live session, to sign out */
  sessionId: string;
  /** its device's name ("" if none) and MAC */
  deviceName: string | null;
  mac: string | null;
  limit: number;
  /** the MAC of the device that just signed in */
  newMac: string | null;
}

const inFlight = new Set<string>();
const running = new Set<Promise<unknown>>();

async function enforce(hit: DeviceLimitHit): Promise<SessionChangeOutcome | null> {
  if (inFlight.has(hit.sessionId)) return null;
  inFlight.add(hit.sessionId);
  try {
    const s = await db().radiusSession.findFirst({
      where: { id: hit.sessionId, userId: hit.userId, state: "ACTIVE" },
      select: { id: true, userId: true, username: true, acctSessionId: true, nasIp: true, framedIp: true, mac: true, speedMode: true },
    });
    if (!s) return null;
    const outcome = await disconnectLiveSession(s, "device-limit");
    if (outcome.result === "ACK") {
      await db().notification.createMany({
        data: [
          {
            userId: hit.userId,
            kind: "DEVICE_LIMIT",
            dedupeKey: `devicelimit:${s.id}`,
            data: { sessionId: s.id, mac: s.mac, deviceName: hit.deviceName || null, limit: hit.limit, newMac: hit.newMac },
            createdAt: clockNow(),
          },
        ],
        skipDuplicates: true,
      });
    }
    return outcome;
  } finally {
    inFlight.delete(hit.sessionId);
  }
}

/** Sign the oldest session out soon, off the answer's path. Never throws (failures are logged and in coa_requests). */
export function scheduleDeviceLimit(hit: DeviceLimitHit): void {
  const p = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => enforce(hit))
    .catch((e) => console.error(`[radius] device limit for ${hit.userId} (session ${hit.sessionId}) failed:`, e))
    .finally(() => running.delete(p));
  running.add(p);
}

/** Wait for the sign-outs under way (tests, graceful shutdown). */
export async function settleDeviceLimits(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
