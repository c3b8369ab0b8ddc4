import "server-only";
// Usage history partitions (docs/decisions/014-usage-history-partitions.md): one partition per
// Asia/Shanghai month of radius_session_history ("startedAt"), daily_usage and device_daily_usage
// ("day"). Partitions are made ahead, expired session detail is dropped whole, and stopped
// sessions move out of the hot radius_sessions table into the history. Every function is
// idempotent and safe to run from several instances at once: the DDL is serialised by one
// transaction-level advisory lock (the same one the SQL function usage_month_partition takes),
// the archive move skips rows another run holds.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthKey, monthStart, shiftMonthKey } from "@/lib/time";
import { retentionPolicy, type RetentionPolicy } from "./retention";
import { pruneRadiusRejections } from "@/modules/radius/rejections.service";

export const HISTORY_TABLES = ["radius_session_history", "daily_usage", "device_daily_usage"] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];
const SESSION_DETAIL: HistoryTable = "radius_session_history";
const ROLLUPS: HistoryTable[] = ["daily_usage", "device_daily_usage"];

/** The key that usage_month_partition locks too (prisma/migrations/…_usage_partitions). */
const LOCK_KEY = "campusnet:usage_month_partition";
/** DDL waits at most this long for a lock instead of queueing accounting behind it; the next run retries. */
const LOCK_TIMEOUT = "10s";
const TX = { maxWait: 10_000, timeout: 300_000 } as const;

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

export interface Partition {
  table: HistoryTable;
  name: string;
  /** "YYYY-MM", or null for the DEFAULT partition */
  month: string | null;
}

const MONTH_PARTITION = /^(radius_session_history|daily_usage|device_daily_usage)_(\d{4})_(\d{2})$/;

function parsePartition(table: HistoryTable, name: string): Partition | null {
  if (name === `${table}_default`) return { table, name, month: null };
  const m = MONTH_PARTITION.exec(name);
  return m && m[1] === table ? { table, name, month: `${m[2]}-${m[3]}` } : null;
}

async function partitionsIn(tx: Tx | ReturnType<typeof db>): Promise<Partition[]> {
  const rows = await tx.$queryRaw<{ parent: string; name: string }[]>`
    SELECT p.relname AS parent, c.relname AS name
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = ANY(${[...HISTORY_TABLES]}::text[]) ORDER BY 1, 2`;
  return rows.map((r) => parsePartition(r.parent as HistoryTable, r.name)).filter((p): p is Partition => p !== null);
}

/** Every partition of the usage-history tables (for tests, the bench and the admin side). */
export async function listUsagePartitions(): Promise<Partition[]> {
  return partitionsIn(db());
}

/** Billing months that have rows waiting in a table's DEFAULT partition. */
async function monthsWaiting(tx: Tx, table: HistoryTable): Promise<string[]> {
  const rows =
    table === SESSION_DETAIL
      ? await tx.$queryRaw<
          { m: string }[]
        >`SELECT DISTINCT to_char("startedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m FROM "radius_session_history_default"`
      : table === "daily_usage"
        ? await tx.$queryRaw<{ m: string }[]>`SELECT DISTINCT to_char("day", 'YYYY-MM') AS m FROM "daily_usage_default"`
        : await tx.$queryRaw<{ m: string }[]>`SELECT DISTINCT to_char("day", 'YYYY-MM') AS m FROM "device_daily_usage_default"`;
  return rows.map((r) => r.m);
}

async function lockPartitions(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK_KEY}))::text`;
}

/** The first month whose partitions a policy keeps: anything before it has expired. */
function keptFrom(now: Date, months: number): string {
  return shiftMonthKey(monthKey(now), -months);
}

export interface EnsureReport {
  /** partitions made by this run (empty when everything was there: idempotent) */
  created: string[];
  /** rows moved out of DEFAULT partitions into their month's new partition */
  movedFromDefault: number;
}

/**
 * Partitions for the current month and the policy's months ahead of every usage-history table,
 * plus a partition for any month whose rows wait in a DEFAULT partition (they move into it).
 */
export async function ensureUsagePartitions(now = clockNow(), policy: RetentionPolicy = retentionPolicy()): Promise<EnsureReport> {
  const current = monthKey(now);
  const ahead = Array.from({ length: policy.monthsAhead + 1 }, (_, i) => shiftMonthKey(current, i));
  const detailFrom = keptFrom(now, policy.sessionDetailMonths);
  return db().$transaction(async (tx) => {
    await lockPartitions(tx);
    const have = new Set((await partitionsIn(tx)).map((p) => p.name));
    const created: string[] = [];
    let moved = 0;
    for (const table of HISTORY_TABLES) {
      const waiting = (await monthsWaiting(tx, table)).filter((m) => table !== SESSION_DETAIL || m >= detailFrom);
      for (const m of [...new Set([...ahead, ...waiting])].sort()) {
        if (have.has(`${table}_${m.replace("-", "_")}`)) continue;
        const [r] = await tx.$queryRaw<{ name: string }[]>`SELECT "usage_month_partition"(${table}, ${`${m}-01`}::date) AS name`;
        created.push(r!.name);
        if (waiting.includes(m)) moved += Number((await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "${r!.name}"`))[0]!.n);
      }
    }
    return { created, movedFromDefault: moved };
  }, TX);
}

export interface RetentionReport {
  /** expired partitions dropped (or detached, by the policy) */
  dropped: string[];
  detached: string[];
  /** expired rows deleted from DEFAULT partitions */
  deletedFromDefault: number;
}

/** Drops (or detaches) the partitions the policy no longer keeps: session detail only, unless rollups have a limit too. */
export async function applyRetention(now = clockNow(), policy: RetentionPolicy = retentionPolicy()): Promise<RetentionReport> {
  const limits: [HistoryTable, number][] = [[SESSION_DETAIL, policy.sessionDetailMonths]];
  if (policy.dailyRollupMonths !== null) for (const t of ROLLUPS) limits.push([t, policy.dailyRollupMonths]);
  return db().$transaction(async (tx) => {
    await lockPartitions(tx);
    const report: RetentionReport = { dropped: [], detached: [], deletedFromDefault: 0 };
    const parts = await partitionsIn(tx);
    for (const [table, months] of limits) {
      const from = keptFrom(now, months);
      for (const p of parts.filter((q) => q.table === table && q.month !== null && q.month < from)) {
        // names come from pg_class and matched MONTH_PARTITION: safe to quote
        if (policy.expired === "drop") {
          await tx.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
          report.dropped.push(p.name);
        } else {
          await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DETACH PARTITION "${p.name}"`);
          report.detached.push(p.name);
        }
      }
      const cut = monthStart(from);
      report.deletedFromDefault +=
        table === SESSION_DETAIL
          ? await tx.$executeRaw`DELETE FROM "radius_session_history_default" WHERE "startedAt" < ${cut}`
          : table === "daily_usage"
            ? await tx.$executeRaw`DELETE FROM "daily_usage_default" WHERE "day" < ${`${from}-01`}::date`
            : await tx.$executeRaw`DELETE FROM "device_daily_usage_default" WHERE "day" < ${`${from}-01`}::date`;
    }
    return report;
  }, TX);
}

const ARCHIVE_BATCH = 5_000;

/**
 * Moves sessions stopped more than `archiveAfterHours` ago from radius_sessions (the accounting
 * hot table) into radius_session_history, in batches. A late packet of a moved session is
 * recognised by accounting.service.ts and charged nothing.
 */
export async function archiveStoppedSessions(now = clockNow(), policy: RetentionPolicy = retentionPolicy()): Promise<{ moved: number }> {
  const before = new Date(now.getTime() - policy.archiveAfterHours * 3_600_000);
  let moved = 0;
  for (;;) {
    const n = await db().$executeRaw`
      WITH picked AS (
        SELECT "id" FROM "radius_sessions" WHERE "state" = 'STOPPED' AND "stoppedAt" < ${before}
        ORDER BY "stoppedAt" LIMIT ${ARCHIVE_BATCH} FOR UPDATE SKIP LOCKED
      ), gone AS (
        DELETE FROM "radius_sessions" s USING picked WHERE s."id" = picked."id" RETURNING s.*
      )
      INSERT INTO "radius_session_history" ("id", "acctUniqueId", "acctSessionId", "userId", "username", "nasIp", "nasIdentifier", "framedIp", "mac",
        "state", "inputOctets", "outputOctets", "startedAt", "lastUpdateAt", "stoppedAt", "terminateCause", "unknownUser", "speedMode", "guestPassId")
      SELECT "id", "acctUniqueId", "acctSessionId", "userId", "username", "nasIp", "nasIdentifier", "framedIp", "mac",
        "state", "inputOctets", "outputOctets", "startedAt", "lastUpdateAt", "stoppedAt", "terminateCause", "unknownUser", "speedMode", "guestPassId"
      FROM gone`;
    moved += n;
    if (n < ARCHIVE_BATCH) return { moved };
  }
}

/** The scheduled maintenance in one call: partitions ahead, archive stopped sessions, then expire (and RADIUS rejections past 90 days). */
export async function maintainUsageHistory(now = clockNow(), policy: RetentionPolicy = retentionPolicy()) {
  const ensured = await ensureUsagePartitions(now, policy);
  const archived = await archiveStoppedSessions(now, policy);
  const retention = await applyRetention(now, policy);
  const rejectionsPruned = await pruneRadiusRejections(now);
  return { ...ensured, archived: archived.moved, ...retention, rejectionsPruned };
}
