import "server-only";
// 误操作申诉: within the policy's hours of an exchange (default 72) and while the package has used
// less than the policy's bytes (default 100 MB), the student may appeal once with a reason; staff
// approve or refuse it with theirs. Approval refunds the price by a reversing ledger entry and
// voids the package (REFUNDED) in one transaction, at most once; then the student's live sessions
// are brought to the speed the account now has (CoA). Every filing and decision is audited.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { recordAudit } from "@/modules/audit/service";
import { lockWallet, postReversal } from "@/modules/ledger/service";
import { recordNotification } from "@/modules/notifications/service";
import { getServicePolicy } from "@/modules/policy/service";
import { scheduleSpeedSync, type SessionChangeOutcome } from "@/modules/radius/coa.service";
import { appealEligibility, type AppealEligibility, type AppealState } from "./rules";
import { appealReasonSchema, APPEAL_REASON_MAX } from "./schemas";

type Tx = Prisma.TransactionClient;

/** A reason as typed: trimmed; empty → REASON_REQUIRED, too long → APPEAL_REASON_TOO_LONG. */
function parseReason(reason: unknown): string {
  const r = appealReasonSchema.safeParse(typeof reason === "string" ? reason : "");
  if (r.success) return r.data;
  const code = r.error.issues[0]?.message;
  if (code === "APPEAL_REASON_TOO_LONG") throw new AppError("APPEAL_REASON_TOO_LONG", { max: APPEAL_REASON_MAX });
  throw new AppError("REASON_REQUIRED");
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

interface LockedHolding {
  id: string;
  userId: string;
  journalEntryId: string;
  priceFen: bigint;
  quotaBytes: bigint;
  usedBytes: bigint;
  expiresAt: Date;
  createdAt: Date;
  state: string;
}

/** The holding row, locked for the rest of the transaction (the usage charge locks it too). */
async function lockHolding(tx: Tx, holdingId: string): Promise<LockedHolding | null> {
  const rows = await tx.$queryRaw<LockedHolding[]>`
    SELECT "id"::text, "userId"::text, "journalEntryId"::text, "priceFen", "quotaBytes", "usedBytes", "expiresAt", "createdAt", "state"::text AS "state"
    FROM "package_holdings" WHERE "id" = ${holdingId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

export interface FiledAppeal {
  appealId: string;
  holdingId: string;
  state: AppealState;
  usedBytesAtFiling: bigint;
  createdAt: Date;
}

/**
 * A student appeals one of their own exchanges. Refused (typed errors) when the exchange is not
 * theirs (NOT_FOUND), the package is no longer in use, the window has closed, the package has
 * used the policy's bytes or more, or the exchange was appealed before (also when two filings race:
 * the holding row lock orders them and the unique holdingId backs it).
 */
export async function fileAppeal(userId: string, holdingId: string, reason: string, now: Date = clockNow()): Promise<FiledAppeal> {
  const text = parseReason(reason);
  const policy = await getServicePolicy();
  try {
    return await db().$transaction(async (tx) => {
      const h = await lockHolding(tx, holdingId);
      if (!h || h.userId !== userId) throw new AppError("NOT_FOUND", { what: "exchange" });
      const existing = await tx.exchangeAppeal.findUnique({ where: { holdingId }, select: { id: true } });
      if (existing) throw new AppError("APPEAL_EXISTS");
      throwUnlessEligible(appealEligibility(h, policy, now), policy.appealWindowHours);
      const appeal = await tx.exchangeAppeal.create({
        data: { holdingId, userId, reason: text, usedBytesAtFiling: h.usedBytes, createdAt: now },
        select: { id: true, state: true, usedBytesAtFiling: true, createdAt: true },
      });
      await recordAudit(
        {
          actorId: userId,
          subjectId: userId,
          action: "appeal.file",
          data: { appealId: appeal.id, holdingId, reason: text, usedBytes: h.usedBytes, priceFen: h.priceFen },
        },
        tx,
      );
      return { appealId: appeal.id, holdingId, state: appeal.state, usedBytesAtFiling: appeal.usedBytesAtFiling, createdAt: appeal.createdAt };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("APPEAL_EXISTS");
    throw e;
  }
}

function throwUnlessEligible(e: AppealEligibility, windowHours: number): void {
  switch (e.status) {
    case "ELIGIBLE":
      return;
    case "NOT_ACTIVE":
      throw new AppError("APPEAL_NOT_ALLOWED");
    case "WINDOW_CLOSED":
      throw new AppError("APPEAL_WINDOW_CLOSED", { hours: windowHours });
    case "TOO_MUCH_USED":
      throw new AppError("APPEAL_TOO_MUCH_USED", { used: formatBytes(e.usedBytes, "zh-CN"), max: formatBytes(e.maxUsedBytes, "zh-CN") });
  }
}

export interface AppealDecision {
  appealId: string;
  userId: string;
  holdingId: string;
  state: "APPROVED" | "REFUSED";
  /** the reversing entry of an approval */
  refundEntryId: string | null;
  refundedFen: bigint;
  /** CoA / Disconnect outcomes of the speed sync after an approval (none when nothing was online) */
  speedSync: SessionChangeOutcome[];
}

/**
 * Staff decide a pending appeal (the caller's guard checks the staff member's ability; the admin
 * console calls this). A refusal records the reason and tells the student. An approval, in one
 * transaction: the exchange's journal entry reversed (wallet +price, package revenue −price; key
 * `appeal:<id>`), the holding REFUNDED, the appeal APPROVED with its refund entry, the student
 * told; after the commit the student's live sessions get the speed the account now has. The
 * appeal row lock makes a second decision, even a concurrent one, APPEAL_ALREADY_DECIDED.
 */
export async function decideAppeal(input: { appealId: string; staffId: string; approve: boolean; reason: string; now?: Date }): Promise<AppealDecision> {
  const now = input.now ?? clockNow();
  const reason = parseReason(input.reason);
  const staff = await db().user.findUnique({ where: { id: input.staffId }, select: { role: true } });
  if (!staff || staff.role === "STUDENT") throw new AppError("FORBIDDEN");

  const decision = await db().$transaction(async (tx) => {
    const [appeal] = await tx.$queryRaw<{ id: string; userId: string; holdingId: string; state: AppealState }[]>`
      SELECT "id"::text, "userId"::text, "holdingId"::text, "state"::text AS "state" FROM "exchange_appeals" WHERE "id" = ${input.appealId}::uuid FOR UPDATE`;
    if (!appeal) throw new AppError("NOT_FOUND", { what: "appeal" });
    if (appeal.state !== "PENDING") throw new AppError("APPEAL_ALREADY_DECIDED");
    const decided = { decidedById: input.staffId, decisionReason: reason, decidedAt: now };

    if (!input.approve) {
      await tx.exchangeAppeal.update({ where: { id: appeal.id }, data: { state: "REFUSED", ...decided } });
      await recordNotification(
        tx,
        { userId: appeal.userId, kind: "APPEAL_REFUSED", dedupeKey: `appeal:${appeal.id}`, data: { appealId: appeal.id, holdingId: appeal.holdingId, reason } },
        now,
      );
      await recordAudit(
        { actorId: input.staffId, subjectId: appeal.userId, action: "appeal.refuse", data: { appealId: appeal.id, holdingId: appeal.holdingId, reason } },
        tx,
      );
      return { appealId: appeal.id, userId: appeal.userId, holdingId: appeal.holdingId, state: "REFUSED" as const, refundEntryId: null, refundedFen: 0n };
    }

    // Lock order as in the exchange: the wallet, then the holding.
    await lockWallet(tx, appeal.userId);
    const h = await lockHolding(tx, appeal.holdingId);
    if (!h) throw new AppError("NOT_FOUND", { what: "exchange" });
    // A package refunded or finished since the filing is not voided (nor refunded) a second way.
    if (h.state !== "ACTIVE" && h.state !== "FROZEN") throw new AppError("APPEAL_NOT_ALLOWED");
    const refund = await postReversal(tx, {
      entryId: h.journalEntryId,
      idempotencyKey: `appeal:${appeal.id}`,
      memo: `appeal refund ${appeal.id}`,
      createdById: input.staffId,
    });
    if (!refund.created) throw new AppError("CONFLICT");
    await tx.packageHolding.update({ where: { id: h.id }, data: { state: "REFUNDED", frozenRemainingMs: null } });
    await tx.exchangeAppeal.update({ where: { id: appeal.id }, data: { state: "APPROVED", refundEntryId: refund.entryId, ...decided } });
    await recordNotification(
      tx,
      {
        userId: appeal.userId,
        kind: "APPEAL_APPROVED",
        dedupeKey: `appeal:${appeal.id}`,
        data: { appealId: appeal.id, holdingId: h.id, refundedFen: h.priceFen, reason },
      },
      now,
    );
    await recordAudit(
      {
        actorId: input.staffId,
        subjectId: appeal.userId,
        action: "appeal.approve",
        data: { appealId: appeal.id, holdingId: h.id, reason, refundEntryId: refund.entryId, refundedFen: h.priceFen, usedBytesAtDecision: h.usedBytes },
      },
      tx,
    );
    return { appealId: appeal.id, userId: appeal.userId, holdingId: h.id, state: "APPROVED" as const, refundEntryId: refund.entryId, refundedFen: h.priceFen };
  });

  // The package's quota is gone: a student who was at high speed on it may now be throttled.
  const speedSync = decision.state === "APPROVED" ? await scheduleSpeedSync(decision.userId, "appeal-refunded") : [];
  return { ...decision, speedSync };
}

// ── The student's read ─────────────────────────────────────────────────────────────────────

export interface AppealSummary {
  id: string;
  state: AppealState;
  reason: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
}

/** One exchange's appeal status for the exchange log: the appeal if filed, else whether one can be filed and why not. */
export type ExchangeAppealStatus = { status: "APPEALED"; appeal: AppealSummary } | AppealEligibility;

export interface AppealStatusRead {
  windowHours: number;
  maxUsedBytes: bigint;
  byHolding: Map<string, ExchangeAppealStatus>;
}

/** For the student's /exchanges page: each of these exchanges' appeal status (only the student's own holdings are read). */
export async function getAppealStatuses(userId: string, holdingIds: string[], now: Date = clockNow()): Promise<AppealStatusRead> {
  const policy = await getServicePolicy();
  const byHolding = new Map<string, ExchangeAppealStatus>();
  if (holdingIds.length === 0) return { windowHours: policy.appealWindowHours, maxUsedBytes: policy.appealMaxUsedBytes, byHolding };
  const [holdings, appeals] = await Promise.all([
    db().packageHolding.findMany({
      where: { userId, id: { in: holdingIds } },
      select: { id: true, createdAt: true, usedBytes: true, quotaBytes: true, expiresAt: true, state: true },
    }),
    db().exchangeAppeal.findMany({
      where: { userId, holdingId: { in: holdingIds } },
      select: { id: true, holdingId: true, state: true, reason: true, createdAt: true, decidedAt: true, decisionReason: true },
    }),
  ]);
  const appealOf = new Map(appeals.map((a) => [a.holdingId, a]));
  for (const h of holdings) {
    const a = appealOf.get(h.id);
    byHolding.set(
      h.id,
      a
        ? {
            status: "APPEALED",
            appeal: { id: a.id, state: a.state, reason: a.reason, createdAt: a.createdAt, decidedAt: a.decidedAt, decisionReason: a.decisionReason },
          }
        : appealEligibility(h, policy, now),
    );
  }
  return { windowHours: policy.appealWindowHours, maxUsedBytes: policy.appealMaxUsedBytes, byHolding };
}

// ── The staff queue (the admin console, issue 12, puts a page on it) ──────────────────────────

export interface StaffAppealRow {
  id: string;
  state: AppealState;
  reason: string;
  createdAt: Date;
  usedBytesAtFiling: bigint;
  decidedAt: Date | null;
  decisionReason: string | null;
  decidedBy: { studentNo: string; name: string } | null;
  student: { id: string; studentNo: string; name: string };
  exchange: {
    holdingId: string;
    packageCode: string;
    nameZh: string;
    nameEn: string;
    priceFen: bigint;
    exchangedAt: Date;
    holdingState: string;
    usedBytesNow: bigint;
  };
}

/**
 * Appeals for staff, oldest pending first (or newest decided first). The caller's guard checks the
 * ability; the read shows students' names and reasons, so it is audited (`staff.read.appeals`).
 */
export async function listAppealsForStaff(
  filter: { state?: AppealState; take?: number; skip?: number },
  staff: { id: string },
): Promise<{ items: StaffAppealRow[]; total: number; take: number; skip: number }> {
  const take = Math.min(Math.max(Math.trunc(filter.take ?? 50) || 50, 1), 200);
  const skip = Math.max(Math.trunc(filter.skip ?? 0) || 0, 0);
  const where: Prisma.ExchangeAppealWhereInput = filter.state ? { state: filter.state } : {};
  const [rows, total] = await Promise.all([
    db().exchangeAppeal.findMany({
      where,
      orderBy: { createdAt: filter.state === "PENDING" ? "asc" : "desc" },
      take,
      skip,
      select: {
        id: true,
        holdingId: true,
        userId: true,
        state: true,
        reason: true,
        createdAt: true,
        usedBytesAtFiling: true,
        decidedAt: true,
        decisionReason: true,
        decidedById: true,
      },
    }),
    db().exchangeAppeal.count({ where }),
  ]);
  // exchange_appeals carries no relations: the people and holdings are read by id.
  const people = new Set(rows.flatMap((r) => (r.decidedById ? [r.userId, r.decidedById] : [r.userId])));
  const [users, holdings] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...people] } }, select: { id: true, studentNo: true, name: true } }),
    db().packageHolding.findMany({
      where: { id: { in: rows.map((r) => r.holdingId) } },
      select: { id: true, priceFen: true, createdAt: true, state: true, usedBytes: true, package: { select: { code: true, nameZh: true, nameEn: true } } },
    }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const holdingById = new Map(holdings.map((h) => [h.id, h]));
  const items = rows.flatMap((r): StaffAppealRow[] => {
    const u = userById.get(r.userId);
    const h = holdingById.get(r.holdingId);
    if (!u || !h) return [];
    const by = r.decidedById ? userById.get(r.decidedById) : undefined;
    return [
      {
        id: r.id,
        state: r.state,
        reason: r.reason,
        createdAt: r.createdAt,
        usedBytesAtFiling: r.usedBytesAtFiling,
        decidedAt: r.decidedAt,
        decisionReason: r.decisionReason,
        decidedBy: by ? { studentNo: by.studentNo, name: by.name } : null,
        student: u,
        exchange: {
          holdingId: h.id,
          packageCode: h.package.code,
          nameZh: h.package.nameZh,
          nameEn: h.package.nameEn,
          priceFen: h.priceFen,
          exchangedAt: h.createdAt,
          holdingState: h.state,
          usedBytesNow: h.usedBytes,
        },
      },
    ];
  });
  await recordAudit({
    actorId: staff.id,
    action: "staff.read.appeals",
    data: { filter: { state: filter.state ?? null, take, skip }, shown: items.length, total },
  });
  return { items, total, take, skip };
}

/** How many appeals wait for a decision (a number only: not audited). The index (state, createdAt) counts them. */
export async function countPendingAppeals(): Promise<number> {
  return db().exchangeAppeal.count({ where: { state: "PENDING" } });
}
