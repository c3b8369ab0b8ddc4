import "server-only";
// 停机保号: a pause that freezes. While a pause runs the account is PAUSED (authorize refuses it,
// live sessions are disconnected) and its package is FROZEN: frozenRemainingMs keeps the validity it
// had left, and the package comes back with exactly that much, counted from the actual resume.
// A pause starts now or at 00:00 (Asia/Shanghai) of a later day, and ends at 00:00 of its resume
// day — by the pause-transitions job — or earlier when the student resumes. Every transition is a
// conditional update on the pause's state, so a job run twice, late or on two instances does each
// one once. docs/decisions/017-pauses-freeze-the-package.md says why the rules are what they are.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dayKey, shanghaiDayRange, startOfDay } from "@/lib/time";
import { recordAudit } from "@/modules/audit/service";
import { getServicePolicy } from "@/modules/policy/service";
import { holdingIsLive } from "@/modules/quota/rules";
import { scheduleSpeedSync, type SessionChangeOutcome } from "@/modules/radius/coa.service";

type Tx = Prisma.TransactionClient;
const DAY_MS = 86_400_000;
/** A pause may be scheduled to start at most this many days ahead. */
export const PAUSE_SCHEDULE_AHEAD_DAYS = 365;

export type PauseStateName = "SCHEDULED" | "ACTIVE" | "ENDED" | "CANCELLED";

export interface PauseView {
  id: string;
  state: PauseStateName;
  startsAt: Date;
  endsAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** calendar days (Asia/Shanghai) from the start day up to the resume day */
  days: number;
}

const pauseSelect = { id: true, state: true, startsAt: true, endsAt: true, startedAt: true, endedAt: true } as const;

function toView(p: Prisma.AccountPauseGetPayload<{ select: typeof pauseSelect }>): PauseView {
  return { ...p, days: pauseDays(p.startsAt, p.endsAt) };
}

/** Calendar days in Shanghai from the day `start` falls on to the day `end` falls on (the start day counts in full). */
export function pauseDays(start: Date, end: Date): number {
  return Math.round((shanghaiDayRange(dayKey(end)).from.getTime() - shanghaiDayRange(dayKey(start)).from.getTime()) / DAY_MS);
}

/** Who asks: the student themself, or a staff member with a reason (the admin console). */
export interface PauseActor {
  actorId?: string;
  reason?: string;
}

async function accountStatus(client: Tx | ReturnType<typeof db>, userId: string) {
  const u = await client.user.findUnique({ where: { id: userId }, select: { status: true } });
  if (!u) throw new AppError("NOT_FOUND", { what: "user" });
  return u.status;
}

// ── Transitions (the job and the student's own actions share them) ──────────────────────────────

/**
 * Start a scheduled pause at `at` (the actual start): the account becomes PAUSED and its live
 * package FROZEN with what it has left from `at`. A no-op when the pause is not SCHEDULED any more.
 */
async function beginPause(tx: Tx, pauseId: string, at: Date): Promise<{ userId: string; frozenRemainingMs: bigint | null } | null> {
  const started = await tx.accountPause.updateManyAndReturn({
    where: { id: pauseId, state: "SCHEDULED" },
    data: { state: "ACTIVE", startedAt: at },
    select: { userId: true },
  });
  const userId = started[0]?.userId;
  if (!userId) return null;
  // A suspended account stays suspended (the network office decides); its package freezes all the same.
  await tx.user.updateMany({ where: { id: userId, status: "ACTIVE" }, data: { status: "PAUSED" } });
  const [holding] = await tx.$queryRaw<{ id: string; quotaBytes: bigint; usedBytes: bigint; expiresAt: Date; state: string }[]>`
    SELECT "id", "quotaBytes", "usedBytes", "expiresAt", "state"::text AS "state" FROM "package_holdings"
    WHERE "userId" = ${userId}::uuid AND "state" = 'ACTIVE' FOR UPDATE`;
  let frozenRemainingMs: bigint | null = null;
  if (holding && holdingIsLive(holding, at)) {
    frozenRemainingMs = BigInt(holding.expiresAt.getTime() - at.getTime());
    await tx.packageHolding.update({ where: { id: holding.id }, data: { state: "FROZEN", frozenRemainingMs } });
  }
  return { userId, frozenRemainingMs };
}

/**
 * End an active pause at `at` (the actual end): the frozen package is live again until
 * `at + frozenRemainingMs`, the account ACTIVE. A no-op when the pause is not ACTIVE any more.
 */
async function finishPause(tx: Tx, pauseId: string, at: Date): Promise<{ userId: string; expiresAt: Date | null } | null> {
  const ended = await tx.accountPause.updateManyAndReturn({
    where: { id: pauseId, state: "ACTIVE" },
    data: { state: "ENDED", endedAt: at },
    select: { userId: true },
  });
  const userId = ended[0]?.userId;
  if (!userId) return null;
  const frozen = await tx.packageHolding.findFirst({ where: { userId, state: "FROZEN" }, select: { id: true, frozenRemainingMs: true } });
  let expiresAt: Date | null = null;
  if (frozen) {
    expiresAt = new Date(at.getTime() + Number(frozen.frozenRemainingMs ?? 0n));
    await tx.packageHolding.update({ where: { id: frozen.id }, data: { state: "ACTIVE", expiresAt, frozenRemainingMs: null } });
  }
  await tx.user.updateMany({ where: { id: userId, status: "PAUSED" }, data: { status: "ACTIVE" } });
  return { userId, expiresAt };
}

// ── The student's requests (and the staff versions) ──────────────────────────────────────────────

export interface RequestPauseDates {
  /** null (or a moment not later than now) = pause now; otherwise 00:00 Asia/Shanghai of the start day */
  startsAt: Date | null;
  /** 00:00 Asia/Shanghai of the resume day */
  endsAt: Date;
}

export interface PauseResult {
  pause: PauseView;
  /** sessions disconnected because the pause started now */
  disconnected: SessionChangeOutcome[];
}

/**
 * Ask for a pause. Its length — calendar days from the start day to the resume day — must be
 * within the policy's pauseMinDays … pauseMaxDays; one pause scheduled or running at a time
 * (the partial unique index account_pauses_one_open backs it). A pause that starts now begins at
 * once, in the same transaction.
 */
export async function requestPause(userId: string, dates: RequestPauseDates, now = clockNow(), actor: PauseActor = {}): Promise<PauseResult> {
  const policy = await getServicePolicy();
  const immediate = !dates.startsAt || dates.startsAt.getTime() <= now.getTime();
  const startsAt = immediate ? now : dates.startsAt!;
  const isMidnight = (d: Date) => startOfDay(d).getTime() === d.getTime();
  if (!isMidnight(dates.endsAt) || (!immediate && !isMidnight(startsAt))) throw new AppError("PAUSE_DATE_INVALID");
  // A start day may be today (it then starts now), never an earlier day.
  if (dates.startsAt && dates.startsAt.getTime() < startOfDay(now).getTime()) throw new AppError("PAUSE_DATE_INVALID");
  if (startsAt.getTime() - now.getTime() > PAUSE_SCHEDULE_AHEAD_DAYS * DAY_MS) throw new AppError("PAUSE_DATE_INVALID");
  const days = pauseDays(startsAt, dates.endsAt);
  if (days < policy.pauseMinDays || days > policy.pauseMaxDays) {
    throw new AppError("PAUSE_LENGTH_INVALID", { min: policy.pauseMinDays, max: policy.pauseMaxDays, days });
  }

  const pause = await db()
    .$transaction(async (tx) => {
      const status = await accountStatus(tx, userId);
      if (status === "SUSPENDED" || status === "CLOSED") throw new AppError("ACCOUNT_SUSPENDED");
      // Paused without a pause record (by the old 停机保号, or staff): that pause is still open.
      if (status === "PAUSED") throw new AppError("PAUSE_ALREADY_OPEN");
      const created = await tx.accountPause.create({
        data: { userId, state: "SCHEDULED", startsAt, endsAt: dates.endsAt, createdById: actor.actorId ?? userId, createdAt: now },
        select: { id: true },
      });
      const began = immediate ? await beginPause(tx, created.id, now) : null;
      await recordAudit(
        {
          actorId: actor.actorId ?? userId,
          subjectId: userId,
          action: "account.pause",
          data: {
            pauseId: created.id,
            startsAt,
            endsAt: dates.endsAt,
            days,
            now: immediate,
            frozenRemainingMs: began?.frozenRemainingMs,
            reason: actor.reason,
          },
        },
        tx,
      );
      return tx.accountPause.findUniqueOrThrow({ where: { id: created.id }, select: pauseSelect });
    })
    .catch((e: unknown) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new AppError("PAUSE_ALREADY_OPEN");
      if (String(e).includes("account_pauses_one_open")) throw new AppError("PAUSE_ALREADY_OPEN");
      throw e;
    });
  const disconnected = immediate ? await scheduleSpeedSync(userId, "account-paused") : [];
  return { pause: toView(pause), disconnected };
}

/** Cancel the student's scheduled pause (one that has not started). */
export async function cancelPause(userId: string, now = clockNow(), actor: PauseActor = {}): Promise<PauseView> {
  return db().$transaction(async (tx) => {
    const cancelled = await tx.accountPause.updateManyAndReturn({
      where: { userId, state: "SCHEDULED" },
      data: { state: "CANCELLED", endedAt: now },
      select: pauseSelect,
    });
    const p = cancelled[0];
    if (!p) throw new AppError("PAUSE_NOT_SCHEDULED");
    await recordAudit(
      { actorId: actor.actorId ?? userId, subjectId: userId, action: "account.pause.cancel", data: { pauseId: p.id, reason: actor.reason } },
      tx,
    );
    return toView(p);
  });
}

/**
 * Resume now, before the resume day. Allowed at any time (decision 017): the minimum length
 * applies to what is requested; ending early only gives the student back their network with the
 * package's remaining validity, so there is nothing to game. An account paused without a pause
 * record (the old 停机保号) is resumed too.
 */
export async function resumeEarly(
  userId: string,
  now = clockNow(),
  actor: PauseActor = {},
): Promise<{ status: "ACTIVE"; pause: PauseView | null; expiresAt: Date | null }> {
  const out = await db().$transaction(async (tx) => {
    const status = await accountStatus(tx, userId);
    if (status === "SUSPENDED" || status === "CLOSED") throw new AppError("ACCOUNT_SUSPENDED");
    const open = await tx.accountPause.findFirst({ where: { userId, state: "ACTIVE" }, select: { id: true } });
    if (open) {
      const r = await finishPause(tx, open.id, now);
      if (!r) throw new AppError("PAUSE_NOT_ACTIVE");
      await recordAudit(
        {
          actorId: actor.actorId ?? userId,
          subjectId: userId,
          action: "account.resume",
          data: { pauseId: open.id, expiresAt: r.expiresAt, reason: actor.reason },
        },
        tx,
      );
      return { pause: toView(await tx.accountPause.findUniqueOrThrow({ where: { id: open.id }, select: pauseSelect })), expiresAt: r.expiresAt };
    }
    const legacy = await tx.user.updateMany({ where: { id: userId, status: "PAUSED" }, data: { status: "ACTIVE" } });
    if (legacy.count === 0) throw new AppError("PAUSE_NOT_ACTIVE");
    await recordAudit({ actorId: actor.actorId ?? userId, subjectId: userId, action: "account.resume", data: { reason: actor.reason } }, tx);
    return { pause: null, expiresAt: null };
  });
  await scheduleSpeedSync(userId, "account-resumed");
  return { status: "ACTIVE", ...out };
}

function staffReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw new AppError("REASON_REQUIRED");
  return r;
}

/** Staff (the admin console): pause a student's account, with the same limits, audited with the reason. */
export async function staffRequestPause(staffId: string, userId: string, dates: RequestPauseDates, reason: string, now = clockNow()): Promise<PauseResult> {
  return requestPause(userId, dates, now, { actorId: staffId, reason: staffReason(reason) });
}

/** Staff: cancel a student's scheduled pause. */
export async function staffCancelPause(staffId: string, userId: string, reason: string, now = clockNow()): Promise<PauseView> {
  return cancelPause(userId, now, { actorId: staffId, reason: staffReason(reason) });
}

/** Staff: end a student's running pause now. */
export async function staffResumePause(staffId: string, userId: string, reason: string, now = clockNow()) {
  return resumeEarly(userId, now, { actorId: staffId, reason: staffReason(reason) });
}

// ── The job ──────────────────────────────────────────────────────────────────────────────────────

export interface PauseTransitionsReport {
  started: number;
  ended: number;
}

/**
 * The pause-transitions job (every minute): start the scheduled pauses whose start has come and
 * end the running ones whose resume day has come, each at `now` — a late run freezes from the
 * actual start and gives back the remaining validity from the actual end.
 */
export async function runPauseTransitions(now = clockNow()): Promise<PauseTransitionsReport> {
  const report: PauseTransitionsReport = { started: 0, ended: 0 };
  const due = await db().accountPause.findMany({
    where: { state: "SCHEDULED", startsAt: { lte: now } },
    select: { id: true },
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  for (const { id } of due) {
    const r = await db().$transaction(async (tx) => {
      const began = await beginPause(tx, id, now);
      if (began)
        await recordAudit(
          { actorId: null, subjectId: began.userId, action: "account.pause.start", data: { pauseId: id, frozenRemainingMs: began.frozenRemainingMs } },
          tx,
        );
      return began;
    });
    if (r) {
      report.started++;
      await scheduleSpeedSync(r.userId, "account-paused");
    }
  }
  const ending = await db().accountPause.findMany({
    where: { state: "ACTIVE", endsAt: { lte: now } },
    select: { id: true },
    orderBy: { endsAt: "asc" },
    take: 500,
  });
  for (const { id } of ending) {
    const r = await db().$transaction(async (tx) => {
      const ended = await finishPause(tx, id, now);
      if (ended)
        await recordAudit({ actorId: null, subjectId: ended.userId, action: "account.pause.end", data: { pauseId: id, expiresAt: ended.expiresAt } }, tx);
      return ended;
    });
    if (r) {
      report.ended++;
      await scheduleSpeedSync(r.userId, "account-resumed");
    }
  }
  return report;
}

// ── What the card and the home page show ───────────────────────────────────────────────────────

export interface PauseOverview {
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
  policy: { minDays: number; maxDays: number };
  /** the pause scheduled or running, if any */
  open: PauseView | null;
  /** the package the pause keeps: frozen now, or the live one (what it has left now) */
  holding: { nameZh: string; nameEn: string; frozen: boolean; remainingMs: number; expiresAt: Date } | null;
  /** today in Asia/Shanghai, "YYYY-MM-DD" (the date pickers' lower bound) */
  today: string;
}

export async function getPauseOverview(userId: string, now = clockNow()): Promise<PauseOverview> {
  const [status, policy, open, holding] = await Promise.all([
    accountStatus(db(), userId),
    getServicePolicy(),
    db().accountPause.findFirst({ where: { userId, state: { in: ["SCHEDULED", "ACTIVE"] } }, select: pauseSelect }),
    db().packageHolding.findFirst({
      where: { userId, state: { in: ["ACTIVE", "FROZEN"] } },
      orderBy: { createdAt: "desc" },
      select: { state: true, quotaBytes: true, usedBytes: true, expiresAt: true, frozenRemainingMs: true, package: { select: { nameZh: true, nameEn: true } } },
    }),
  ]);
  let held: PauseOverview["holding"] = null;
  if (holding?.state === "FROZEN" && holding.frozenRemainingMs !== null) {
    held = { ...holding.package, frozen: true, remainingMs: Number(holding.frozenRemainingMs), expiresAt: holding.expiresAt };
  } else if (holding && holdingIsLive(holding, now)) {
    held = { ...holding.package, frozen: false, remainingMs: holding.expiresAt.getTime() - now.getTime(), expiresAt: holding.expiresAt };
  }
  return {
    status,
    policy: { minDays: policy.pauseMinDays, maxDays: policy.pauseMaxDays },
    open: open ? toView(open) : null,
    holding: held,
    today: dayKey(now),
  };
}

/** The student's past pauses, newest first. */
export async function listPauses(userId: string, take = 10): Promise<PauseView[]> {
  const rows = await db().accountPause.findMany({ where: { userId }, select: pauseSelect, orderBy: { startsAt: "desc" }, take });
  return rows.map(toView);
}
