import "server-only";
// Unknown RADIUS users (/admin/queues/unknown-radius): accounting for a user name no student holds.
// The accounting path records such a session and flags it (radius_sessions.unknownUser), never
// charging anyone (./accounting.service.ts): a NAS let someone online that this app did not
// authorize — a NAS with local users, a misconfigured realm, a test account. The queue groups the
// flagged sessions of the last UNKNOWN_USER_DAYS by user name; the fix is on the NAS (settings).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { recordAudit, type Actor } from "@/modules/audit/service";

/** How far back the queue looks (the hot sessions table keeps recent sessions; decision 014). */
export const UNKNOWN_USER_DAYS = 7;

export interface UnknownRadiusUserRow {
  username: string;
  sessions: number;
  live: number;
  lastSeenAt: Date;
  nasIps: string[];
}

const since = (now: Date) => new Date(now.getTime() - UNKNOWN_USER_DAYS * 86_400_000);

/** How many distinct unknown user names had sessions lately (the (unknownUser, startedAt) index finds them). */
export async function countUnknownRadiusUsers(now: Date = clockNow()): Promise<number> {
  const [r] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(DISTINCT "username")::bigint AS n FROM "radius_sessions" WHERE "unknownUser" AND "startedAt" >= ${since(now)}`;
  return Number(r?.n ?? 0n);
}

/** The unknown user names, most recently seen first; staff read what the NAS sent, so it is audited (`staff.read.queue`). */
export async function listUnknownRadiusUsers(staff: Actor, opts: { take?: number; now?: Date } = {}): Promise<UnknownRadiusUserRow[]> {
  const take = Math.min(Math.max(Math.trunc(opts.take ?? 100) || 100, 1), 200);
  const rows = await db().$queryRaw<{ username: string; sessions: bigint; live: bigint; lastSeenAt: Date; nasIps: string[] }[]>`
    SELECT "username", count(*)::bigint AS "sessions", count(*) FILTER (WHERE "state" = 'ACTIVE')::bigint AS "live",
           max("lastUpdateAt") AS "lastSeenAt", array_agg(DISTINCT "nasIp" ORDER BY "nasIp") AS "nasIps"
    FROM "radius_sessions" WHERE "unknownUser" AND "startedAt" >= ${since(opts.now ?? clockNow())}
    GROUP BY "username" ORDER BY max("lastUpdateAt") DESC, "username" LIMIT ${take}`;
  await recordAudit({ actorId: staff.id, action: "staff.read.queue", data: { queue: "unknown-radius", shown: rows.length } });
  return rows.map((r) => ({ username: r.username, sessions: Number(r.sessions), live: Number(r.live), lastSeenAt: r.lastSeenAt, nasIps: r.nasIps }));
}
