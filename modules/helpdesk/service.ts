import "server-only";
// The network office acting on one student (/admin/users/<学号>): suspend and resume, kick
// sessions, block devices, lift a network lock-out, a temporary network password, and
// adjustments of balance or quota with a reason. Every change is audited in the transaction
// that makes it, and what the NAS enforces is changed at once (Disconnect / CoA through
// modules/radius/coa.service.ts). Who may call what is lib/roles.ts (the actions check it).
import { randomBytes, randomInt } from "node:crypto";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { monthKey } from "@/lib/time";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { lockWallet, postEntry, walletCode } from "@/modules/ledger/service";
import { hashNetworkPassword } from "@/modules/network/password";
import { ensureMonthlyQuota } from "@/modules/quota/service";
import { disconnectLiveSession, liveSessionsOf, scheduleSpeedSync, type SessionChangeOutcome } from "@/modules/radius/coa.service";

/** The ledger account a staff balance adjustment books against (migration 20261201143517_helpdesk). */
export const ADJUSTMENT_ACCOUNT = "source:adjustments";
/** A temporary network password from the office works this long, unless the student sets their own first. */
export const TEMP_PASSWORD_HOURS = 24;
/** Largest single balance adjustment (¥10,000) and quota adjustment (1 TiB): a typo, not a decision, beyond that. */
export const MAX_ADJUST_FEN = 1_000_000n;
export const MAX_ADJUST_BYTES = 1n << 40n;

interface Subject {
  id: string;
  studentNo: string;
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  role: string;
}

async function subject(userId: string, staff: Actor): Promise<Subject> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { id: true, studentNo: true, status: true, role: true } });
  if (!u) throw new AppError("NOT_FOUND", { what: "user" });
  if (u.id === staff.id) throw new AppError("STAFF_SELF_ACTION");
  return u;
}

function reasonOf(reason: string): string {
  const r = reason.trim();
  if (r.length < 2) throw new AppError("REASON_REQUIRED");
  return r.slice(0, 500);
}

// ── Account: suspend / resume ──────────────────────────────────────────────────────────────

export interface StatusChange {
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  kicked: SessionChangeOutcome[];
}

/** Suspend: the student can neither use the app nor go online, from now on; live sessions are disconnected. */
export async function suspendAccount(staff: Actor, userId: string, reason: string): Promise<StatusChange> {
  const why = reasonOf(reason);
  const u = await subject(userId, staff);
  if (u.status === "SUSPENDED") throw new AppError("ACCOUNT_ALREADY_SUSPENDED");
  // a graduated account stays closed (modules/lifecycle): suspending and resuming would reopen it
  if (u.status === "CLOSED") throw new AppError("ACCOUNT_CLOSED");
  await db().$transaction(async (tx) => {
    const n = await tx.user.updateMany({ where: { id: userId, status: { notIn: ["SUSPENDED", "CLOSED"] } }, data: { status: "SUSPENDED" } });
    if (n.count === 0) throw new AppError("ACCOUNT_ALREADY_SUSPENDED");
    await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.account.suspend", data: { reason: why, from: u.status } }, tx);
  });
  const kicked = await Promise.all((await liveSessionsOf(userId)).map((s) => disconnectLiveSession(s, "account-suspended")));
  return { status: "SUSPENDED", kicked };
}

/** Resume: back to ACTIVE, or PAUSED when a 停机保号 pause is in effect now. */
export async function resumeAccount(staff: Actor, userId: string, reason: string): Promise<StatusChange> {
  const why = reasonOf(reason);
  await subject(userId, staff);
  const status = await db().$transaction(async (tx) => {
    const paused = await tx.accountPause.findFirst({ where: { userId, state: "ACTIVE" }, select: { id: true } });
    const to = paused ? "PAUSED" : "ACTIVE";
    const n = await tx.user.updateMany({ where: { id: userId, status: "SUSPENDED" }, data: { status: to } });
    if (n.count === 0) throw new AppError("ACCOUNT_NOT_SUSPENDED");
    await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.account.resume", data: { reason: why, to } }, tx);
    return to;
  });
  return { status, kicked: [] };
}

// ── Sessions and devices ───────────────────────────────────────────────────────────────────

/** Kick one live session of this student (Disconnect-Request to its NAS). */
export async function kickSession(staff: Actor, userId: string, sessionId: string, reason: string): Promise<SessionChangeOutcome> {
  const why = reasonOf(reason);
  await subject(userId, staff);
  const s = (await liveSessionsOf(userId)).find((x) => x.id === sessionId);
  if (!s) throw new AppError("NOT_FOUND", { what: "session" });
  const outcome = await disconnectLiveSession(s, "staff-kick");
  await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.session.kick", data: { sessionId, reason: why, result: outcome.result } });
  return outcome;
}

/** Kick every live session of this student. */
export async function kickAllSessions(staff: Actor, userId: string, reason: string): Promise<SessionChangeOutcome[]> {
  const why = reasonOf(reason);
  await subject(userId, staff);
  const sessions = await liveSessionsOf(userId);
  const out = await Promise.all(sessions.map((s) => disconnectLiveSession(s, "staff-kick-all")));
  await recordAudit({
    actorId: staff.id,
    subjectId: userId,
    action: "staff.session.kick_all",
    data: { reason: why, sessions: out.map((o) => ({ sessionId: o.sessionId, result: o.result })) },
  });
  return out;
}

/** Block (挂失) or unblock one of the student's devices; blocking disconnects its live sessions. */
export async function setDeviceBlocked(
  staff: Actor,
  userId: string,
  deviceId: string,
  blocked: boolean,
  reason: string,
): Promise<{ kicked: SessionChangeOutcome[] }> {
  const why = reasonOf(reason);
  await subject(userId, staff);
  const d = await db().device.findFirst({ where: { id: deviceId, userId }, select: { id: true, mac: true, blocked: true } });
  if (!d) throw new AppError("NOT_FOUND", { what: "device" });
  await db().$transaction(async (tx) => {
    await tx.device.update({ where: { id: deviceId }, data: blocked ? { blocked: true, blockedAt: clockNow() } : { blocked: false, blockedAt: null } });
    await recordAudit(
      { actorId: staff.id, subjectId: userId, action: blocked ? "staff.device.block" : "staff.device.unblock", data: { mac: d.mac, reason: why } },
      tx,
    );
  });
  if (!blocked) return { kicked: [] };
  const sessions = (await liveSessionsOf(userId)).filter((s) => s.mac === d.mac);
  return { kicked: await Promise.all(sessions.map((s) => disconnectLiveSession(s, "device-blocked"))) };
}

// ── Network login ──────────────────────────────────────────────────────────────────────────

/** Lift a network lock-out (too many wrong network passwords) now. */
export async function unlockNetworkLogin(staff: Actor, userId: string): Promise<void> {
  await subject(userId, staff);
  await db().$transaction(async (tx) => {
    const n = await tx.networkCredential.updateMany({ where: { userId }, data: { failedAttempts: 0, lockedUntil: null } });
    if (n.count === 0) throw new AppError("NO_NETWORK_PASSWORD");
    await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.network.unlock", data: {} }, tx);
  });
}

// No look-alikes (0/O, 1/l/I): the code is read out over the phone.
const CODE_LETTERS = "abcdefghjkmnpqrstuvwxyz";
const CODE_DIGITS = "23456789";

/** A temporary network password: 10 characters, letters and at least two digits (it meets the password rules). */
export function temporaryPassword(): string {
  const all = CODE_LETTERS + CODE_DIGITS;
  const chars = Array.from({ length: 8 }, () => all[randomInt(all.length)]!);
  chars.push(CODE_DIGITS[randomInt(CODE_DIGITS.length)]!, CODE_LETTERS[randomInt(CODE_LETTERS.length)]!);
  // Shuffle so the guaranteed digit and letter are not always last.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/**
 * Reset the network password to a one-time temporary code the staff member reads out: it is
 * shown once (only its hash is kept), works for TEMP_PASSWORD_HOURS unless the student sets
 * their own first, and clears a lock-out.
 */
export async function resetNetworkPasswordByStaff(staff: Actor, userId: string, reason: string): Promise<{ code: string; expiresAt: Date }> {
  const why = reasonOf(reason);
  await subject(userId, staff);
  const code = temporaryPassword();
  const passwordHash = await hashNetworkPassword(code);
  const expiresAt = new Date(clockNow().getTime() + TEMP_PASSWORD_HOURS * 3600_000);
  await db().$transaction(async (tx) => {
    await tx.networkCredential.upsert({
      where: { userId },
      create: { userId, passwordHash, expiresAt },
      update: { passwordHash, failedAttempts: 0, lockedUntil: null, expiresAt },
    });
    await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.network.password_reset", data: { reason: why, expiresAt } }, tx);
  });
  return { code, expiresAt };
}

// ── Adjustments ────────────────────────────────────────────────────────────────────────────

/**
 * A balance adjustment: one journal entry (kind ADJUSTMENT) between the student's wallet and
 * source:adjustments, never an edit. Positive credits the student, negative takes money back
 * (never below zero). `key` makes a double submission book once.
 */
export async function adjustBalance(
  staff: Actor,
  userId: string,
  amountFen: bigint,
  reason: string,
  key: string,
): Promise<{ entryId: string; created: boolean; balanceFen: bigint }> {
  const why = reasonOf(reason);
  if (amountFen === 0n || amountFen > MAX_ADJUST_FEN || amountFen < -MAX_ADJUST_FEN) throw new AppError("ADJUSTMENT_INVALID");
  await subject(userId, staff);
  return db().$transaction(async (tx) => {
    const wallet = await lockWallet(tx, userId);
    if (amountFen < 0n && wallet.balanceFen + amountFen < 0n) throw new AppError("ADJUSTMENT_BELOW_ZERO");
    const r = await postEntry(tx, {
      idempotencyKey: `adjust:${key}`,
      kind: "ADJUSTMENT",
      memo: why,
      createdById: staff.id,
      postings: [
        { accountCode: walletCode(userId), amountFen },
        { accountCode: ADJUSTMENT_ACCOUNT, amountFen: -amountFen },
      ],
    });
    if (r.created)
      await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.balance.adjust", data: { amountFen, reason: why, entryId: r.entryId } }, tx);
    const after = await tx.ledgerAccount.findUniqueOrThrow({ where: { code: walletCode(userId) }, select: { balanceFen: true } });
    return { ...r, balanceFen: after.balanceFen };
  });
}

/**
 * A quota adjustment for this month (Asia/Shanghai): a quota_adjustments row and the month's
 * free quota moved by `bytes` in one transaction. Taking quota away never goes below what is
 * already used. The speed is brought in line at once (CoA).
 */
export async function adjustQuota(
  staff: Actor,
  userId: string,
  bytes: bigint,
  reason: string,
  key: string,
  now = clockNow(),
): Promise<{ created: boolean; month: string; freeBytes: bigint }> {
  const why = reasonOf(reason);
  if (bytes === 0n || bytes > MAX_ADJUST_BYTES || bytes < -MAX_ADJUST_BYTES) throw new AppError("ADJUSTMENT_INVALID");
  await subject(userId, staff);
  const month = monthKey(now);
  const out = await db().$transaction(async (tx) => {
    await ensureMonthlyQuota(tx, userId, month);
    const inserted = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "quota_adjustments" ("userId", "month", "bytes", "reason", "staffId", "idempotencyKey", "createdAt")
      VALUES (${userId}::uuid, ${month}, ${bytes}, ${why}, ${staff.id}::uuid, ${`quota:${key}`}, ${now}::timestamptz)
      ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
    if (inserted.length === 0) {
      const q = await tx.monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId, month } }, select: { freeBytes: true } });
      return { created: false, month, freeBytes: q.freeBytes };
    }
    const [q] = await tx.$queryRaw<{ freeBytes: bigint }[]>`
      UPDATE "monthly_quotas" SET "freeBytes" = "freeBytes" + ${bytes}
      WHERE "userId" = ${userId}::uuid AND "month" = ${month} AND "freeBytes" + ${bytes} >= "freeUsedBytes"
      RETURNING "freeBytes"`;
    if (!q) throw new AppError("ADJUSTMENT_BELOW_USED");
    await recordAudit({ actorId: staff.id, subjectId: userId, action: "staff.quota.adjust", data: { bytes, month, reason: why } }, tx);
    return { created: true, month, freeBytes: q.freeBytes };
  });
  if (out.created) await scheduleSpeedSync(userId, "staff-quota-adjust");
  return out;
}

// ── Reads for the user page ────────────────────────────────────────────────────────────────

export interface LedgerLine {
  id: string;
  at: Date;
  kind: string;
  memo: string | null;
  amountFen: bigint;
}

/** The student's wallet postings, newest first (the ledger is the balance's history). */
export async function listWalletLedger(userId: string, take = 20): Promise<LedgerLine[]> {
  const rows = await db().$queryRaw<{ id: string; at: Date; kind: string; memo: string | null; amountFen: bigint }[]>`
    SELECT e."id"::text AS "id", e."createdAt" AS "at", e."kind"::text AS "kind", e."memo", p."amountFen"
    FROM "postings" p JOIN "ledger_accounts" a ON a."id" = p."accountId" JOIN "journal_entries" e ON e."id" = p."entryId"
    WHERE a."code" = ${walletCode(userId)}
    ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${Math.min(Math.max(take, 1), 100)}`;
  return rows;
}

export interface QuotaAdjustmentLine {
  id: string;
  at: Date;
  month: string;
  bytes: bigint;
  reason: string;
}

export async function listQuotaAdjustments(userId: string, take = 10): Promise<QuotaAdjustmentLine[]> {
  const rows = await db().quotaAdjustment.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, month: true, bytes: true, reason: true },
  });
  return rows.map((r) => ({ id: r.id.toString(), at: r.createdAt, month: r.month, bytes: r.bytes, reason: r.reason }));
}

export interface StudentOrderLine {
  orderNo: string;
  channel: string;
  amountFen: bigint;
  state: string;
  refundedFen: bigint;
  flagged: boolean;
  createdAt: Date;
}

/** The student's recharge orders, newest first. */
export async function listOrdersOf(userId: string, take = 10): Promise<StudentOrderLine[]> {
  const rows = await db().rechargeOrder.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { orderNo: true, channel: true, amountFen: true, state: true, refundedFen: true, flaggedAt: true, createdAt: true },
  });
  return rows.map(({ flaggedAt, ...r }) => ({ ...r, flagged: flaggedAt !== null }));
}

export interface StudentAppealLine {
  id: string;
  state: string;
  reason: string;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** The student's 误操作申诉, newest first. */
export async function listAppealsOf(userId: string, take = 10): Promise<StudentAppealLine[]> {
  return db().exchangeAppeal.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, state: true, reason: true, decisionReason: true, createdAt: true, decidedAt: true },
  });
}

export interface NetworkLoginState {
  hasPassword: boolean;
  lockedUntil: Date | null;
  failedAttempts: number;
  /** a temporary password from the office is in use until then */
  temporaryUntil: Date | null;
}

export async function getNetworkLoginState(userId: string, now = clockNow()): Promise<NetworkLoginState> {
  const c = await db().networkCredential.findUnique({ where: { userId }, select: { lockedUntil: true, failedAttempts: true, expiresAt: true } });
  return {
    hasPassword: !!c,
    lockedUntil: c?.lockedUntil && c.lockedUntil > now ? c.lockedUntil : null,
    failedAttempts: c?.failedAttempts ?? 0,
    temporaryUntil: c?.expiresAt ?? null,
  };
}
