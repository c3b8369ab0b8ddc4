import "server-only";
// Who may go online, and at which rate. One query finds the student (by 学号, or by a MAC
// registered for MAC authentication, or by a MAC they signed in from while seamless login is on),
// their network credential, the device they call from, their quota and their live sessions (for
// the device limit: ./device-limit.service.ts signs the oldest out after the answer); PAP is
// checked here too, so FreeRADIUS needs one HTTP call per login
// (authorize answers control:Auth-Type := Accept). /api/radius/authenticate makes the same
// decision for set-ups that call rest from an `authenticate` section instead.
import { now as clockNow } from "@/lib/clock";
import { monthKey } from "@/lib/time";
import { checkNetworkPassword, hashNetworkPassword, needsRehash, rememberVerifiedPassword } from "@/modules/network/password";
import type { SpeedMode } from "@/modules/quota/rules";
import { getPolicyCached, speedStateFrom, type SpeedStateRow } from "@/modules/quota/service";
import { authorizeGuest } from "@/modules/guest/radius.service";
import { isGuestLogin } from "@/modules/guest/rules";
import { getServicePolicyCached } from "@/modules/policy/service";
import { scheduleDeviceLimit } from "./device-limit.service";
import { deviceLimitNotice, rejectMessages, throttledNotice, type RejectReason } from "./messages";
import { radiusConfig } from "./config";
import type { AccessRequest } from "./packets";
import { sql } from "./sql.service";
import { formatKbps, rateAttributes, rateFor, type Rate } from "./rates";

export type AuthDecision =
  | { accept: true; userId: string; speedMode: SpeedMode; rate: Rate; reply: Record<string, string | number | (string | number)[]> }
  | { accept: false; reason: RejectReason; messages: [string, string]; userId?: string };

interface Row extends SpeedStateRow {
  viaMac: boolean;
  userId: string;
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  passwordHash: string | null;
  failedAttempts: number | null;
  lockedUntil: Date | null;
  credentialExpiresAt: Date | null;
  credentialUpdatedAt: Date | null;
  deviceBlocked: boolean | null;
  /** signed in by MAC through seamless login (无感知认证), and that MAC is known under more than one student */
  seamlessAmbiguous: boolean;
  /** the student's live sessions (guest passes and this MAC's own session not counted), and the oldest of them */
  liveCount: number | null;
  oldestSessionId: string | null;
  oldestMac: string | null;
  oldestName: string | null;
}

function reject(reason: RejectReason, params: { lockedUntil?: Date; userId?: string } = {}): AuthDecision {
  return { accept: false, reason, messages: rejectMessages(reason, params), userId: params.userId };
}

/** Count a wrong password; the count restarts after a quiet window. Returns the lock, if this failure set one. */
async function recordFailure(userId: string, now: Date): Promise<Date | null> {
  const { lockoutAttempts, lockoutMinutes } = radiusConfig();
  const windowStart = new Date(now.getTime() - lockoutMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
  const [r] = await sql().$queryRaw<{ lockedUntil: Date | null }[]>`
    UPDATE "network_credentials" c SET "failedAttempts" = v.n,
      "lockedUntil" = CASE WHEN v.n >= ${lockoutAttempts} THEN ${lockUntil}::timestamptz ELSE NULL END,
      "updatedAt" = ${now}
    FROM (SELECT "userId",
            CASE WHEN "updatedAt" < ${windowStart} OR ("lockedUntil" IS NOT NULL AND "lockedUntil" <= ${now}) THEN 1 ELSE "failedAttempts" + 1 END AS n
          FROM "network_credentials" WHERE "userId" = ${userId}::uuid FOR UPDATE) v
    WHERE c."userId" = v."userId"
    RETURNING c."lockedUntil"`;
  return r?.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null;
}

/**
 * A password stored with other scrypt parameters than new ones get (decision 016) is rewritten
 * once it was checked right, off the answer's path. Only if it is still the same hash: a
 * password changed meanwhile (in any process) wins.
 */
async function rehash(userId: string, password: string, old: string): Promise<void> {
  const fresh = await hashNetworkPassword(password);
  const n = await sql().$executeRaw`
    UPDATE "network_credentials" SET "passwordHash" = ${fresh} WHERE "userId" = ${userId}::uuid AND "passwordHash" = ${old}`;
  if (n === 1) rememberVerifiedPassword(userId, password, fresh);
}

export async function authorizeAccess(req: AccessRequest, now = clockNow()): Promise<AuthDecision> {
  if (req.hasChallengeAuth && req.password === undefined) return reject("UNSUPPORTED_AUTH");
  // 访客码: `guest-<code>` with the pass's PIN takes its own branch (and query); the student path below stays one query.
  if (isGuestLogin(req.username)) return authorizeGuest(sql(), req, now);
  const deviceMac = req.callingMac ?? req.usernameMac;
  const [row] = await sql().$queryRaw<Row[]>`
    SELECT w."viaMac", u."id"::text AS "userId", u."status"::text AS "status",
           c."passwordHash", c."failedAttempts", c."lockedUntil", c."expiresAt" AS "credentialExpiresAt", c."updatedAt" AS "credentialUpdatedAt",
           d."blocked" AS "deviceBlocked",
           CASE WHEN w."pri" = 2 THEN (SELECT count(DISTINCT a."userId") FROM "devices" a WHERE a."mac" = ${req.usernameMac}) > 1 ELSE false END AS "seamlessAmbiguous",
           ls."liveCount", ls."oldestSessionId", ls."oldestMac", ls."oldestName",
           q."freeBytes", q."freeUsedBytes", h."quotaBytes", h."usedBytes", h."expiresAt", h."state"::text AS "state"
    FROM (SELECT "id", false AS "viaMac", 0 AS "pri" FROM "users" WHERE "studentNo" = ${req.username}
          UNION ALL
          SELECT "userId", true, 1 FROM "devices" WHERE ${req.usernameMac}::text IS NOT NULL AND "mac" = ${req.usernameMac} AND "macAuth"
          UNION ALL
          SELECT sd."userId", true, 2 FROM "devices" sd JOIN "users" su ON su."id" = sd."userId" AND su."seamlessLogin"
          WHERE ${req.usernameMac}::text IS NOT NULL AND sd."mac" = ${req.usernameMac} AND sd."lastSeenAt" IS NOT NULL) w
    JOIN "users" u ON u."id" = w."id"
    LEFT JOIN "network_credentials" c ON c."userId" = u."id"
    LEFT JOIN "devices" d ON d."userId" = u."id" AND d."mac" = ${deviceMac}
    LEFT JOIN "monthly_quotas" q ON q."userId" = u."id" AND q."month" = ${monthKey(now)}
    LEFT JOIN "package_holdings" h ON h."userId" = u."id" AND h."state" = 'ACTIVE'
    LEFT JOIN LATERAL (
      SELECT (count(*) OVER ())::int AS "liveCount", s."id"::text AS "oldestSessionId", s."mac" AS "oldestMac", od."name" AS "oldestName"
      FROM "radius_sessions" s LEFT JOIN "devices" od ON od."userId" = s."userId" AND od."mac" = s."mac"
      WHERE s."state" = 'ACTIVE' AND s."userId" = u."id" AND s."guestPassId" IS NULL AND (${deviceMac}::text IS NULL OR s."mac" IS DISTINCT FROM ${deviceMac})
      ORDER BY s."startedAt", s."id" LIMIT 1) ls ON true
    ORDER BY w."pri" LIMIT 1`;
  if (!row) return reject("BAD_CREDENTIALS");

  if (!row.viaMac) {
    if (!row.passwordHash) return reject("NO_NETWORK_PASSWORD", { userId: row.userId });
    if (row.lockedUntil && row.lockedUntil > now) return reject("LOCKED", { lockedUntil: row.lockedUntil, userId: row.userId });
    // A temporary password from the network office (modules/helpdesk) works until the student sets their own or it expires.
    if (row.credentialExpiresAt && row.credentialExpiresAt <= now) return reject("PASSWORD_EXPIRED", { userId: row.userId });
    if (req.password === undefined) return reject("BAD_CREDENTIALS", { userId: row.userId });
    const ok = await checkNetworkPassword(row.userId, req.password, row.passwordHash);
    if (!ok) {
      const locked = await recordFailure(row.userId, now);
      return locked ? reject("LOCKED", { lockedUntil: locked, userId: row.userId }) : reject("BAD_CREDENTIALS", { userId: row.userId });
    }
    if (needsRehash(row.passwordHash))
      void rehash(row.userId, req.password, row.passwordHash).catch((e) => console.error("[radius] password rehash failed:", e));
    if (row.failedAttempts) {
      await sql()
        .$executeRaw`UPDATE "network_credentials" SET "failedAttempts" = 0, "lockedUntil" = NULL, "updatedAt" = ${now} WHERE "userId" = ${row.userId}::uuid`;
    }
  }
  if (row.seamlessAmbiguous) return reject("SEAMLESS_AMBIGUOUS", { userId: row.userId });
  if (row.status === "PAUSED") return reject("PAUSED", { userId: row.userId });
  // CLOSED: graduated and settled (modules/lifecycle); refused like a suspension
  if (row.status === "SUSPENDED" || row.status === "CLOSED") return reject("SUSPENDED", { userId: row.userId });
  if (row.deviceBlocked) return reject("DEVICE_BLOCKED", { userId: row.userId });

  const policy = await getPolicyCached(sql());
  const { speedMode } = speedStateFrom(row, policy, now);
  const rate = rateFor(speedMode, policy);
  const config = radiusConfig();
  const reply: Record<string, string | number | (string | number)[]> = { ...rateAttributes(rate, config.rateTemplate) };
  if (config.interimInterval > 0) reply["Acct-Interim-Interval"] = config.interimInterval;
  if (speedMode === "THROTTLED") reply["Reply-Message"] = throttledNotice(formatKbps(rate.downKbps));
  // Past the device limit: accepted; the oldest session is signed out after this answer, and the student is told which.
  const { deviceLimit } = await getServicePolicyCached(sql());
  if (deviceLimit > 0 && row.oldestSessionId && (row.liveCount ?? 0) >= deviceLimit) {
    const device = row.oldestName || row.oldestMac || row.oldestSessionId.slice(0, 8);
    reply["Reply-Message"] = [...((reply["Reply-Message"] as string[] | undefined) ?? []), ...deviceLimitNotice(device, deviceLimit)];
    scheduleDeviceLimit({
      userId: row.userId,
      sessionId: row.oldestSessionId,
      deviceName: row.oldestName,
      mac: row.oldestMac,
      limit: deviceLimit,
      newMac: deviceMac,
    });
  }
  return { accept: true, userId: row.userId, speedMode, rate, reply };
}
