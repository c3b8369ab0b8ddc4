import "server-only";
// The quota module: the only writer of quota counters (monthly free quota used, package used).
import { now as clockNow, wallMs } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { monthKey, startOfNextMonth } from "@/lib/time";
import { GiB } from "@/lib/units";
import { drawOrder, holdingIsLive, speedModeFor, type SpeedMode } from "./rules";

type Tx = Prisma.TransactionClient;

/** Tagged-template raw SQL: a Prisma transaction client, or the RADIUS hot path's pg transaction. */
export interface RawSqlClient {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

export interface QuotaPolicyView {
  freeMonthlyBytes: bigint;
  highSpeedDownKbps: number;
  highSpeedUpKbps: number;
  throttledDownKbps: number;
  throttledUpKbps: number;
}

export const DEFAULT_POLICY: QuotaPolicyView = {
  freeMonthlyBytes: 20n * GiB,
  highSpeedDownKbps: 102400,
  highSpeedUpKbps: 51200,
  throttledDownKbps: 2048,
  throttledUpKbps: 1024,
};

export async function getPolicy(client: Tx = db()): Promise<QuotaPolicyView> {
  const p = await client.quotaPolicy.findUnique({ where: { id: 1 } });
  return p ?? DEFAULT_POLICY;
}

/** The monthly grant: created lazily the first time a month is touched, so every active account has it from the 1st. */
export async function ensureMonthlyQuota(client: Tx, userId: string, month: string, freeBytes?: bigint) {
  const grant = freeBytes ?? (await getPolicy(client)).freeMonthlyBytes;
  await client.$executeRaw`
    INSERT INTO "monthly_quotas" ("userId", "month", "freeBytes", "freeUsedBytes", "createdAt")
    VALUES (${userId}::uuid, ${month}, ${grant}, 0, ${clockNow()}::timestamptz)
    ON CONFLICT ("userId", "month") DO NOTHING`;
}

export interface QuotaSummary {
  month: string;
  freeBytes: bigint;
  freeUsedBytes: bigint;
  freeRemainingBytes: bigint;
  package: null | {
    holdingId: string;
    code: string;
    nameZh: string;
    nameEn: string;
    quotaBytes: bigint;
    usedBytes: bigint;
    remainingBytes: bigint;
    expiresAt: Date;
  };
  totalRemainingBytes: bigint;
  speedMode: SpeedMode;
  resetsAt: Date;
}

export async function getQuotaSummary(userId: string, now = clockNow()): Promise<QuotaSummary> {
  const client = db();
  const month = monthKey(now);
  let mq = await client.monthlyQuota.findUnique({ where: { userId_month: { userId, month } } });
  if (!mq) {
    await ensureMonthlyQuota(client, userId, month);
    mq = await client.monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId, month } } });
  }
  const holding = await client.packageHolding.findFirst({
    where: { userId, state: "ACTIVE" },
    select: { id: true, quotaBytes: true, usedBytes: true, expiresAt: true, state: true, package: { select: { code: true, nameZh: true, nameEn: true } } },
  });
  const live = holding && holdingIsLive(holding, now) ? holding : null;
  const freeRemainingBytes = mq.freeBytes - mq.freeUsedBytes;
  const packageRemaining = live ? live.quotaBytes - live.usedBytes : 0n;
  return {
    month,
    freeBytes: mq.freeBytes,
    freeUsedBytes: mq.freeUsedBytes,
    freeRemainingBytes,
    package: live
      ? {
          holdingId: live.id,
          code: live.package.code,
          nameZh: live.package.nameZh,
          nameEn: live.package.nameEn,
          quotaBytes: live.quotaBytes,
          usedBytes: live.usedBytes,
          remainingBytes: packageRemaining,
          expiresAt: live.expiresAt,
        }
      : null,
    totalRemainingBytes: freeRemainingBytes + packageRemaining,
    speedMode: speedModeFor(freeRemainingBytes, packageRemaining),
    resetsAt: startOfNextMonth(now),
  };
}

/** The policy for the hot paths (authorize, accounting): re-read at most every few seconds. */
let policyCache: { at: number; policy: QuotaPolicyView } | null = null;
const POLICY_TTL_MS = 5_000;
export async function getPolicyCached(client: RawSqlClient = db()): Promise<QuotaPolicyView> {
  const now = wallMs();
  if (policyCache && now - policyCache.at < POLICY_TTL_MS) return policyCache.policy;
  const [row] = await client.$queryRaw<QuotaPolicyView[]>`
    SELECT "freeMonthlyBytes", "highSpeedDownKbps", "highSpeedUpKbps", "throttledDownKbps", "throttledUpKbps" FROM "quota_policy" WHERE "id" = 1`;
  const policy = row ? { ...row, freeMonthlyBytes: BigInt(row.freeMonthlyBytes) } : DEFAULT_POLICY;
  policyCache = { at: now, policy };
  return policy;
}
/** For tests and the admin policy editor: the next read goes to the database. */
export function forgetCachedPolicy(): void {
  policyCache = null;
}

export interface ChargeItem {
  userId: string;
  bytes: bigint;
  at: Date;
}

export interface ChargeResult {
  userId: string;
  month: string;
  fromFree: bigint;
  fromPackage: bigint;
  throttledBytes: bigint;
  /** speed mode before and after this charge (before = after when nothing changed) */
  modeBefore: SpeedMode;
  speedMode: SpeedMode;
  /** high-speed quota granted for the month (free grant + the live package) and used of it */
  grantedBytes: bigint;
  usedBytes: bigint;
  /** thresholds (80, 100) crossed by this charge that had not been alerted this month yet */
  alerts: (80 | 100)[];
}

interface LockedMonth {
  userId: string;
  month: string;
  freeBytes: bigint;
  freeUsedBytes: bigint;
  alert80: boolean;
  alert100: boolean;
}
/** chargeUsageBatch's one locking statement: month rows (kind m: a/b = free granted/used) and holdings (kind h: a/b = quota/used). */
interface LockedRow {
  kind: "m" | "h";
  userId: string;
  month: string | null;
  a: bigint;
  b: bigint;
  alert80: boolean;
  alert100: boolean;
  id: string | null;
  expiresAt: Date | null;
  state: string | null;
}
interface LockedHolding {
  id: string;
  userId: string;
  quotaBytes: bigint;
  usedBytes: bigint;
  expiresAt: Date;
  state: string;
}

/**
 * Charge usage for many students in one go (the accounting hot path): O(1) statements per
 * call whatever the batch size, rows locked in a fixed order (month rows by user, then
 * holdings by user) so concurrent batches never deadlock on each other. Free quota first,
 * then the live package (rules.ts drawOrder); bytes beyond both are throttled traffic and
 * draw nothing. Alerts are marked on the month row here; the caller records the notification.
 */
export async function chargeUsageBatch(tx: RawSqlClient, items: ChargeItem[], now = clockNow()): Promise<ChargeResult[]> {
  const work = items.filter((i) => i.bytes > 0n).map((i) => ({ ...i, month: monthKey(i.at) }));
  if (work.length === 0) return [];
  const policy = await getPolicyCached(tx);
  const pairs = [...new Map(work.map((w) => [`${w.userId}|${w.month}`, w])).values()].sort((a, b) =>
    a.userId === b.userId ? a.month.localeCompare(b.month) : a.userId.localeCompare(b.userId),
  );
  const pu = pairs.map((p) => p.userId);
  const pm = pairs.map((p) => p.month);
  const users = [...new Set(pu)];
  // One round trip: create the month rows not there yet, lock the others, lock the live holdings.
  // Rows another transaction creates while this statement waits are not in its snapshot: the
  // second look below locks them.
  const locked = await tx.$queryRaw<LockedRow[]>`
    WITH v AS (SELECT * FROM unnest(${pu}::uuid[], ${pm}::text[]) AS v(u, m)),
    ins AS (
      INSERT INTO "monthly_quotas" ("userId", "month", "freeBytes", "freeUsedBytes", "createdAt")
      SELECT u, m, ${policy.freeMonthlyBytes}, 0, ${now}::timestamptz FROM v
      ON CONFLICT ("userId", "month") DO NOTHING
      RETURNING "userId", "month", "freeBytes", "freeUsedBytes"
    ),
    old AS (
      SELECT q."userId", q."month", q."freeBytes", q."freeUsedBytes", (q."alert80At" IS NOT NULL) AS a80, (q."alert100At" IS NOT NULL) AS a100
      FROM "monthly_quotas" q JOIN v ON q."userId" = v.u AND q."month" = v.m
      ORDER BY q."userId", q."month" FOR UPDATE OF q
    ),
    h AS (
      SELECT "id", "userId", "quotaBytes", "usedBytes", "expiresAt", "state" FROM "package_holdings"
      WHERE "userId" = ANY(${users}::uuid[]) AND "state" = 'ACTIVE'
      ORDER BY "userId" FOR UPDATE
    )
    SELECT 'm' AS "kind", "userId"::text AS "userId", "month", "freeBytes" AS "a", "freeUsedBytes" AS "b", false AS "alert80", false AS "alert100",
           NULL::text AS "id", NULL::timestamptz AS "expiresAt", NULL::text AS "state" FROM ins
    UNION ALL
    SELECT 'm', "userId"::text, "month", "freeBytes", "freeUsedBytes", a80, a100, NULL, NULL, NULL FROM old
    UNION ALL
    SELECT 'h', "userId"::text, NULL, "quotaBytes", "usedBytes", false, false, "id"::text, "expiresAt", "state"::text FROM h`;
  const months: LockedMonth[] = [];
  const holdings: LockedHolding[] = [];
  for (const r of locked) {
    if (r.kind === "m") months.push({ userId: r.userId, month: r.month!, freeBytes: r.a, freeUsedBytes: r.b, alert80: r.alert80, alert100: r.alert100 });
    else holdings.push({ id: r.id!, userId: r.userId, quotaBytes: r.a, usedBytes: r.b, expiresAt: r.expiresAt!, state: r.state! });
  }
  const seen = new Set(months.map((m) => `${m.userId}|${m.month}`));
  const late = pairs.filter((p) => !seen.has(`${p.userId}|${p.month}`));
  if (late.length) {
    months.push(
      ...(await tx.$queryRaw<LockedMonth[]>`
        SELECT q."userId"::text AS "userId", q."month", q."freeBytes", q."freeUsedBytes",
               (q."alert80At" IS NOT NULL) AS "alert80", (q."alert100At" IS NOT NULL) AS "alert100"
        FROM "monthly_quotas" q JOIN unnest(${late.map((p) => p.userId)}::uuid[], ${late.map((p) => p.month)}::text[]) AS v(u, m) ON q."userId" = v.u AND q."month" = v.m
        ORDER BY q."userId", q."month" FOR UPDATE OF q`),
    );
  }
  const monthBy = new Map(months.map((m) => [`${m.userId}|${m.month}`, m]));
  const holdingBy = new Map(holdings.map((h) => [h.userId, h]));
  const startFree = new Map(months.map((m) => [`${m.userId}|${m.month}`, m.freeUsedBytes]));
  const startPkg = new Map(holdings.map((h) => [h.id, h.usedBytes]));
  const currentMonth = monthKey(now);
  const results: ChargeResult[] = [];

  for (const w of work) {
    const mq = monthBy.get(`${w.userId}|${w.month}`)!;
    const h = holdingBy.get(w.userId);
    const live = h && holdingIsLive(h, w.at) ? h : null;
    const freeRemaining = mq.freeBytes - mq.freeUsedBytes;
    const pkgRemaining = live ? live.quotaBytes - live.usedBytes : 0n;
    const modeBefore = speedModeFor(freeRemaining, pkgRemaining);
    const draw = drawOrder(freeRemaining, pkgRemaining, w.bytes);
    mq.freeUsedBytes += draw.fromFree;
    if (live) live.usedBytes += draw.fromPackage;
    const granted = mq.freeBytes + (live ? live.quotaBytes : 0n);
    const used = mq.freeUsedBytes + (live ? live.usedBytes : 0n);
    const alerts: (80 | 100)[] = [];
    if (w.month === currentMonth && granted > 0n) {
      // Only the notice that is true now: a charge that goes past 100 % sends the 100 % notice
      // alone (an 80 % one would read "80 GB of 80 GB used") and marks 80 % as passed too.
      if (!mq.alert100 && used >= granted) {
        mq.alert100 = true;
        mq.alert80 = true;
        alerts.push(100);
      } else if (!mq.alert80 && used < granted && used * 100n >= granted * 80n) {
        mq.alert80 = true;
        alerts.push(80);
      }
    }
    results.push({
      userId: w.userId,
      month: w.month,
      ...draw,
      modeBefore,
      speedMode: speedModeFor(mq.freeBytes - mq.freeUsedBytes, live ? live.quotaBytes - live.usedBytes : 0n),
      grantedBytes: granted,
      usedBytes: used,
      alerts,
    });
  }

  const changedMonths = months.filter(
    (m) => m.freeUsedBytes !== startFree.get(`${m.userId}|${m.month}`) || results.some((r) => r.userId === m.userId && r.month === m.month && r.alerts.length),
  );
  const changedHoldings = holdings.filter((h) => h.usedBytes !== startPkg.get(h.id));
  if (changedMonths.length || changedHoldings.length) {
    const alerted = new Set(results.filter((r) => r.alerts.length).map((r) => `${r.userId}|${r.month}`));
    const mu = changedMonths.map((m) => m.userId);
    const mm = changedMonths.map((m) => m.month);
    const mf = changedMonths.map((m) => m.freeUsedBytes);
    const a80 = changedMonths.map((m) => m.alert80 && alerted.has(`${m.userId}|${m.month}`));
    const a100 = changedMonths.map((m) => m.alert100 && alerted.has(`${m.userId}|${m.month}`));
    const hi = changedHoldings.map((h) => h.id);
    const hu = changedHoldings.map((h) => h.usedBytes);
    // both counters in one round trip (the rows are locked above)
    await tx.$executeRaw`
      WITH mq AS (
        UPDATE "monthly_quotas" q SET "freeUsedBytes" = v.f,
          "alert80At" = CASE WHEN v.a80 AND q."alert80At" IS NULL THEN ${now} ELSE q."alert80At" END,
          "alert100At" = CASE WHEN v.a100 AND q."alert100At" IS NULL THEN ${now} ELSE q."alert100At" END
        FROM unnest(${mu}::uuid[], ${mm}::text[], ${mf}::bigint[], ${a80}::boolean[], ${a100}::boolean[]) AS v(u, m, f, a80, a100)
        WHERE q."userId" = v.u AND q."month" = v.m
        RETURNING 1
      )
      UPDATE "package_holdings" p SET "usedBytes" = v.used,
        "state" = CASE WHEN v.used >= p."quotaBytes" THEN 'USED_UP'::"HoldingState" ELSE p."state" END
      FROM unnest(${hi}::uuid[], ${hu}::bigint[]) AS v(id, used) WHERE p."id" = v.id`;
  }
  return results;
}

/**
 * Charge high-speed usage against one student's quota, free quota first, then the live
 * package. Locks the month's quota row, so concurrent charges for one student serialise.
 * Returns what was drawn from where; bytes beyond both are throttled traffic and draw nothing.
 */
export async function chargeUsage(tx: Tx, userId: string, bytes: bigint, at: Date) {
  const [r] = await chargeUsageBatch(tx, [{ userId, bytes, at }], at);
  if (!r) {
    const s = await speedStateIn(tx, userId, at);
    return { fromFree: 0n, fromPackage: 0n, throttledBytes: 0n, speedMode: s.speedMode };
  }
  return { fromFree: r.fromFree, fromPackage: r.fromPackage, throttledBytes: r.throttledBytes, speedMode: r.speedMode };
}

export interface SpeedState {
  speedMode: SpeedMode;
  freeRemainingBytes: bigint;
  packageRemainingBytes: bigint;
}

/** What the speed state is computed from: this month's free quota row and the active holding (columns as selected by the readers). */
export interface SpeedStateRow {
  freeBytes: bigint | null;
  freeUsedBytes: bigint | null;
  quotaBytes: bigint | null;
  usedBytes: bigint | null;
  expiresAt: Date | null;
  state: string | null;
}

/** The speed mode right now, read-only (a month not touched yet counts as the full free grant). */
export async function speedStateIn(client: RawSqlClient, userId: string, now = clockNow()): Promise<SpeedState> {
  const month = monthKey(now);
  const [row] = await client.$queryRaw<SpeedStateRow[]>`
    SELECT q."freeBytes", q."freeUsedBytes", h."quotaBytes", h."usedBytes", h."expiresAt", h."state"::text AS "state"
    FROM (SELECT 1) one
    LEFT JOIN "monthly_quotas" q ON q."userId" = ${userId}::uuid AND q."month" = ${month}
    LEFT JOIN "package_holdings" h ON h."userId" = ${userId}::uuid AND h."state" = 'ACTIVE'`;
  return speedStateFrom(row ?? null, await getPolicyCached(client), now);
}

/** Pure: the speed state from a month row and the active holding (either may be missing). */
export function speedStateFrom(row: SpeedStateRow | null, policy: QuotaPolicyView, now: Date): SpeedState {
  const freeRemainingBytes = row?.freeBytes != null ? row.freeBytes - (row.freeUsedBytes ?? 0n) : policy.freeMonthlyBytes;
  const h =
    row?.quotaBytes != null
      ? { state: row.state ?? "", quotaBytes: row.quotaBytes, usedBytes: row.usedBytes ?? 0n, expiresAt: row.expiresAt ?? new Date(0) }
      : null;
  const packageRemainingBytes = h && holdingIsLive(h, now) ? h.quotaBytes - h.usedBytes : 0n;
  return { speedMode: speedModeFor(freeRemainingBytes, packageRemainingBytes), freeRemainingBytes, packageRemainingBytes };
}
