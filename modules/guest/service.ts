import "server-only";
// 访客码: a student issues a temporary network pass for a visitor. The visitor signs in as
// `guest-<code>` with a numeric PIN (shown once, stored as a scrypt hash); the pass runs at the
// policy's guest rate for at most guestPassMaxHours and guestPassMaxBytes, and its usage is
// charged to the issuer's quota (modules/radius/accounting.service.ts with ./radius.service.ts).
// At most guestPassMaxLive live passes per student. Issuing and revoking are audited.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MiB } from "@/lib/units";
import { recordAudit } from "@/modules/audit/service";
import { hashNetworkPassword } from "@/modules/network/password";
import { getServicePolicy } from "@/modules/policy/service";
import { disconnectLiveSession, type SessionChangeOutcome } from "@/modules/radius/coa.service";
import { guestLogin, guestPassState, newGuestCode, newGuestPin, type GuestPassState } from "./rules";

export interface IssueGuestPassInput {
  hours: number;
  /** data allowance; the policy's maximum when absent */
  bytes?: bigint;
  label?: string | null;
}

export interface IssuedGuestPass {
  id: string;
  code: string;
  login: string;
  /** shown once: only its hash is stored */
  pin: string;
  label: string | null;
  maxBytes: bigint;
  expiresAt: Date;
}

export interface GuestPassView {
  id: string;
  code: string;
  login: string;
  label: string | null;
  maxBytes: bigint;
  usedBytes: bigint;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: GuestPassState;
  /** visitors online on it now */
  liveSessions: number;
}

export interface GuestLimits {
  maxHours: number;
  maxBytes: bigint;
  maxLive: number;
}

const LABEL_MAX = 40;
const CODE_ATTEMPTS = 5;

function isCodeClash(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** The limits a student is shown next to the form (fresh, not cached). */
export async function getGuestLimits(): Promise<GuestLimits> {
  const p = await getServicePolicy();
  return { maxHours: p.guestPassMaxHours, maxBytes: p.guestPassMaxBytes, maxLive: p.guestPassMaxLive };
}

/**
 * Issue a pass valid from `now` for `hours` (1 … policy max) and `bytes` (1 MiB … policy max).
 * Only an ACTIVE account; at most guestPassMaxLive live passes (the student's row is locked while
 * they are counted, so two requests at once cannot both take the last place).
 */
export async function issueGuestPass(userId: string, input: IssueGuestPassInput, now = clockNow()): Promise<IssuedGuestPass> {
  const policy = await getServicePolicy();
  if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > policy.guestPassMaxHours)
    throw new AppError("GUEST_PASS_TOO_LONG", { max: policy.guestPassMaxHours });
  const maxBytes = input.bytes ?? policy.guestPassMaxBytes;
  if (maxBytes < MiB || maxBytes > policy.guestPassMaxBytes) throw new AppError("GUEST_PASS_TOO_MUCH_DATA", { maxMiB: Number(policy.guestPassMaxBytes / MiB) });
  const label = input.label?.trim().slice(0, LABEL_MAX) || null;
  const expiresAt = new Date(now.getTime() + input.hours * 3_600_000);
  const pin = newGuestPin();
  const pinHash = await hashNetworkPassword(pin);

  for (let attempt = 1; ; attempt++) {
    const code = newGuestCode();
    try {
      const id = await db().$transaction(async (tx) => {
        const [user] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "users" WHERE "id" = ${userId}::uuid FOR UPDATE`;
        if (!user) throw new AppError("NOT_FOUND", { what: "user" });
        if (user.status !== "ACTIVE") throw new AppError("ACCOUNT_NOT_ACTIVE");
        const [counted] = await tx.$queryRaw<{ live: number }[]>`
          SELECT count(*)::int AS "live" FROM "guest_passes"
          WHERE "issuerId" = ${userId}::uuid AND "revokedAt" IS NULL AND "expiresAt" > ${now} AND "usedBytes" < "maxBytes"`;
        if ((counted?.live ?? 0) >= policy.guestPassMaxLive) throw new AppError("GUEST_PASS_LIMIT", { max: policy.guestPassMaxLive });
        const pass = await tx.guestPass.create({
          data: { code, issuerId: userId, label, pinHash, maxBytes, expiresAt, createdAt: now },
          select: { id: true },
        });
        await recordAudit(
          { actorId: userId, subjectId: userId, action: "guest.pass.issue", data: { passId: pass.id, code, label, hours: input.hours, maxBytes, expiresAt } },
          tx,
        );
        return pass.id;
      });
      return { id, code, login: guestLogin(code), pin, label, maxBytes, expiresAt };
    } catch (e) {
      if (isCodeClash(e) && attempt < CODE_ATTEMPTS) continue;
      throw e;
    }
  }
}

async function revoke(
  passId: string,
  by: { actorId: string; issuerId?: string; reason?: string },
  now: Date,
): Promise<{ revokedAt: Date; disconnected: SessionChangeOutcome[] }> {
  const pass = await db().guestPass.findFirst({
    where: { id: passId, ...(by.issuerId ? { issuerId: by.issuerId } : {}) },
    select: { id: true, code: true, issuerId: true, revokedAt: true },
  });
  if (!pass) throw new AppError("NOT_FOUND", { what: "guestPass" });
  let revokedAt = pass.revokedAt;
  if (!revokedAt) {
    revokedAt = now;
    await db().$transaction(async (tx) => {
      const n = await tx.guestPass.updateMany({ where: { id: passId, revokedAt: null }, data: { revokedAt: now } });
      if (n.count === 1)
        await recordAudit(
          {
            actorId: by.actorId,
            subjectId: pass.issuerId,
            action: "guest.pass.revoke",
            data: { passId, code: pass.code, ...(by.reason ? { reason: by.reason, by: "staff" } : { by: "issuer" }) },
          },
          tx,
        );
    });
  }
  // A revoke repeated later retries the visitors still online (a Disconnect the NAS did not answer).
  const disconnected = await disconnectGuestSessions([{ id: passId, issuerId: pass.issuerId }], "guest-pass-revoked");
  return { revokedAt, disconnected };
}

/** The issuer revokes their pass: no new logins, and its visitors online now are disconnected. Idempotent. */
export async function revokeGuestPass(userId: string, passId: string, now = clockNow()) {
  return revoke(passId, { actorId: userId, issuerId: userId }, now);
}

/** Staff revoke any pass (the admin console); the reason goes into the audit record. */
export async function revokeGuestPassByStaff(staffId: string, passId: string, reason: string, now = clockNow()) {
  if (!reason.trim()) throw new AppError("REASON_REQUIRED");
  return revoke(passId, { actorId: staffId, reason: reason.trim() }, now);
}

/**
 * Disconnect-Request for every live session on these passes (revoked, used up, expired). A guest
 * session's userId is its issuer's, so the look-up goes through the (state, userId) index.
 */
export async function disconnectGuestSessions(passes: { id: string; issuerId: string }[], reason: string): Promise<SessionChangeOutcome[]> {
  if (passes.length === 0) return [];
  const sessions = await db().radiusSession.findMany({
    where: { state: "ACTIVE", userId: { in: [...new Set(passes.map((p) => p.issuerId))] }, guestPassId: { in: passes.map((p) => p.id) } },
    select: { id: true, userId: true, username: true, acctSessionId: true, nasIp: true, framedIp: true, mac: true, speedMode: true },
  });
  return Promise.all(sessions.map((s) => disconnectLiveSession(s, reason)));
}

/** The student's passes: live ones first (soonest to expire), then the last `pastLimit` others. */
export async function listGuestPasses(userId: string, now = clockNow(), pastLimit = 20): Promise<{ live: GuestPassView[]; past: GuestPassView[] }> {
  const rows = await db().guestPass.findMany({
    where: { issuerId: userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, code: true, label: true, maxBytes: true, usedBytes: true, createdAt: true, expiresAt: true, revokedAt: true },
  });
  const online = rows.length
    ? await db().radiusSession.groupBy({ by: ["guestPassId"], where: { state: "ACTIVE", userId, guestPassId: { in: rows.map((r) => r.id) } }, _count: true })
    : [];
  const counts = new Map(online.map((o) => [o.guestPassId, o._count]));
  const views = rows.map((r) => ({ ...r, login: guestLogin(r.code), state: guestPassState(r, now), liveSessions: counts.get(r.id) ?? 0 }));
  const live = views.filter((v) => v.state === "LIVE").sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  const past = views.filter((v) => v.state !== "LIVE").slice(0, pastLimit);
  return { live, past };
}

/** For the usage page: passes issued in [from, to) with what their visitors used (charged to this student). */
export async function listGuestUsage(
  userId: string,
  from: Date,
  to: Date,
): Promise<{ id: string; label: string | null; code: string; usedBytes: bigint; createdAt: Date; expiresAt: Date }[]> {
  return db().guestPass.findMany({
    where: { issuerId: userId, createdAt: { gte: from, lt: to } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, label: true, code: true, usedBytes: true, createdAt: true, expiresAt: true },
  });
}

/** Live passes of a student (for the /network link). */
export async function countLiveGuestPasses(userId: string, now = clockNow()): Promise<number> {
  const [r] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "guest_passes"
    WHERE "issuerId" = ${userId}::uuid AND "revokedAt" IS NULL AND "expiresAt" > ${now} AND "usedBytes" < "maxBytes"`;
  return r?.n ?? 0;
}
