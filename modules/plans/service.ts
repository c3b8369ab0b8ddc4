import "server-only";
// Package plans: 下月生效 (a package booked at 00:00 on the 1st of next month, Asia/Shanghai)
// and 自动续订 (booked every month until cancelled). The month-start job books a live plan from
// the wallet through the packages module's exchange, at most once per student and month: the
// plan row is locked, package_plan_runs (userId, month) is unique and written in the same
// transaction as the booking, and the exchange's idempotency key is `plan:<month>`.
//
// A package still live at the month start (bought by hand mid-month, or a longer package): the
// run waits, with no row and no money moved; the hourly catch-up books as soon as that package is
// used up or expires within the month. The booked package starts at the later of the month start
// and the end of the package before it (so a renewal chain never drifts by the job's lateness),
// unless the run is more than CATCH_UP_GRACE_MS late, when it starts at the booking.
// Docs: docs/decisions/018-package-plans.md.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { monthKey, monthStart, shiftMonthKey, startOfNextMonth } from "@/lib/time";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { getWalletBalance } from "@/modules/ledger/service";
import { recordNotification } from "@/modules/notifications/service";
import { familyOf } from "@/modules/packages/offers.service";
import { availableWhere, exchangePackage } from "@/modules/packages/service";
import { holdingIsLive } from "@/modules/quota/rules";

type Tx = Prisma.TransactionClient;
export type PlanKind = "NEXT_MONTH" | "AUTO_RENEW";
export type PlanRunOutcome = "BOOKED" | "BALANCE_SHORT" | "FAILED";

/** A booking this much after the month start (or the previous package's end) still starts there. */
export const CATCH_UP_GRACE_MS = 2 * 3600_000;
/** The warning goes out from 00:00 this many days before the month start (Shanghai). */
export const WARNING_DAYS = 3;

const livePlanWhere = { cancelledAt: null, doneAt: null } as const;

/** "YYYY-MM" of the Shanghai month after the one containing `now`: where a new plan starts. */
export function nextMonthKey(now: Date): string {
  return monthKey(startOfNextMonth(now));
}

export interface PlanRecord {
  id: string;
  kind: PlanKind;
  firstMonth: string;
  packageId: string;
  createdAt: Date;
}

const planPackageSelect = {
  id: true,
  code: true,
  family: true,
  nameZh: true,
  nameEn: true,
  priceFen: true,
  quotaBytes: true,
  supersededAt: true,
} as const;
type PlanPackage = Prisma.PackageGetPayload<{ select: typeof planPackageSelect }>;

async function loadPackage(client: Tx, packageId: string) {
  return client.package.findUnique({ where: { id: packageId }, select: planPackageSelect });
}

/** The reason a run carries when the plan's package changed and the job did not book it (decision 031). */
export const PACKAGE_CHANGED = "package_changed";

/** What a plan's package became: the family's current version on sale at `now`, or null (none on sale). */
async function currentOnSale(client: Tx, pkg: { family: string | null; code: string }, now: Date): Promise<PlanPackage | null> {
  const family = familyOf(pkg);
  return client.package.findFirst({
    where: { supersededAt: null, OR: [{ family }, { family: null, code: family }], ...availableWhere(now) },
    orderBy: { version: "desc" },
    select: planPackageSelect,
  });
}

/**
 * Which package the plan books at `now` (decision 031). Its own version while that is on sale;
 * after a catalogue edit (superseded) or when it went off sale, the family's current version on
 * sale when that costs no more than the version the plan was made for; otherwise none
 * (`changed`: the student confirms again).
 */
export type PlanTarget =
  { kind: "same"; pkg: PlanPackage } | { kind: "moved"; from: PlanPackage; to: PlanPackage } | { kind: "changed"; from: PlanPackage; to: PlanPackage | null };

async function resolvePlanTarget(client: Tx, planPkg: PlanPackage, now: Date): Promise<PlanTarget> {
  const current = await currentOnSale(client, planPkg, now);
  if (current?.id === planPkg.id) return { kind: "same", pkg: planPkg };
  // its own version, not edited, merely off sale: the usual PACKAGE_UNAVAILABLE (nothing changed)
  if (!planPkg.supersededAt && !current) return { kind: "same", pkg: planPkg };
  if (current && current.priceFen <= planPkg.priceFen) return { kind: "moved", from: planPkg, to: current };
  return { kind: "changed", from: planPkg, to: current };
}

const versionJson = (p: PlanPackage) => ({ packageId: p.id, code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, priceFen: p.priceFen });

function isLiveIndexViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return true;
  return String((e as { message?: string })?.message ?? "").includes("package_plans_one_live");
}

/**
 * Schedule a plan starting next month (Shanghai). The package must be on sale now and still at
 * the month start; one live plan per student (PLAN_EXISTS: cancel the other first). Audited.
 */
export async function schedulePlan(input: { userId: string; packageId: string; kind: PlanKind; now?: Date }): Promise<PlanRecord> {
  const now = input.now ?? clockNow();
  const firstMonth = nextMonthKey(now);
  const start = monthStart(firstMonth);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { status: true } });
      if (!user) throw new AppError("NOT_FOUND", { what: "user" });
      if (user.status !== "ACTIVE") throw new AppError("ACCOUNT_NOT_ACTIVE");
      const pkg = await tx.package.findFirst({
        where: { id: input.packageId, ...availableWhere(now) },
        select: { id: true, code: true, priceFen: true, availableUntil: true },
      });
      if (!pkg || (pkg.availableUntil && pkg.availableUntil <= start)) throw new AppError("PACKAGE_UNAVAILABLE");
      await throwIfLivePlan(tx, input.userId);
      const plan = await tx.packagePlan.create({
        data: { userId: input.userId, packageId: pkg.id, kind: input.kind, firstMonth, createdAt: now },
        select: { id: true, kind: true, firstMonth: true, packageId: true, createdAt: true },
      });
      await recordAudit(
        {
          actorId: input.userId,
          subjectId: input.userId,
          action: "plans.schedule",
          data: { planId: plan.id, kind: plan.kind, firstMonth, package: pkg.code, priceFen: pkg.priceFen },
        },
        tx,
      );
      return plan;
    });
  } catch (e) {
    // two tabs at once: the partial unique index keeps one; the other gets the same message
    if (!isAppError(e) && isLiveIndexViolation(e)) await throwIfLivePlan(db(), input.userId);
    throw e;
  }
}

async function throwIfLivePlan(client: Tx, userId: string) {
  const live = await client.packagePlan.findFirst({ where: { userId, ...livePlanWhere }, select: { firstMonth: true, packageId: true } });
  if (!live) return;
  const pkg = await loadPackage(client, live.packageId);
  throw new AppError("PLAN_EXISTS", { month: live.firstMonth, nameZh: pkg?.nameZh ?? "", nameEn: pkg?.nameEn ?? "" });
}

/** Whether a live plan may still be cancelled: a next-month plan until its month starts, auto-renew always. */
export function planCancellable(plan: { kind: PlanKind; firstMonth: string }, now: Date): boolean {
  return plan.kind === "AUTO_RENEW" || now.getTime() < monthStart(plan.firstMonth).getTime();
}

async function cancel(input: {
  userId: string;
  planId: string;
  now: Date;
  staff?: { id: string; reason: string };
}): Promise<{ id: string; cancelledAt: Date }> {
  return db().$transaction(async (tx) => {
    const plan = await tx.packagePlan.findFirst({
      where: { id: input.planId, userId: input.userId },
      select: { id: true, kind: true, firstMonth: true, cancelledAt: true, doneAt: true },
    });
    if (!plan) throw new AppError("NOT_FOUND", { what: "plan" });
    if (plan.cancelledAt || plan.doneAt) throw new AppError("PLAN_NOT_CANCELLABLE");
    if (!input.staff && !planCancellable(plan, input.now)) throw new AppError("PLAN_NOT_CANCELLABLE");
    // waits for a month-start run holding the row; a plan it finished is no longer live here
    const r = await tx.packagePlan.updateMany({ where: { id: plan.id, ...livePlanWhere }, data: { cancelledAt: input.now } });
    if (r.count === 0) throw new AppError("PLAN_NOT_CANCELLABLE");
    await recordAudit(
      {
        actorId: input.staff?.id ?? input.userId,
        subjectId: input.userId,
        action: input.staff ? "staff.plans.cancel" : "plans.cancel",
        data: { planId: plan.id, kind: plan.kind, firstMonth: plan.firstMonth, ...(input.staff ? { reason: input.staff.reason } : {}) },
      },
      tx,
    );
    return { id: plan.id, cancelledAt: input.now };
  });
}

/** The student cancels their plan: a next-month plan before 00:00 on the 1st; auto-renew any time (no further months). Audited. */
export async function cancelPlan(input: { userId: string; planId: string; now?: Date }) {
  return cancel({ userId: input.userId, planId: input.planId, now: input.now ?? clockNow() });
}

/** Staff cancel a student's live plan at any time (admin issue 12 calls this), with a reason. Audited. */
export async function cancelPlanByStaff(input: { staff: Actor; userId: string; planId: string; reason: string; now?: Date }) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("REASON_REQUIRED");
  return cancel({ userId: input.userId, planId: input.planId, now: input.now ?? clockNow(), staff: { id: input.staff.id, reason } });
}

/**
 * The student confirms their live plan again after a catalogue change (decision 031): the plan
 * moves to the family's current version on sale, which must be the one the student was shown
 * (`packageId`; another edit since then is refused with PACKAGE_UNAVAILABLE). Audited.
 */
export async function confirmPlanPackage(input: { userId: string; planId: string; packageId: string; now?: Date }): Promise<PlanRecord> {
  const now = input.now ?? clockNow();
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "package_plans" WHERE "id" = ${input.planId}::uuid AND "userId" = ${input.userId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", { what: "plan" });
    const plan = await tx.packagePlan.findUniqueOrThrow({
      where: { id: locked.id },
      select: { id: true, kind: true, firstMonth: true, packageId: true, createdAt: true, cancelledAt: true, doneAt: true },
    });
    if (plan.cancelledAt || plan.doneAt) throw new AppError("NOT_FOUND", { what: "plan" });
    const from = await loadPackage(tx, plan.packageId);
    const to = from ? await currentOnSale(tx, from, now) : null;
    if (!from || !to || to.id !== input.packageId) throw new AppError("PACKAGE_UNAVAILABLE");
    if (to.id === from.id) return { id: plan.id, kind: plan.kind, firstMonth: plan.firstMonth, packageId: plan.packageId, createdAt: plan.createdAt };
    await tx.packagePlan.update({ where: { id: plan.id }, data: { packageId: to.id } });
    await recordAudit(
      {
        actorId: input.userId,
        subjectId: input.userId,
        action: "plans.confirm",
        data: { planId: plan.id, kind: plan.kind, from: { package: from.code, priceFen: from.priceFen }, to: { package: to.code, priceFen: to.priceFen } },
      },
      tx,
    );
    return { id: plan.id, kind: plan.kind, firstMonth: plan.firstMonth, packageId: to.id, createdAt: plan.createdAt };
  });
}

// ---------------------------------------------------------------------------------------------
// The month-start job

export type RunResult = "booked" | "short" | "failed" | "waiting" | "skipped";

export interface MonthRunSummary {
  month: string;
  booked: number;
  short: number;
  failed: number;
  /** a package still live: tried again by the next run */
  waiting: number;
  skipped: number;
}

/**
 * Book every live plan due in the month of `now` that has no run for it yet. Safe to run twice,
 * concurrently or late: each plan is booked in its own transaction holding the plan row. One
 * student's unexpected error doesn't stop the others; it is rethrown at the end (the job retries).
 * `scope.userIds`: only these students (tests; a staff "run for this student").
 */
export async function runMonthStart(now: Date = clockNow(), scope: { userIds?: string[] } = {}): Promise<MonthRunSummary> {
  const month = monthKey(now);
  const plans = await db().packagePlan.findMany({
    where: { ...livePlanWhere, firstMonth: { lte: month }, ...(scope.userIds ? { userId: { in: scope.userIds } } : {}) },
    select: { id: true, userId: true, kind: true, firstMonth: true },
    orderBy: { createdAt: "asc" },
  });
  const done = new Set(
    (await db().packagePlanRun.findMany({ where: { month, userId: { in: plans.map((p) => p.userId) } }, select: { userId: true } })).map((r) => r.userId),
  );
  const summary: MonthRunSummary = { month, booked: 0, short: 0, failed: 0, waiting: 0, skipped: 0 };
  const errors: unknown[] = [];
  for (const plan of plans) {
    // already run this month (the hourly catch-up's usual case); a missed next-month plan still gets closed
    if (done.has(plan.userId) && !(plan.kind === "NEXT_MONTH" && plan.firstMonth < month)) {
      summary.skipped++;
      continue;
    }
    try {
      const r = await bookPlan(plan.id, month, now);
      summary[r === "booked" ? "booked" : r === "short" ? "short" : r === "failed" ? "failed" : r === "waiting" ? "waiting" : "skipped"]++;
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length > 0)
    throw new Error(`package plans ${month}: ${errors.length} of ${plans.length} failed; first: ${String((errors[0] as Error)?.message ?? errors[0])}`);
  return summary;
}

interface LockedPlan {
  id: string;
  userId: string;
  packageId: string;
  kind: PlanKind;
  firstMonth: string;
  cancelledAt: Date | null;
  doneAt: Date | null;
}

/** One plan for month `month` (≥ its first month), in one transaction holding the plan row. */
export async function bookPlan(planId: string, month: string, now: Date = clockNow()): Promise<RunResult> {
  return db().$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<LockedPlan[]>`
      SELECT "id", "userId", "packageId", "kind"::text AS "kind", "firstMonth", "cancelledAt", "doneAt"
      FROM "package_plans" WHERE "id" = ${planId}::uuid FOR UPDATE`;
    if (!plan || plan.cancelledAt || plan.doneAt || plan.firstMonth > month) return "skipped";
    const finish = async () => {
      if (plan.kind === "NEXT_MONTH") await tx.packagePlan.update({ where: { id: plan.id }, data: { doneAt: now } });
    };
    const pkg = await loadPackage(tx, plan.packageId);
    const pkgData = { package: pkg?.code, nameZh: pkg?.nameZh, nameEn: pkg?.nameEn, priceFen: pkg?.priceFen };

    // A next-month plan whose whole month passed unbooked (a package live all month, or no run at all).
    if (plan.kind === "NEXT_MONTH" && plan.firstMonth < month) {
      const wrote = await insertRun(tx, { plan, month: plan.firstMonth, outcome: "FAILED", detail: { reason: "MONTH_PASSED" } });
      if (wrote) await notifyFailed(tx, plan.userId, plan.firstMonth, { reason: "MONTH_PASSED", ...pkgData }, now);
      await finish();
      return "failed";
    }
    const existing = await tx.packagePlanRun.findUnique({ where: { userId_month: { userId: plan.userId, month } }, select: { id: true } });
    if (existing) {
      await finish();
      return "skipped";
    }

    // A catalogue edit (or off sale) since the plan was made: follow the family (decision 031).
    const target = pkg ? await resolvePlanTarget(tx, pkg, now) : null;
    if (target?.kind === "changed") {
      // like a booking, it waits while a package is still live: the student may confirm meanwhile
      const live = await tx.packageHolding.findMany({
        where: { userId: plan.userId, state: "ACTIVE" },
        select: { state: true, quotaBytes: true, usedBytes: true, expiresAt: true },
      });
      if (live.some((h) => holdingIsLive(h, now))) return "waiting";
      const detail = { reason: PACKAGE_CHANGED, from: versionJson(target.from), to: target.to ? versionJson(target.to) : null };
      await insertRun(tx, { plan, month, outcome: "FAILED", detail });
      await notifyFailed(
        tx,
        plan.userId,
        month,
        {
          ...pkgData,
          reason: PACKAGE_CHANGED,
          ...(target.to ? { newNameZh: target.to.nameZh, newNameEn: target.to.nameEn, newPriceFen: target.to.priceFen } : { offSale: true }),
        },
        now,
      );
      await finish();
      return "failed";
    }
    const moved = target?.kind === "moved" ? target : null;
    const bookData = moved ? { package: moved.to.code, nameZh: moved.to.nameZh, nameEn: moved.to.nameEn, priceFen: moved.to.priceFen } : pkgData;

    try {
      const startsAt = await bookingStart(tx, plan.userId, month, now);
      const packageId = moved ? moved.to.id : plan.packageId;
      const r = await exchangePackage({ userId: plan.userId, packageId, requestKey: `plan:${month}`, now, startsAt, tx });
      const detail = {
        priceFen: r.priceFen,
        balanceAfterFen: r.balanceAfterFen,
        ...(moved ? { packageChanged: true, from: versionJson(moved.from), to: versionJson(moved.to) } : {}),
      };
      await insertRun(tx, { plan, month, outcome: "BOOKED", holdingId: r.holdingId, detail });
      await recordNotification(
        tx,
        {
          userId: plan.userId,
          kind: "PLAN_BOOKED",
          dedupeKey: `plan-booked:${month}`,
          data: {
            month,
            ...bookData,
            ...(moved ? { changed: true, oldNameZh: moved.from.nameZh, oldNameEn: moved.from.nameEn, oldPriceFen: moved.from.priceFen } : {}),
          },
        },
        now,
      );
      await finish();
      return "booked";
    } catch (e) {
      if (!isAppError(e)) throw e;
      if (e.code === "PACKAGE_STILL_ACTIVE") return "waiting";
      if (e.code === "INSUFFICIENT_BALANCE") {
        const priceFen = BigInt(e.params.priceFen ?? 0);
        const balanceFen = BigInt(e.params.balanceFen ?? 0);
        const detail = { reason: "BALANCE_SHORT", priceFen, balanceFen, shortfallFen: priceFen - balanceFen };
        await insertRun(tx, { plan, month, outcome: "BALANCE_SHORT", detail });
        await notifyFailed(tx, plan.userId, month, { ...bookData, ...detail }, now);
        await finish();
        return "short";
      }
      // PACKAGE_UNAVAILABLE (taken off sale), ACCOUNT_NOT_ACTIVE (paused, suspended), NOT_FOUND
      await insertRun(tx, { plan, month, outcome: "FAILED", detail: { reason: e.code } });
      await notifyFailed(tx, plan.userId, month, { ...bookData, reason: e.code }, now);
      await finish();
      return "failed";
    }
  });
}

/** The later of the month start and the last package's expiry, when that is at most the grace ago; else now. */
async function bookingStart(tx: Tx, userId: string, month: string, now: Date): Promise<Date> {
  const last = await tx.packageHolding.findFirst({
    where: { userId, state: { in: ["ACTIVE", "EXPIRED"] }, expiresAt: { lte: now } },
    orderBy: { expiresAt: "desc" },
    select: { expiresAt: true },
  });
  const start = monthStart(month);
  const anchor = last && last.expiresAt > start ? last.expiresAt : start;
  return now.getTime() - anchor.getTime() <= CATCH_UP_GRACE_MS ? anchor : now;
}

async function insertRun(
  tx: Tx,
  run: { plan: LockedPlan; month: string; outcome: PlanRunOutcome; holdingId?: string; detail: Record<string, unknown> },
): Promise<boolean> {
  const detail = JSON.stringify(run.detail, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const n = await tx.$executeRaw`
    INSERT INTO "package_plan_runs" ("id", "planId", "userId", "month", "outcome", "holdingId", "detail", "createdAt")
    VALUES (gen_random_uuid(), ${run.plan.id}::uuid, ${run.plan.userId}::uuid, ${run.month}, ${run.outcome}::"PlanRunOutcome",
            ${run.holdingId ?? null}::uuid, ${detail}::jsonb, ${clockNow()}::timestamptz)
    ON CONFLICT ("userId", "month") DO NOTHING`;
  return n > 0;
}

async function notifyFailed(tx: Tx, userId: string, month: string, data: Record<string, unknown>, now: Date) {
  await recordNotification(tx, { userId, kind: "PLAN_FAILED", dedupeKey: `plan-failed:${month}`, data: { month, ...data } }, now);
}

// ---------------------------------------------------------------------------------------------
// The warning job

export interface WarningSummary {
  month: string;
  /** false outside the WARNING_DAYS before the month start */
  inWindow: boolean;
  checked: number;
  warned: number;
}

/**
 * From 00:00 WARNING_DAYS days before the month start (Shanghai) until it: each student whose
 * wallet will not cover their plan's price gets one PLAN_WARNING for that month (dedupe key).
 */
export async function runPlanWarnings(now: Date = clockNow(), scope: { userIds?: string[] } = {}): Promise<WarningSummary> {
  const start = startOfNextMonth(now);
  const month = monthKey(start);
  const from = start.getTime() - WARNING_DAYS * 86_400_000;
  if (now.getTime() < from) return { month, inWindow: false, checked: 0, warned: 0 };
  const rows = await db().$queryRaw<{ userId: string; priceFen: bigint; balanceFen: bigint; code: string; nameZh: string; nameEn: string }[]>`
    SELECT p."userId", k."priceFen", COALESCE(a."balanceFen", 0)::bigint AS "balanceFen", k."code", k."nameZh", k."nameEn"
    FROM "package_plans" p
    JOIN "packages" k ON k."id" = p."packageId"
    LEFT JOIN "ledger_accounts" a ON a."userId" = p."userId"
    WHERE p."cancelledAt" IS NULL AND p."doneAt" IS NULL AND p."firstMonth" <= ${month}
      AND (p."kind" = 'AUTO_RENEW' OR p."firstMonth" = ${month})
      AND (${scope.userIds ?? null}::uuid[] IS NULL OR p."userId" = ANY(${scope.userIds ?? null}::uuid[]))`;
  let warned = 0;
  for (const r of rows) {
    if (r.balanceFen >= r.priceFen) continue;
    const data = {
      month,
      package: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      priceFen: r.priceFen,
      balanceFen: r.balanceFen,
      shortfallFen: r.priceFen - r.balanceFen,
    };
    if (await recordNotification(db(), { userId: r.userId, kind: "PLAN_WARNING", dedupeKey: `plan-warning:${month}`, data }, now)) warned++;
  }
  return { month, inWindow: true, checked: rows.length, warned };
}

// ---------------------------------------------------------------------------------------------
// What the student's page shows

export interface PlanRunRow {
  id: string;
  month: string;
  outcome: PlanRunOutcome;
  createdAt: Date;
  code: string;
  nameZh: string;
  nameEn: string;
  priceFen: bigint;
  shortfallFen: bigint | null;
  reason: string | null;
}

export interface PlanOverview {
  plan: {
    id: string;
    kind: PlanKind;
    firstMonth: string;
    code: string;
    nameZh: string;
    nameEn: string;
    priceFen: bigint;
    /** the month the next booking is for, and when it is due (00:00 on its 1st) */
    nextMonth: string;
    nextAt: Date;
    /** the month has started but the booking waits (a package is still live) */
    waiting: boolean;
    cancellable: boolean;
    /**
     * The package changed since the plan was made (a catalogue edit, decision 031): what is on sale
     * now (null: nothing of that family is on sale), and whether the job books it without asking
     * (it costs no more). null: unchanged.
     */
    changed: {
      to: { packageId: string; code: string; nameZh: string; nameEn: string; priceFen: bigint } | null;
      booksAutomatically: boolean;
    } | null;
  } | null;
  balanceFen: bigint;
  sufficient: boolean;
  /** the price the next booking takes (the plan's, or its new version's when that is booked without asking) */
  dueFen: bigint;
  runs: PlanRunRow[];
}

function detailOf(detail: unknown): { shortfallFen: bigint | null; reason: string | null } {
  if (typeof detail !== "object" || detail === null) return { shortfallFen: null, reason: null };
  const d = detail as { shortfallFen?: unknown; reason?: unknown };
  return {
    shortfallFen: typeof d.shortfallFen === "string" && /^-?\d+$/.test(d.shortfallFen) ? BigInt(d.shortfallFen) : null,
    reason: typeof d.reason === "string" ? d.reason : null,
  };
}

function bookedVersionOf(detail: unknown): { code: string; nameZh: string; nameEn: string; priceFen: bigint } | null {
  if (typeof detail !== "object" || detail === null) return null;
  const to = (detail as { to?: unknown }).to;
  if (typeof to !== "object" || to === null) return null;
  const v = to as Record<string, unknown>;
  if (typeof v.code !== "string" || typeof v.nameZh !== "string" || typeof v.nameEn !== "string") return null;
  const price = typeof v.priceFen === "string" && /^\d+$/.test(v.priceFen) ? BigInt(v.priceFen) : 0n;
  return { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, priceFen: price };
}

/** The student's live plan (with the next booking and whether the balance covers it) and their last runs. */
export async function getPlanOverview(userId: string, now: Date = clockNow()): Promise<PlanOverview> {
  const current = monthKey(now);
  const [live, runs, balanceFen] = await Promise.all([
    db().packagePlan.findFirst({ where: { userId, ...livePlanWhere }, select: { id: true, kind: true, firstMonth: true, packageId: true } }),
    db().packagePlanRun.findMany({
      where: { userId },
      orderBy: { month: "desc" },
      take: 6,
      select: { id: true, planId: true, month: true, outcome: true, createdAt: true, detail: true, holdingId: true },
    }),
    getWalletBalance(userId),
  ]);
  const planIds = [...new Set([...runs.map((r) => r.planId), ...(live ? [live.id] : [])])];
  const plans = await db().packagePlan.findMany({ where: { id: { in: planIds } }, select: { id: true, packageId: true } });
  const pkgs = await db().package.findMany({
    where: { id: { in: [...new Set(plans.map((p) => p.packageId))] } },
    select: { id: true, code: true, nameZh: true, nameEn: true, priceFen: true },
  });
  const pkgOfPlan = new Map(plans.map((p) => [p.id, pkgs.find((k) => k.id === p.packageId)]));
  const runRows: PlanRunRow[] = runs.map((r) => {
    // booked on the family's newer version (decision 031): name it, not the version the plan was made for
    const k = (r.outcome === "BOOKED" ? bookedVersionOf(r.detail) : null) ?? pkgOfPlan.get(r.planId);
    return {
      id: r.id,
      month: r.month,
      outcome: r.outcome,
      createdAt: r.createdAt,
      code: k?.code ?? "",
      nameZh: k?.nameZh ?? "",
      nameEn: k?.nameEn ?? "",
      priceFen: k?.priceFen ?? 0n,
      ...detailOf(r.detail),
    };
  });
  let plan: PlanOverview["plan"] = null;
  if (live) {
    const k = pkgOfPlan.get(live.id);
    const own = await loadPackage(db(), live.packageId);
    const target = own ? await resolvePlanTarget(db(), own, now) : null;
    const changed: NonNullable<PlanOverview["plan"]>["changed"] =
      target?.kind === "moved"
        ? { to: versionJson(target.to), booksAutomatically: true }
        : target?.kind === "changed"
          ? { to: target.to ? versionJson(target.to) : null, booksAutomatically: false }
          : null;
    const ranThisMonth = runs.some((r) => r.month === current);
    const nextMonth = live.firstMonth > current ? live.firstMonth : ranThisMonth ? shiftMonthKey(current, 1) : current;
    plan = {
      id: live.id,
      kind: live.kind,
      firstMonth: live.firstMonth,
      code: k?.code ?? "",
      nameZh: k?.nameZh ?? "",
      nameEn: k?.nameEn ?? "",
      priceFen: k?.priceFen ?? 0n,
      nextMonth,
      nextAt: monthStart(nextMonth),
      waiting: nextMonth === current,
      cancellable: planCancellable(live, now),
      changed,
    };
  }
  // what the next booking will cost: the new version's price when the job books it without asking
  const dueFen = plan?.changed?.booksAutomatically && plan.changed.to ? plan.changed.to.priceFen : (plan?.priceFen ?? 0n);
  return { plan, balanceFen, sufficient: plan ? balanceFen >= dueFen : true, dueFen, runs: runRows };
}

// ---------------------------------------------------------------------------------------------
// The staff queue of failed renewals (/admin/queues/renewals)

export interface FailedRenewalRow {
  runId: string;
  month: string;
  outcome: "BALANCE_SHORT" | "FAILED";
  reason: string | null;
  shortfallFen: bigint | null;
  createdAt: Date;
  student: { id: string; studentNo: string; name: string };
  code: string;
  nameZh: string;
  nameEn: string;
  /** reason package_changed (decision 031): what is on sale now; null when nothing of it is */
  changedTo: { code: string; nameZh: string; nameEn: string; priceFen: bigint } | null;
}

/**
 * This Shanghai month's bookings that did not happen (balance short or failed) for students who
 * still hold no live package: the helpdesk calls them. The index (month, outcome) finds the runs.
 */
const failedRenewalSql = (month: string) => Prisma.sql`
  FROM "package_plan_runs" r
  WHERE r."month" = ${month} AND r."outcome" IN ('BALANCE_SHORT', 'FAILED')
    AND NOT EXISTS (SELECT 1 FROM "package_holdings" h WHERE h."userId" = r."userId" AND h."state" IN ('ACTIVE', 'FROZEN'))`;

/** How many wait in the failed-renewals queue (a number only: not audited). */
export async function countFailedRenewals(now: Date = clockNow()): Promise<number> {
  const [r] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n ${failedRenewalSql(monthKey(now))}`;
  return Number(r?.n ?? 0n);
}

/** The failed-renewals queue, oldest first; it names students, so the read is audited (`staff.read.queue`). */
export async function listFailedRenewals(staff: Actor, opts: { take?: number; now?: Date } = {}): Promise<FailedRenewalRow[]> {
  const take = Math.min(Math.max(Math.trunc(opts.take ?? 100) || 100, 1), 200);
  const month = monthKey(opts.now ?? clockNow());
  const rows = await db().$queryRaw<
    {
      id: string;
      outcome: "BALANCE_SHORT" | "FAILED";
      detail: unknown;
      createdAt: Date;
      userId: string;
      studentNo: string;
      name: string;
      code: string | null;
      nameZh: string | null;
      nameEn: string | null;
    }[]
  >`
    SELECT r."id"::text AS "id", r."outcome"::text AS "outcome", r."detail", r."createdAt", u."id"::text AS "userId", u."studentNo", u."name",
           k."code", k."nameZh", k."nameEn"
    FROM (SELECT r.* ${failedRenewalSql(month)} ORDER BY r."createdAt", r."id" LIMIT ${take}) r
    JOIN "users" u ON u."id" = r."userId"
    LEFT JOIN "package_plans" p ON p."id" = r."planId"
    LEFT JOIN "packages" k ON k."id" = p."packageId"
    ORDER BY r."createdAt", r."id"`;
  await recordAudit({ actorId: staff.id, action: "staff.read.queue", data: { queue: "renewals", month, shown: rows.length } });
  return rows.map((r) => ({
    runId: r.id,
    month,
    outcome: r.outcome,
    createdAt: r.createdAt,
    student: { id: r.userId, studentNo: r.studentNo, name: r.name },
    code: r.code ?? "",
    nameZh: r.nameZh ?? "",
    nameEn: r.nameEn ?? "",
    ...detailOf(r.detail),
    changedTo: bookedVersionOf(r.detail),
  }));
}
