import "server-only";
// The monthly statement (月账单), read-only: money from the ledger (the wallet's postings whose
// journal entry falls in the Asia/Shanghai month, by the entry's time), data from the quota
// and usage tables. Opening = the wallet's postings before the month's first instant; closing
// = those before the next month's; the month's entries in between add up to the difference.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey, monthStart, shiftMonthKey } from "@/lib/time";
import { recordAudit } from "@/modules/audit/service";
import {
  defaultStatementMonth,
  groupLines,
  lineKindOf,
  refuseMonth,
  splitData,
  statementMonths,
  type LineKind,
  type StatementLine,
  type StatementRefusal,
} from "./rules";

export interface StatementEntry {
  id: string;
  at: Date;
  kind: LineKind;
  amountFen: bigint;
  /** an exchange's package, a recharge's order */
  packageCode: string | null;
  nameZh: string | null;
  nameEn: string | null;
  orderNo: string | null;
  channel: string | null;
}

export interface Statement {
  month: string;
  from: Date;
  to: Date;
  /** the current month: figures so far */
  partial: boolean;
  studentNo: string;
  name: string;
  openingFen: bigint;
  closingFen: bigint;
  inFen: bigint;
  outFen: bigint;
  lines: StatementLine[];
  entries: StatementEntry[];
  data: {
    totalBytes: bigint;
    uploadBytes: bigint;
    downloadBytes: bigint;
    freeBytes: bigint;
    freeUsedBytes: bigint;
    packageUsedBytes: bigint;
    throttledBytes: bigint;
  };
}

export type StatementResult = { ok: true; statement: Statement } | { ok: false; reason: StatementRefusal | "NOT_FOUND" };

interface Account {
  studentNo: string;
  name: string;
  walletId: string | null;
  /** the account's start: created, or its first ledger entry if that is earlier (migrated balances) */
  since: Date;
}

async function accountOf(userId: string): Promise<Account | null> {
  const [row] = await db().$queryRaw<{ studentNo: string; name: string; createdAt: Date; walletId: string | null; firstEntry: Date | null }[]>`
    SELECT u."studentNo", u."name", u."createdAt", a."id"::text AS "walletId",
      (SELECT MIN(e."createdAt") FROM "postings" p JOIN "journal_entries" e ON e."id" = p."entryId" WHERE p."accountId" = a."id") AS "firstEntry"
    FROM "users" u LEFT JOIN "ledger_accounts" a ON a."userId" = u."id"
    WHERE u."id" = ${userId}::uuid`;
  if (!row) return null;
  const since = row.firstEntry && row.firstEntry < row.createdAt ? row.firstEntry : row.createdAt;
  return { studentNo: row.studentNo, name: row.name, walletId: row.walletId, since };
}

/** The months the student can open (newest first) and the one a bare /statement shows. */
export async function statementMonthsFor(userId: string, now = clockNow()): Promise<{ months: string[]; defaultMonth: string } | null> {
  const account = await accountOf(userId);
  if (!account) return null;
  return { months: statementMonths(account.since, now), defaultMonth: defaultStatementMonth(account.since, now) };
}

/** One student's statement of `month` ("YYYY-MM"); refused for a malformed or future month, or one before the account existed. */
export async function statementFor(userId: string, month: string, now = clockNow()): Promise<StatementResult> {
  const account = await accountOf(userId);
  if (!account) return { ok: false, reason: "NOT_FOUND" };
  const refusal = refuseMonth(month, account.since, now);
  if (refusal) return { ok: false, reason: refusal };
  const from = monthStart(month);
  const to = monthStart(shiftMonthKey(month, 1));
  const client = db();
  const wallet = account.walletId;
  // daily_usage by DATE bounds (its partitions, decision 014)
  const fromDay = `${month}-01`;
  const toDay = `${shiftMonthKey(month, 1)}-01`;

  const [balances, entries, usage, quota, holdings] = await Promise.all([
    wallet
      ? client.$queryRaw<{ opening: bigint; closing: bigint }[]>`
          SELECT COALESCE(SUM(p."amountFen") FILTER (WHERE e."createdAt" < ${from}), 0)::bigint AS "opening",
                 COALESCE(SUM(p."amountFen") FILTER (WHERE e."createdAt" < ${to}), 0)::bigint AS "closing"
          FROM "postings" p JOIN "journal_entries" e ON e."id" = p."entryId"
          WHERE p."accountId" = ${wallet}::uuid`
      : Promise.resolve([{ opening: 0n, closing: 0n }]),
    wallet
      ? client.$queryRaw<
          {
            id: string;
            at: Date;
            kind: string;
            key: string;
            amountFen: bigint;
            code: string | null;
            nameZh: string | null;
            nameEn: string | null;
            orderNo: string | null;
            channel: string | null;
          }[]
        >`
          SELECT e."id"::text AS "id", e."createdAt" AS "at", e."kind"::text AS "kind", e."idempotencyKey" AS "key", SUM(p."amountFen")::bigint AS "amountFen",
                 pk."code", pk."nameZh", pk."nameEn", o."orderNo", o."channel"::text AS "channel"
          FROM "postings" p
          JOIN "journal_entries" e ON e."id" = p."entryId"
          LEFT JOIN "package_holdings" h ON h."journalEntryId" = e."id"
          LEFT JOIN "packages" pk ON pk."id" = h."packageId"
          LEFT JOIN "recharge_orders" o ON o."journalEntryId" = e."id"
          WHERE p."accountId" = ${wallet}::uuid AND e."createdAt" >= ${from} AND e."createdAt" < ${to}
          GROUP BY e."id", pk."code", pk."nameZh", pk."nameEn", o."orderNo", o."channel"
          ORDER BY e."createdAt", e."id"`
      : Promise.resolve([]),
    client.$queryRaw<{ up: bigint; down: bigint }[]>`
      SELECT COALESCE(SUM("uploadBytes"), 0)::bigint AS "up", COALESCE(SUM("downloadBytes"), 0)::bigint AS "down"
      FROM "daily_usage" WHERE "userId" = ${userId}::uuid AND "day" >= ${fromDay}::date AND "day" < ${toDay}::date`,
    client.monthlyQuota.findUnique({ where: { userId_month: { userId, month } }, select: { freeBytes: true, freeUsedBytes: true } }),
    // packages held at some time in the month: what they used in all (the cap of package data, rules.ts splitData)
    client.$queryRaw<{ used: bigint }[]>`
      SELECT COALESCE(SUM("usedBytes"), 0)::bigint AS "used" FROM "package_holdings"
      WHERE "userId" = ${userId}::uuid AND "startsAt" < ${to} AND "expiresAt" > ${from}`,
  ]);

  const rows = entries.map((e) => ({ ...e, idempotencyKey: e.key }));
  const lines = groupLines(rows);
  const up = usage[0]?.up ?? 0n;
  const down = usage[0]?.down ?? 0n;
  const freeUsedBytes = quota?.freeUsedBytes ?? 0n;
  return {
    ok: true,
    statement: {
      month,
      from,
      to,
      partial: month === monthKey(now),
      studentNo: account.studentNo,
      name: account.name,
      openingFen: balances[0]?.opening ?? 0n,
      closingFen: balances[0]?.closing ?? 0n,
      inFen: lines.reduce((s, l) => s + l.inFen, 0n),
      outFen: lines.reduce((s, l) => s + l.outFen, 0n),
      lines,
      entries: rows.map((e) => ({
        id: e.id,
        at: e.at,
        kind: lineKindOf(e),
        amountFen: e.amountFen,
        packageCode: e.code,
        nameZh: e.nameZh,
        nameEn: e.nameEn,
        orderNo: e.orderNo,
        channel: e.channel,
      })),
      data: {
        totalBytes: up + down,
        uploadBytes: up,
        downloadBytes: down,
        freeBytes: quota?.freeBytes ?? 0n,
        ...splitData(up + down, freeUsedBytes, holdings[0]?.used ?? 0n),
      },
    },
  };
}

/** For staff (the admin issue builds the page): a student's statement, read with a reason and written to the audit log. */
export async function statementForStaff(input: { actorId: string; userId: string; month: string; reason: string; now?: Date }): Promise<StatementResult> {
  const result = await statementFor(input.userId, input.month, input.now ?? clockNow());
  await recordAudit({
    actorId: input.actorId,
    subjectId: input.userId,
    action: "staff.read.statement",
    data: { month: input.month, reason: input.reason, ok: result.ok },
  });
  return result;
}
