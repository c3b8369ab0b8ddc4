import "server-only";
// "See the campus" (/admin): the figures the overview's charts refresh through GET /api/admin/dashboard,
// and the CSV of each table (GET /api/admin/dashboard/export). Every read uses a rollup or an index,
// never a scan of raw accounting (issue 12: < 200 ms server time at 50,000 students):
// - online / throttled now: live sessions by the (state, userId) index;
// - active today, top users: daily_usage (per user per Shanghai day, the day index and its month partitions);
// - traffic per day: campus_daily_traffic (closed days, summed once) + yesterday and today from daily_usage;
// - traffic per hour today: campus_hourly_usage (24 rows, added to by the accounting batch);
// - recharges and package sales: recharge_orders / package_holdings by their createdAt indexes;
// - NAS health: the sessions' (nasIp, state) index; CoA failures: coa_requests by its sentAt index.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dayDate, monthKey, startOfDay, startOfMonth } from "@/lib/time";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { csvLine } from "@/modules/finance/csv";
import { countUnknownRadiusUsers } from "@/modules/radius/unknown-users.service";

const DAY_MS = 86_400_000;
export const TRAFFIC_RANGES = [30, 180] as const;
export type TrafficRange = (typeof TRAFFIC_RANGES)[number];
/** How far back recharges and package sales go (days, today included). */
export const SALES_DAYS = 30;
/** Rows of the top-users table. */
export const TOP_USERS = 20;
/** CoA / Disconnect failures are counted over this window. */
export const COA_WINDOW_HOURS = 24;

export function parseRange(value: string | null | undefined): TrafficRange {
  if (value === null || value === undefined || value === "") return 30;
  const n = Number(value);
  if (n === 30 || n === 180) return n;
  throw new AppError("VALIDATION", { reason: "days" });
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The `n` Shanghai days ending with today's, oldest first, as DATE values (UTC midnight). */
function lastDays(now: Date, n: number): Date[] {
  const today = dayDate(now).getTime();
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * DAY_MS));
}

export interface LiveFigures {
  /** students with a live session */
  onlineNow: number;
  /** live sessions (a student may have several devices) */
  sessionsNow: number;
  /** students with traffic today (Shanghai day) */
  activeToday: number;
  /** students online at the throttled rate */
  throttledNow: number;
  /** distinct unknown RADIUS user names of the last days (/admin/queues/unknown-radius) */
  unknownRadiusUsers: number;
}

export async function liveFigures(now = clockNow()): Promise<LiveFigures> {
  const [[live], [today], unknown] = await Promise.all([
    db().$queryRaw<{ online: bigint; sessions: bigint; throttled: bigint }[]>`
      SELECT count(DISTINCT "userId")::bigint AS online, count(*)::bigint AS sessions,
             count(DISTINCT "userId") FILTER (WHERE "speedMode" = 'THROTTLED')::bigint AS throttled
      FROM "radius_sessions" WHERE "state" = 'ACTIVE' AND "userId" IS NOT NULL`,
    db().$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "daily_usage" WHERE "day" = ${isoDay(dayDate(now))}::date`,
    countUnknownRadiusUsers(now),
  ]);
  return {
    onlineNow: Number(live?.online ?? 0n),
    sessionsNow: Number(live?.sessions ?? 0n),
    throttledNow: Number(live?.throttled ?? 0n),
    activeToday: Number(today?.n ?? 0n),
    unknownRadiusUsers: unknown,
  };
}

export interface TrafficDay {
  /** YYYY-MM-DD (Shanghai) */
  day: string;
  uploadBytes: bigint;
  downloadBytes: bigint;
  activeUsers: number;
}

/**
 * Campus traffic per Shanghai day, the last `days` days, oldest first. Days before yesterday are
 * summed from daily_usage once and kept in campus_daily_traffic (a day's usage is complete by then);
 * yesterday and today are read live (at most 2 × students rows by the day index).
 */
export async function trafficPerDay(days: TrafficRange, now = clockNow()): Promise<TrafficDay[]> {
  const all = lastDays(now, days);
  const closed = all.slice(0, -2).map(isoDay);
  if (closed.length) {
    await db().$executeRaw`
      INSERT INTO "campus_daily_traffic" ("day", "uploadBytes", "downloadBytes", "activeUsers")
      SELECT m.d, COALESCE(SUM(u."uploadBytes"), 0)::bigint, COALESCE(SUM(u."downloadBytes"), 0)::bigint, count(u."userId")::int
      FROM unnest(${closed}::date[]) AS m(d)
      LEFT JOIN "daily_usage" u ON u."day" = m.d
      WHERE NOT EXISTS (SELECT 1 FROM "campus_daily_traffic" c WHERE c."day" = m.d)
      GROUP BY m.d
      ON CONFLICT ("day") DO NOTHING`;
  }
  const open = all.slice(-2).map(isoDay);
  const rows = await db().$queryRaw<{ day: Date; up: bigint; down: bigint; users: number }[]>`
    SELECT "day", "uploadBytes" AS up, "downloadBytes" AS down, "activeUsers" AS users
    FROM "campus_daily_traffic" WHERE "day" >= ${isoDay(all[0]!)}::date AND "day" < ${open[0]!}::date
    UNION ALL
    SELECT "day", SUM("uploadBytes")::bigint, SUM("downloadBytes")::bigint, count(*)::int
    FROM "daily_usage" WHERE "day" >= ${open[0]!}::date AND "day" <= ${open[1]!}::date GROUP BY "day"`;
  const byDay = new Map(rows.map((r) => [isoDay(r.day), r]));
  return all.map((d) => {
    const r = byDay.get(isoDay(d));
    return { day: isoDay(d), uploadBytes: r?.up ?? 0n, downloadBytes: r?.down ?? 0n, activeUsers: r?.users ?? 0 };
  });
}

export interface TrafficHour {
  /** 0–23, Asia/Shanghai */
  hour: number;
  uploadBytes: bigint;
  downloadBytes: bigint;
}

/** Campus traffic in each Asia/Shanghai hour of today (campus_hourly_usage, by the time of the accounting packet). */
export async function trafficPerHourToday(now = clockNow()): Promise<TrafficHour[]> {
  const from = startOfDay(now);
  const to = new Date(from.getTime() + DAY_MS);
  const rows = await db().$queryRaw<{ hour: Date; up: bigint; down: bigint }[]>`
    SELECT "hour", "uploadBytes" AS up, "downloadBytes" AS down FROM "campus_hourly_usage" WHERE "hour" >= ${from} AND "hour" < ${to}`;
  const byHour = new Map(rows.map((r) => [Math.floor((r.hour.getTime() - from.getTime()) / 3_600_000), r]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, uploadBytes: byHour.get(hour)?.up ?? 0n, downloadBytes: byHour.get(hour)?.down ?? 0n }));
}

export interface RechargeDay {
  day: string;
  channel: string;
  orders: number;
  amountFen: bigint;
}

/** Credited recharges per Shanghai day (of the order) and channel, the last SALES_DAYS days. */
export async function rechargesPerDay(now = clockNow()): Promise<RechargeDay[]> {
  const from = startOfDay(new Date(now.getTime() - (SALES_DAYS - 1) * DAY_MS));
  const rows = await db().$queryRaw<{ day: string; channel: string; orders: bigint; fen: bigint }[]>`
    SELECT to_char("createdAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, "channel"::text AS channel,
           count(*)::bigint AS orders, SUM(COALESCE("paidAmountFen", "amountFen"))::bigint AS fen
    FROM "recharge_orders" WHERE "createdAt" >= ${from} AND "createdAt" <= ${now} AND "state" = 'CREDITED'
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ day: r.day, channel: r.channel, orders: Number(r.orders), amountFen: r.fen }));
}

export interface PackageSalesDay {
  day: string;
  packageCode: string;
  sold: number;
  amountFen: bigint;
}

/** Packages exchanged (换购) per Shanghai day and package, the last SALES_DAYS days (refunded ones too: they were sold). */
export async function packageSalesPerDay(now = clockNow()): Promise<PackageSalesDay[]> {
  const from = startOfDay(new Date(now.getTime() - (SALES_DAYS - 1) * DAY_MS));
  const rows = await db().$queryRaw<{ day: string; code: string; sold: bigint; fen: bigint }[]>`
    SELECT to_char(h."createdAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, p."code" AS code,
           count(*)::bigint AS sold, SUM(h."priceFen")::bigint AS fen
    FROM "package_holdings" h JOIN "packages" p ON p."id" = h."packageId"
    WHERE h."createdAt" >= ${from} AND h."createdAt" <= ${now}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ day: r.day, packageCode: r.code, sold: Number(r.sold), amountFen: r.fen }));
}

export interface NasHealth {
  name: string;
  ipAddress: string;
  /** newest accounting seen from this NAS among the hot sessions table's rows, or null */
  lastAccountingAt: Date | null;
  liveSessions: number;
  /** CoA / Disconnect requests in the last COA_WINDOW_HOURS, and how many were not ACKed (NAK, timeout, error) */
  coaSent: number;
  coaFailed: number;
}

export async function nasHealth(now = clockNow()): Promise<NasHealth[]> {
  const since = new Date(now.getTime() - COA_WINDOW_HOURS * 3_600_000);
  const rows = await db().$queryRaw<{ name: string; ip: string; last: Date | null; live: bigint; sent: bigint; failed: bigint }[]>`
    SELECT n."name", n."ipAddress" AS ip, s.last, COALESCE(s.live, 0)::bigint AS live,
           COALESCE(c.sent, 0)::bigint AS sent, COALESCE(c.failed, 0)::bigint AS failed
    FROM "nas_clients" n
    LEFT JOIN LATERAL (
      SELECT max("lastUpdateAt") AS last, count(*) FILTER (WHERE "state" = 'ACTIVE') AS live
      FROM "radius_sessions" WHERE "nasIp" = n."ipAddress") s ON true
    LEFT JOIN (
      SELECT rs."nasIp", count(*) AS sent, count(*) FILTER (WHERE q."result" IN ('NAK', 'TIMEOUT', 'ERROR')) AS failed
      FROM "coa_requests" q JOIN "radius_sessions" rs ON rs."id" = q."sessionId"
      WHERE q."sentAt" >= ${since} AND q."sentAt" <= ${now}
      GROUP BY rs."nasIp") c ON c."nasIp" = n."ipAddress"
    ORDER BY n."name", n."ipAddress"`;
  return rows.map((r) => ({
    name: r.name,
    ipAddress: r.ip,
    lastAccountingAt: r.last,
    liveSessions: Number(r.live),
    coaSent: Number(r.sent),
    coaFailed: Number(r.failed),
  }));
}

export interface CampusDashboard {
  at: Date;
  live: LiveFigures;
  days: TrafficRange;
  trafficPerDay: TrafficDay[];
  trafficPerHour: TrafficHour[];
  recharges: RechargeDay[];
  packageSales: PackageSalesDay[];
  nas: NasHealth[];
}

/** Everything the overview's charts show except the top users (names: read and audited on their own). */
export async function campusDashboard(days: TrafficRange, now = clockNow()): Promise<CampusDashboard> {
  const [live, perDay, perHour, recharges, packageSales, nas] = await Promise.all([
    liveFigures(now),
    trafficPerDay(days, now),
    trafficPerHourToday(now),
    rechargesPerDay(now),
    packageSalesPerDay(now),
    nasHealth(now),
  ]);
  return { at: now, live, days, trafficPerDay: perDay, trafficPerHour: perHour, recharges, packageSales, nas };
}

export interface TopUser {
  studentNo: string;
  name: string;
  totalBytes: bigint;
}

/** The students with the most traffic this Shanghai month (daily_usage of the month's days); no audit. */
async function readTopUsers(now: Date, take: number): Promise<TopUser[]> {
  const from = isoDay(dayDate(startOfMonth(now)));
  const to = isoDay(dayDate(now));
  const rows = await db().$queryRaw<{ studentNo: string; name: string; total: bigint }[]>`
    SELECT u."studentNo", u."name", t.total FROM (
      SELECT "userId", SUM("uploadBytes" + "downloadBytes")::bigint AS total
      FROM "daily_usage" WHERE "day" >= ${from}::date AND "day" <= ${to}::date
      GROUP BY "userId" ORDER BY total DESC LIMIT ${take}) t
    JOIN "users" u ON u."id" = t."userId"
    ORDER BY t.total DESC, u."studentNo"`;
  return rows.map((r) => ({ studentNo: r.studentNo, name: r.name, totalBytes: r.total }));
}

/** Top users by traffic this month. It names students, so the read is audited (`staff.read.dashboard`). */
export async function topUsers(staff: Actor, now = clockNow(), take = TOP_USERS): Promise<{ month: string; users: TopUser[] }> {
  const month = monthKey(now);
  const users = await readTopUsers(now, take);
  await recordAudit({ actorId: staff.id, action: "staff.read.dashboard", data: { table: "top-users", month, shown: users.length } });
  return { month, users };
}

// ───────────────────────── CSV exports ─────────────────────────

export const EXPORT_TABLES = ["traffic-daily", "traffic-hourly", "recharges", "package-sales", "top-users", "nas"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export function parseExportTable(value: string | null): ExportTable {
  if (value && (EXPORT_TABLES as readonly string[]).includes(value)) return value as ExportTable;
  throw new AppError("VALIDATION", { reason: "table" });
}

/** The header and rows of one table view, as CSV cells. */
export async function exportRows(table: ExportTable, days: TrafficRange, now = clockNow()): Promise<{ header: string[]; rows: unknown[][] }> {
  switch (table) {
    case "traffic-daily":
      return {
        header: ["day", "upload_bytes", "download_bytes", "total_bytes", "active_students"],
        rows: (await trafficPerDay(days, now)).map((d) => [d.day, d.uploadBytes, d.downloadBytes, d.uploadBytes + d.downloadBytes, d.activeUsers]),
      };
    case "traffic-hourly": {
      const day = isoDay(dayDate(now));
      return {
        header: ["day", "hour_shanghai", "upload_bytes", "download_bytes", "total_bytes"],
        rows: (await trafficPerHourToday(now)).map((h) => [day, h.hour, h.uploadBytes, h.downloadBytes, h.uploadBytes + h.downloadBytes]),
      };
    }
    case "recharges":
      return { header: ["day", "channel", "orders", "amount_fen"], rows: (await rechargesPerDay(now)).map((r) => [r.day, r.channel, r.orders, r.amountFen]) };
    case "package-sales":
      return {
        header: ["day", "package", "sold", "amount_fen"],
        rows: (await packageSalesPerDay(now)).map((r) => [r.day, r.packageCode, r.sold, r.amountFen]),
      };
    case "top-users":
      return {
        header: ["month", "rank", "student_no", "name", "total_bytes"],
        rows: (await readTopUsers(now, TOP_USERS)).map((u, i) => [monthKey(now), i + 1, u.studentNo, u.name, u.totalBytes]),
      };
    case "nas":
      return {
        header: ["name", "ip_address", "last_accounting_utc", "live_sessions", `coa_sent_${COA_WINDOW_HOURS}h`, `coa_failed_${COA_WINDOW_HOURS}h`],
        rows: (await nasHealth(now)).map((n) => [n.name, n.ipAddress, n.lastAccountingAt?.toISOString() ?? "", n.liveSessions, n.coaSent, n.coaFailed]),
      };
  }
}

/** Rows per chunk written to the stream. */
const CSV_CHUNK = 100;

/**
 * One table view as CSV (UTF-8 with a BOM for Excel), streamed in chunks. The tables are aggregates
 * (at most 180 days, 24 hours, TOP_USERS students), read by the same rollups as the charts. The
 * export is audited (`export.csv`, export "dashboard.<table>") before anything is read, like the audit export.
 */
export async function streamDashboardCsv(table: ExportTable, days: TrafficRange, staff: Actor, now = clockNow()): Promise<ReadableStream<Uint8Array>> {
  await recordAudit({ actorId: staff.id, action: "export.csv", data: { export: `dashboard.${table}`, ...(table === "traffic-daily" ? { days } : {}) } });
  const enc = new TextEncoder();
  let rows: unknown[][] | null = null;
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (rows === null) {
          const t = await exportRows(table, days, now);
          rows = t.rows;
          controller.enqueue(enc.encode("\uFEFF" + csvLine(t.header)));
          return;
        }
        if (at >= rows.length) {
          controller.close();
          return;
        }
        controller.enqueue(
          enc.encode(
            rows
              .slice(at, at + CSV_CHUNK)
              .map(csvLine)
              .join(""),
          ),
        );
        at += CSV_CHUNK;
      },
    },
    { highWaterMark: 1 },
  );
}
