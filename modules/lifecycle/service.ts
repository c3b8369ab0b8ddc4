import "server-only";
// Lifecycle in bulk (issue 12 item 6): the September intake and the June graduation.
//
// Intake: a CSV of 学号/姓名/学院 (and 年级/email) is checked against the accounts — a dry run
// that writes nothing and says, per row, new / unchanged / updated / error — then applied in one
// transaction with set-based statements (unnest arrays: 8,000 rows are a few statements, not
// 8,000 round trips). Idempotent by 学号: an account that exists is never created twice. A
// pre-created account is claimed at the student's first campus sign-in (modules/accounts).
//
// Graduation: a cohort (enrollment year = the 学号's first four digits, optionally a college) is
// closed one student at a time: the account becomes CLOSED (no sign-in, no network), a positive
// balance is refunded — back the way each recharge came through the finance refund path
// (modules/finance/refund.service.ts, newest order first) or all of it as cash at the counter —
// live sessions are disconnected, and a graduation_settlements row records it. That row is
// unique per account, so a second run settles nobody twice; nothing is deleted. Money moves only
// by ledger entries.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { fenToYuanString } from "@/lib/money";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { refundOrder } from "@/modules/finance/refund.service";
import { lockWallet, postEntry, SYSTEM_ACCOUNT, walletCode } from "@/modules/ledger/service";
import { disconnectLiveSession, liveSessionsOf } from "@/modules/radius/coa.service";
import { parseIntake, type Cohort, type IntakeRow, type RefundMode, type RowProblem } from "./schemas";

// ── Intake ────────────────────────────────────────────────────────────────────────────────

export type IntakeOutcome = "new" | "unchanged" | "updated" | "error";

export interface IntakeReportRow {
  line: number;
  studentNo: string;
  name: string;
  college: string | null;
  email: string | null;
  outcome: IntakeOutcome;
  problem: RowProblem | null;
  /** updated: which fields the import changes (never the old values: the dry run reads no personal data out) */
  changes: ("name" | "college" | "email")[];
}

export interface IntakeReport {
  rows: IntakeReportRow[];
  counts: Record<IntakeOutcome, number>;
}

interface Existing {
  studentNo: string;
  name: string;
  college: string | null;
  email: string | null;
  role: string;
  status: string;
}

function parseOrThrow(text: string): IntakeRow[] {
  const parsed = parseIntake(text);
  if (parsed.ok) return parsed.rows;
  switch (parsed.error) {
    case "tooLarge":
      throw new AppError("INTAKE_FILE_TOO_LARGE", parsed.params);
    case "tooManyRows":
      throw new AppError("INTAKE_TOO_MANY_ROWS", parsed.params);
    case "encoding":
      throw new AppError("INTAKE_ENCODING");
    case "header":
      throw new AppError("INTAKE_HEADER");
    case "empty":
      throw new AppError("INTAKE_FILE_EMPTY");
  }
}

async function existingAccounts(client: Prisma.TransactionClient, studentNos: string[], lock: boolean): Promise<Map<string, Existing>> {
  if (studentNos.length === 0) return new Map();
  const rows = lock
    ? await client.$queryRaw<Existing[]>`
        SELECT "studentNo", "name", "college", "email", "role"::text AS "role", "status"::text AS "status"
        FROM "users" WHERE "studentNo" = ANY(${studentNos}::text[]) FOR UPDATE`
    : await client.$queryRaw<Existing[]>`
        SELECT "studentNo", "name", "college", "email", "role"::text AS "role", "status"::text AS "status"
        FROM "users" WHERE "studentNo" = ANY(${studentNos}::text[])`;
  return new Map(rows.map((r) => [r.studentNo, r]));
}

function classify(rows: IntakeRow[], existing: Map<string, Existing>): IntakeReport {
  const counts: Record<IntakeOutcome, number> = { new: 0, unchanged: 0, updated: 0, error: 0 };
  const out = rows.map((r): IntakeReportRow => {
    const base = { line: r.line, studentNo: r.studentNo, name: r.name, college: r.college, email: r.email, changes: [] as IntakeReportRow["changes"] };
    let problem = r.problem;
    const e = problem ? undefined : existing.get(r.studentNo);
    if (e && e.role !== "STUDENT") problem = { code: "staffAccount" };
    else if (e && e.status === "CLOSED") problem = { code: "closedAccount" };
    if (problem) {
      counts.error++;
      return { ...base, outcome: "error", problem };
    }
    if (!e) {
      counts.new++;
      return { ...base, outcome: "new", problem: null };
    }
    // An empty 学院/email cell leaves what the account has; a name always comes from the file.
    const changes: IntakeReportRow["changes"] = [];
    if (e.name !== r.name) changes.push("name");
    if (r.college !== null && e.college !== r.college) changes.push("college");
    if (r.email !== null && e.email !== r.email) changes.push("email");
    const outcome = changes.length ? "updated" : "unchanged";
    counts[outcome]++;
    return { ...base, outcome, problem: null, changes };
  });
  return { rows: out, counts };
}

/** The dry run: what applying this file would do, row by row. Writes nothing. */
export async function dryRunIntake(text: string): Promise<IntakeReport> {
  const rows = parseOrThrow(text);
  const nos = rows.filter((r) => !r.problem).map((r) => r.studentNo);
  return classify(rows, await existingAccounts(db(), nos, false));
}

export interface IntakeApplied {
  counts: Record<IntakeOutcome, number>;
  created: number;
  updated: number;
}

/**
 * Applies the file: new students are created (with their wallet), changed ones updated, rows
 * with a problem skipped. One transaction, audited (`staff.intake.import` with the counts).
 * The rows are checked again here: the dry run's answer is never trusted.
 */
export async function applyIntake(staff: Actor, text: string, fileName = "", now = clockNow()): Promise<IntakeApplied> {
  const rows = parseOrThrow(text);
  return db().$transaction(
    async (tx) => {
      const nos = rows.filter((r) => !r.problem).map((r) => r.studentNo);
      // Two imports of overlapping files at once: the second waits, then finds the first's rows.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lifecycle:intake'))`;
      const report = classify(rows, await existingAccounts(tx, nos, true));
      const fresh = report.rows.filter((r) => r.outcome === "new");
      const changed = report.rows.filter((r) => r.outcome === "updated");
      if (fresh.length === 0 && changed.length === 0 && report.counts.unchanged === 0) throw new AppError("INTAKE_NOTHING_VALID");

      let created = 0;
      for (let i = 0; i < fresh.length; i += 2000) {
        const batch = fresh.slice(i, i + 2000);
        const ids = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "users" ("id", "studentNo", "name", "role", "status", "college", "email", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), v.no, v.name, 'STUDENT', 'ACTIVE', v.college, v.email, ${now}::timestamptz, ${now}::timestamptz
          FROM unnest(${batch.map((r) => r.studentNo)}::text[], ${batch.map((r) => r.name)}::text[],
                      ${batch.map((r) => r.college)}::text[], ${batch.map((r) => r.email)}::text[]) AS v(no, name, college, email)
          ON CONFLICT ("studentNo") DO NOTHING
          RETURNING "id"::text AS "id"`;
        if (ids.length) {
          await tx.$executeRaw`
            INSERT INTO "ledger_accounts" ("id", "code", "kind", "userId", "balanceFen", "createdAt")
            SELECT gen_random_uuid(), 'wallet:' || u, 'STUDENT_WALLET', u, 0, ${now}::timestamptz
            FROM unnest(${ids.map((r) => r.id)}::uuid[]) AS u
            ON CONFLICT ("code") DO NOTHING`;
        }
        created += ids.length;
      }
      let updated = 0;
      for (let i = 0; i < changed.length; i += 2000) {
        const batch = changed.slice(i, i + 2000);
        updated += await tx.$executeRaw`
          UPDATE "users" u SET "name" = v.name, "college" = COALESCE(v.college, u."college"), "email" = COALESCE(v.email, u."email"), "updatedAt" = ${now}::timestamptz
          FROM unnest(${batch.map((r) => r.studentNo)}::text[], ${batch.map((r) => r.name)}::text[],
                      ${batch.map((r) => r.college)}::text[], ${batch.map((r) => r.email)}::text[]) AS v(no, name, college, email)
          WHERE u."studentNo" = v.no AND u."role" = 'STUDENT' AND u."status" <> 'CLOSED'`;
      }
      await recordAudit(
        {
          actorId: staff.id,
          action: "staff.intake.import",
          data: { fileName: fileName.slice(0, 200), rows: rows.length, ...report.counts, created, updatedRows: updated },
        },
        tx,
      );
      return { counts: report.counts, created, updated };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

// ── Graduation ───────────────────────────────────────────────────────────────────────────

/** The cohort's students who are not yet settled, as a condition on `users u`. */
function cohortWhere(c: Cohort): Prisma.Sql {
  return Prisma.sql`u."role" = 'STUDENT' AND left(u."studentNo", 4) = ${c.year}
    AND (${c.college}::text IS NULL OR u."college" = ${c.college}::text)
    AND NOT EXISTS (SELECT 1 FROM "graduation_settlements" g WHERE g."userId" = u."id")`;
}

export interface GraduationPreview {
  /** accounts that a settlement would close now */
  accounts: number;
  /** of them, with money in the wallet */
  withBalance: number;
  /** the sum of their positive balances: what would be refunded (fen) */
  balanceFen: bigint;
  liveSessions: number;
  /** the cohort's accounts settled by an earlier run (left alone) */
  alreadySettled: number;
}

export async function previewGraduation(c: Cohort): Promise<GraduationPreview> {
  const [r] = await db().$queryRaw<{ accounts: number; withBalance: number; balanceFen: bigint; liveSessions: number; settled: number }[]>`
    SELECT COUNT(*)::int AS "accounts",
           COUNT(*) FILTER (WHERE COALESCE(w."balanceFen", 0) > 0)::int AS "withBalance",
           COALESCE(SUM(GREATEST(COALESCE(w."balanceFen", 0), 0)), 0)::bigint AS "balanceFen",
           COALESCE(SUM((SELECT COUNT(*) FROM "radius_sessions" s WHERE s."userId" = u."id" AND s."state" = 'ACTIVE')), 0)::int AS "liveSessions",
           (SELECT COUNT(*)::int FROM "graduation_settlements" g
              WHERE left(g."studentNo", 4) = ${c.year} AND (${c.college}::text IS NULL OR g."college" = ${c.college}::text)) AS "settled"
    FROM "users" u LEFT JOIN "ledger_accounts" w ON w."userId" = u."id"
    WHERE ${cohortWhere(c)}`;
  return {
    accounts: r?.accounts ?? 0,
    withBalance: r?.withBalance ?? 0,
    balanceFen: r?.balanceFen ?? 0n,
    liveSessions: r?.liveSessions ?? 0,
    alreadySettled: r?.settled ?? 0,
  };
}

export interface GraduationResult {
  runId: string;
  accounts: number;
  refundedFen: bigint;
  originalFen: bigint;
  cashFen: bigint;
  sessionsEnded: number;
  /** students whose settlement stopped on an error (logged): still unsettled, a second run takes them */
  failed: number;
}

const REFUND_REASON = "毕业结算 graduation settlement";

/** Refund what is left in one wallet back to its recharge orders, newest first (the finance refund path). */
async function refundToOriginal(staff: Actor, userId: string): Promise<{ fen: bigint; refundNos: string[] }> {
  const orders = await db().rechargeOrder.findMany({
    where: { userId, state: "CREDITED", journalEntryId: { not: null }, OR: [{ flagReason: null }, { flagReason: { not: "REVERSED" } }] },
    orderBy: [{ creditedAt: "desc" }, { createdAt: "desc" }],
    select: { orderNo: true, amountFen: true, paidAmountFen: true, refundedFen: true },
  });
  let fen = 0n;
  const refundNos: string[] = [];
  for (const o of orders) {
    const wallet = await db().ledgerAccount.findUnique({ where: { code: walletCode(userId) }, select: { balanceFen: true } });
    const left = wallet?.balanceFen ?? 0n;
    if (left <= 0n) break;
    const remaining = (o.paidAmountFen ?? o.amountFen) - o.refundedFen;
    if (remaining <= 0n) continue;
    const amountFen = remaining < left ? remaining : left;
    // requestKey per student and order: a run that stopped half-way and runs again replays, never refunds twice
    try {
      const r = await refundOrder({ actorId: staff.id, orderNo: o.orderNo, amountFen, reason: REFUND_REASON, requestKey: `graduation:${userId}:${o.orderNo}` });
      if (!r.replayed) fen += r.amountFen;
      refundNos.push(r.refundNo);
    } catch (e) {
      // an order the refund path refuses (changed meanwhile): its part is paid as cash with the rest
      if (!isAppError(e)) throw e;
    }
  }
  return { fen, refundNos };
}

/**
 * Two settlements at once (two admins, a double click) take turns per transaction, so the "not
 * settled yet" checks that follow see what the other committed: nobody is settled twice.
 */
async function graduationLock(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lifecycle:graduation'))`;
}

interface SettledStudent {
  originalFen: bigint;
  cashFen: bigint;
  sessionsEnded: number;
}

async function settleStudent(staff: Actor, runId: bigint, userId: string, mode: RefundMode, now: Date): Promise<SettledStudent | null> {
  // 1. Close: from now on no sign-in, no recharge, no network (lib/auth, modules/radius).
  const closed = await db().$transaction(async (tx) => {
    await graduationLock(tx);
    const [u] = await tx.$queryRaw<{ studentNo: string; name: string; college: string | null; status: string; role: string }[]>`
      SELECT "studentNo", "name", "college", "status"::text AS "status", "role"::text AS "role" FROM "users" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    if (!u || u.role !== "STUDENT") return null;
    if (await tx.graduationSettlement.findUnique({ where: { userId }, select: { id: true } })) return null;
    if (u.status !== "CLOSED") await tx.user.update({ where: { id: userId }, data: { status: "CLOSED" } });
    // 下月生效 / 自动续订 bookings would draw on a closed wallet at the next month start: cancelled, kept
    const plans = await tx.packagePlan.updateMany({ where: { userId, cancelledAt: null, doneAt: null }, data: { cancelledAt: now } });
    return { ...u, plansCancelled: plans.count };
  });
  if (!closed) return null;
  // 2. End live sessions (Disconnect-Request to each NAS; a NAS that does not answer is refused at its next authorize anyway).
  const kicked = await Promise.all((await liveSessionsOf(userId)).map((s) => disconnectLiveSession(s, "graduation")));
  const sessionsEnded = kicked.filter((k) => k.result === "ACK").length;
  // 3. Refund: back the way the money came, or all of it as cash.
  const original = mode === "ORIGINAL" ? await refundToOriginal(staff, userId) : { fen: 0n, refundNos: [] };
  // 4. Whatever is left (counter money in CASH mode, opening balances, adjustments) as cash at the counter, and the record.
  return db().$transaction(async (tx) => {
    await graduationLock(tx);
    const wallet = await lockWallet(tx, userId).catch(() => null);
    if (await tx.graduationSettlement.findUnique({ where: { userId }, select: { id: true } })) return null;
    const cashFen = wallet && wallet.balanceFen > 0n ? wallet.balanceFen : 0n;
    let cashEntryId: string | null = null;
    if (cashFen > 0n) {
      const r = await postEntry(tx, {
        idempotencyKey: `graduation-cash:${userId}`,
        kind: "REFUND",
        memo: `${REFUND_REASON}: cash at the counter`,
        createdById: staff.id,
        postings: [
          { accountCode: walletCode(userId), amountFen: -cashFen },
          { accountCode: SYSTEM_ACCOUNT.COUNTER, amountFen: cashFen },
        ],
      });
      cashEntryId = r.entryId;
    }
    const balanceFen = original.fen + cashFen;
    await tx.graduationSettlement.create({
      data: {
        runId,
        userId,
        studentNo: closed.studentNo,
        name: closed.name,
        college: closed.college,
        fromStatus: closed.status,
        balanceFen,
        originalFen: original.fen,
        cashFen,
        refundNos: original.refundNos,
        cashEntryId,
        sessionsEnded,
        createdAt: now,
      },
    });
    await recordAudit(
      {
        actorId: staff.id,
        subjectId: userId,
        action: "staff.graduation.close",
        data: {
          runId,
          from: closed.status,
          balanceFen,
          originalFen: original.fen,
          cashFen,
          refundNos: original.refundNos,
          cashEntryId,
          sessionsEnded,
          plansCancelled: closed.plansCancelled,
        },
      },
      tx,
    );
    return { originalFen: original.fen, cashFen, sessionsEnded };
  });
}

/**
 * The quiet majority: students with nothing in the wallet and no live session are closed 500 to
 * a transaction (their users and wallet rows locked, the balance checked again under the lock),
 * each with its settlement row and audit entry. Returns the ids settled (a wallet that got money
 * meanwhile is left for the one-at-a-time path).
 */
async function settleQuietBatch(staff: Actor, runId: bigint, userIds: string[], now: Date): Promise<{ settled: string[]; sessionsEnded: number }> {
  const settled = await db().$transaction(
    async (tx) => {
      await graduationLock(tx);
      const rows = await tx.$queryRaw<{ id: string; studentNo: string; name: string; college: string | null; status: string }[]>`
        SELECT u."id"::text AS "id", u."studentNo", u."name", u."college", u."status"::text AS "status"
        FROM "users" u JOIN "ledger_accounts" w ON w."userId" = u."id"
        WHERE u."id" = ANY(${userIds}::uuid[]) AND u."role" = 'STUDENT' AND w."balanceFen" = 0
          AND NOT EXISTS (SELECT 1 FROM "graduation_settlements" g WHERE g."userId" = u."id")
        ORDER BY u."id" FOR UPDATE`;
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await tx.user.updateMany({ where: { id: { in: ids }, status: { not: "CLOSED" } }, data: { status: "CLOSED" } });
      await tx.packagePlan.updateMany({ where: { userId: { in: ids }, cancelledAt: null, doneAt: null }, data: { cancelledAt: now } });
      await tx.graduationSettlement.createMany({
        data: rows.map((r) => ({
          runId,
          userId: r.id,
          studentNo: r.studentNo,
          name: r.name,
          college: r.college,
          fromStatus: r.status,
          balanceFen: 0n,
          originalFen: 0n,
          cashFen: 0n,
          refundNos: [],
          sessionsEnded: 0,
          createdAt: now,
        })),
      });
      for (const r of rows) {
        await recordAudit(
          { actorId: staff.id, subjectId: r.id, action: "staff.graduation.close", data: { runId, from: r.status, balanceFen: 0n, sessionsEnded: 0 } },
          tx,
        );
      }
      return ids;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  // a session that began between the count and the close: ended now (authorize refuses a CLOSED account from here on)
  let sessionsEnded = 0;
  if (settled.length) {
    const live = await db().radiusSession.findMany({ where: { userId: { in: settled }, state: "ACTIVE" }, select: { userId: true } });
    for (const userId of new Set(live.map((l) => l.userId!))) {
      const kicked = await Promise.all((await liveSessionsOf(userId)).map((x) => disconnectLiveSession(x, "graduation")));
      sessionsEnded += kicked.filter((k) => k.result === "ACK").length;
    }
  }
  return { settled, sessionsEnded };
}

/**
 * Settles a cohort: every not yet settled student of it is closed, refunded and disconnected,
 * one at a time (each in its own transactions, so a stop half-way leaves whole students only
 * and a second run finishes the rest). `expectedAccounts` is what the preview showed: when the
 * cohort changed since, nothing happens and the office looks again.
 */
export async function settleGraduation(staff: Actor, c: Cohort, mode: RefundMode, expectedAccounts: number, now = clockNow()): Promise<GraduationResult> {
  const ids = await db().$queryRaw<{ id: string }[]>`SELECT u."id"::text AS "id" FROM "users" u WHERE ${cohortWhere(c)} ORDER BY u."studentNo"`;
  if (ids.length === 0) throw new AppError("GRADUATION_NO_ACCOUNTS");
  if (ids.length !== expectedAccounts) throw new AppError("GRADUATION_CHANGED", { accounts: ids.length });
  const run = await db().graduationRun.create({
    data: {
      staffId: staff.id,
      year: c.year,
      college: c.college,
      refundMode: mode,
      accounts: 0,
      refundedFen: 0n,
      originalFen: 0n,
      cashFen: 0n,
      sessionsEnded: 0,
      createdAt: now,
    },
    select: { id: true },
  });
  let accounts = 0;
  let originalFen = 0n;
  let cashFen = 0n;
  let sessionsEnded = 0;
  // Most graduates have nothing left and are offline: closed in batches (8,000 in seconds, not minutes).
  const quiet = await db().$queryRaw<{ id: string }[]>`
    SELECT u."id"::text AS "id" FROM "users" u JOIN "ledger_accounts" w ON w."userId" = u."id"
    WHERE ${cohortWhere(c)} AND w."balanceFen" = 0
      AND NOT EXISTS (SELECT 1 FROM "radius_sessions" s WHERE s."userId" = u."id" AND s."state" = 'ACTIVE')
    ORDER BY u."studentNo"`;
  const settledQuietly = new Set<string>();
  for (let i = 0; i < quiet.length; i += 500) {
    const b = await settleQuietBatch(
      staff,
      run.id,
      quiet.slice(i, i + 500).map((q) => q.id),
      now,
    );
    for (const id of b.settled) settledQuietly.add(id);
    sessionsEnded += b.sessionsEnded;
  }
  accounts += settledQuietly.size;
  // The rest one at a time: refunds go through the finance refund path, sessions through the NAS.
  let failed = 0;
  for (const { id } of ids) {
    if (settledQuietly.has(id)) continue;
    let s: SettledStudent | null;
    try {
      s = await settleStudent(staff, run.id, id, mode, now);
    } catch (e) {
      // one student's trouble (a gateway down, a lock timeout) does not stop the cohort
      console.error(`[campusnet] graduation settlement of ${id} failed:`, e);
      failed++;
      continue;
    }
    if (!s) continue;
    accounts++;
    originalFen += s.originalFen;
    cashFen += s.cashFen;
    sessionsEnded += s.sessionsEnded;
  }
  const refundedFen = originalFen + cashFen;
  await db().$transaction(async (tx) => {
    await tx.graduationRun.update({ where: { id: run.id }, data: { accounts, refundedFen, originalFen, cashFen, sessionsEnded } });
    await recordAudit(
      {
        actorId: staff.id,
        action: "staff.graduation.settle",
        data: { runId: run.id, year: c.year, college: c.college, refundMode: mode, accounts, refundedFen, originalFen, cashFen, sessionsEnded, failed },
      },
      tx,
    );
  });
  return { runId: run.id.toString(), accounts, refundedFen, originalFen, cashFen, sessionsEnded, failed };
}

export interface GraduationRunRow {
  id: string;
  createdAt: Date;
  staffName: string;
  year: string;
  college: string | null;
  refundMode: string;
  accounts: number;
  refundedFen: bigint;
  originalFen: bigint;
  cashFen: bigint;
  sessionsEnded: number;
}

/** The latest settlement runs, newest first. */
export async function listGraduationRuns(take = 20): Promise<GraduationRunRow[]> {
  const rows = await db().$queryRaw<(Omit<GraduationRunRow, "id"> & { id: bigint })[]>`
    SELECT r."id", r."createdAt", COALESCE(s."name", '') AS "staffName", r."year", r."college", r."refundMode", r."accounts",
           r."refundedFen", r."originalFen", r."cashFen", r."sessionsEnded"
    FROM "graduation_runs" r LEFT JOIN "users" s ON s."id" = r."staffId"
    ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${Math.min(Math.max(take, 1), 100)}`;
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}

export const REPORT_HEADER = [
  "学号 studentNo",
  "姓名 name",
  "学院 college",
  "原状态 fromStatus",
  "退款合计(元) refunded",
  "原路退回(元) original",
  "现金(元) cash",
  "退款单 refundNos",
  "断开会话 sessionsEnded",
  "结算时间 settledAt",
];

/**
 * One run's per-student report, page by page (keyset on the row id): the route streams it
 * without building it in memory. Audited by the route (`export.csv`).
 */
export async function* graduationReportPages(runId: bigint, pageSize = 500) {
  let after = 0n;
  for (;;) {
    const rows = await db().graduationSettlement.findMany({
      where: { runId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        studentNo: true,
        name: true,
        college: true,
        fromStatus: true,
        balanceFen: true,
        originalFen: true,
        cashFen: true,
        refundNos: true,
        sessionsEnded: true,
        createdAt: true,
      },
    });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < pageSize) return;
  }
}

function csvCell(value: unknown): string {
  let s =
    value === null || value === undefined ? "" : typeof value === "bigint" ? value.toString() : value instanceof Date ? value.toISOString() : String(value);
  // a name typed as =… must not become a spreadsheet formula
  if (/^[=+@\t\r]/.test(s) || /^-[^0-9]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells: unknown[]) => cells.map(csvCell).join(",") + "\r\n";

/**
 * One run's per-student report as a streamed CSV (BOM for spreadsheet programs, yuan with two
 * decimals, UTC times), page by page; the export itself is audited (`export.csv`).
 */
export async function graduationReportStream(staff: Actor, runIdText: string): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  if (!/^\d{1,18}$/.test(runIdText)) throw new AppError("NOT_FOUND", { what: "run" });
  const runId = BigInt(runIdText);
  const run = await db().graduationRun.findUnique({ where: { id: runId }, select: { id: true, year: true, accounts: true } });
  if (!run) throw new AppError("NOT_FOUND", { what: "run" });
  await recordAudit({ actorId: staff.id, action: "export.csv", data: { report: "graduation", runId, year: run.year, rows: run.accounts } });
  const enc = new TextEncoder();
  const pages = graduationReportPages(runId);
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode("\uFEFF" + csvLine(REPORT_HEADER)));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(
        enc.encode(
          next.value
            .map((r) =>
              csvLine([
                r.studentNo,
                r.name,
                r.college,
                r.fromStatus,
                fenToYuanString(r.balanceFen),
                fenToYuanString(r.originalFen),
                fenToYuanString(r.cashFen),
                r.refundNos.join(" "),
                r.sessionsEnded,
                r.createdAt,
              ]),
            )
            .join(""),
        ),
      );
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return { filename: `graduation-${run.year}-run${run.id}.csv`, stream };
}

/** The colleges students belong to, for the cohort choice. */
export async function listCollegesForLifecycle(): Promise<string[]> {
  const rows = await db().$queryRaw<{ college: string }[]>`
    SELECT DISTINCT "college" FROM "users" WHERE "role" = 'STUDENT' AND "college" IS NOT NULL ORDER BY "college" LIMIT 200`;
  return rows.map((r) => r.college);
}
