import "server-only";
// Read models for the network office (/admin), and the admin settings (policies, NAS clients).
import type { z } from "zod";
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { monthKey, startOfMonth } from "@/lib/time";
import { SYSTEM_ACCOUNT } from "@/modules/ledger/service";
import { recordAudit } from "@/modules/audit/service";
import {
  forgetCachedServicePolicy,
  getServicePolicy,
  listPolicyRevisions,
  lockPolicyRow,
  recordPolicyRevision,
  requireChange,
  servicePolicyJson,
  type PolicyRevisionView,
  type ServicePolicyView,
} from "@/modules/policy/service";
import { forgetCachedPolicy, getPolicy, type QuotaPolicyView } from "@/modules/quota/service";
import { forgetNasCache } from "@/modules/radius/coa.service";
import { getRechargePolicy, type RechargePolicyView } from "@/modules/recharge/service";
import {
  nasClientSchema,
  nasClientUpdateSchema,
  quotaPolicyEditSchema,
  rechargePolicyEditSchema,
  servicePolicyEditSchema,
  type NasClientUpdateValues,
  type NasClientValues,
  type PolicyKindParam,
  type QuotaPolicyEdit,
  type RechargePolicyEdit,
  type ServicePolicyEdit,
} from "./schemas";

export interface AdminOverview {
  students: number;
  throttledNow: number;
  activePackages: number;
  exchangesThisMonth: number;
  packageRevenueThisMonthFen: bigint;
  walletTotalFen: bigint;
  /** when these figures were counted (the page shows it: they may be up to a minute or two old) */
  asOf: Date;
}

/**
 * The campus figures counted exactly, now: every student, this month's quotas, holdings, the
 * month's revenue postings and every wallet. Hundreds of milliseconds at 50,000 students, so it runs
 * in the admin-kpis job (refreshAdminKpis), not per page view (decision 032).
 */
export async function countAdminOverview(now = clockNow()): Promise<Omit<AdminOverview, "asOf">> {
  const month = monthKey(now);
  const from = startOfMonth(now);
  const [row] = await db().$queryRaw<
    { students: bigint; throttled: bigint; active: bigint; exchanges: bigint; revenue: bigint | null; wallets: bigint | null }[]
  >`
    SELECT
      (SELECT COUNT(*) FROM "users" WHERE "role" = 'STUDENT') AS students,
      (SELECT COUNT(*) FROM "monthly_quotas" mq
        WHERE mq."month" = ${month} AND mq."freeUsedBytes" >= mq."freeBytes"
          AND NOT EXISTS (SELECT 1 FROM "package_holdings" h WHERE h."userId" = mq."userId" AND h."state" = 'ACTIVE'
                          AND h."usedBytes" < h."quotaBytes" AND h."expiresAt" > ${now})) AS throttled,
      (SELECT COUNT(*) FROM "package_holdings" WHERE "state" = 'ACTIVE' AND "usedBytes" < "quotaBytes" AND "expiresAt" > ${now}) AS active,
      (SELECT COUNT(*) FROM "package_holdings" WHERE "createdAt" >= ${from}) AS exchanges,
      (SELECT COALESCE(SUM(p."amountFen"), 0)::bigint FROM "postings" p JOIN "ledger_accounts" a ON a."id" = p."accountId"
        WHERE a."code" = ${SYSTEM_ACCOUNT.PACKAGE_REVENUE} AND p."createdAt" >= ${from}) AS revenue,
      (SELECT COALESCE(SUM("balanceFen"), 0)::bigint FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET') AS wallets`;
  return {
    students: Number(row!.students),
    throttledNow: Number(row!.throttled),
    activePackages: Number(row!.active),
    exchangesThisMonth: Number(row!.exchanges),
    packageRevenueThisMonthFen: row!.revenue ?? 0n,
    walletTotalFen: row!.wallets ?? 0n,
  };
}

/** The admin-kpis job (every minute): counts the figures and keeps them in admin_kpi_snapshots row 1. */
export async function refreshAdminKpis(now = clockNow()): Promise<AdminOverview & { tookMs: number }> {
  const started = performance.now();
  const figures = await countAdminOverview(now);
  const tookMs = Math.round(performance.now() - started);
  const data = { month: monthKey(now), ...figures, computedAt: now, tookMs };
  await db().adminKpiSnapshot.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return { ...figures, asOf: now, tookMs };
}

/** A snapshot older than this is not shown (the job has stopped): the page counts for itself. */
export const KPI_STALE_MS = 10 * 60_000;

/**
 * The /admin overview's figures: the admin-kpis job's snapshot, as of its time. Counted here instead
 * (and kept) when there is none yet, it is older than KPI_STALE_MS, from another month, or from the
 * future (a test clock set back).
 */
export async function getAdminOverview(now = clockNow()): Promise<AdminOverview> {
  const snap = await db().adminKpiSnapshot.findUnique({ where: { id: 1 } });
  const age = snap ? now.getTime() - snap.computedAt.getTime() : Infinity;
  if (!snap || snap.month !== monthKey(now) || age < 0 || age > KPI_STALE_MS) {
    const { tookMs: _took, ...fresh } = await refreshAdminKpis(now);
    return fresh;
  }
  return {
    students: snap.students,
    throttledNow: snap.throttledNow,
    activePackages: snap.activePackages,
    exchangesThisMonth: snap.exchangesThisMonth,
    packageRevenueThisMonthFen: snap.packageRevenueThisMonthFen,
    walletTotalFen: snap.walletTotalFen,
    asOf: snap.computedAt,
  };
}

// ───────────────────────── settings ─────────────────────────

/** Services take already-parsed values; a bad one is a VALIDATION error, not a 500. */
function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("VALIDATION");
  return r.data;
}

function quotaJson(p: QuotaPolicyView) {
  return {
    freeMonthlyBytes: p.freeMonthlyBytes.toString(),
    highSpeedDownKbps: p.highSpeedDownKbps,
    highSpeedUpKbps: p.highSpeedUpKbps,
    throttledDownKbps: p.throttledDownKbps,
    throttledUpKbps: p.throttledUpKbps,
  };
}

export async function getQuotaPolicy(): Promise<QuotaPolicyView> {
  const p = await getPolicy();
  return {
    freeMonthlyBytes: p.freeMonthlyBytes,
    highSpeedDownKbps: p.highSpeedDownKbps,
    highSpeedUpKbps: p.highSpeedUpKbps,
    throttledDownKbps: p.throttledDownKbps,
    throttledUpKbps: p.throttledUpKbps,
  };
}

/**
 * Writes quota_policy row 1, its revision (with the reason) and an audit entry in one transaction;
 * an edit that changes nothing is refused (POLICY_UNCHANGED) and writes nothing. The RADIUS path
 * re-reads the policy within seconds (getPolicyCached); the free quota applies from the next monthly grant.
 */
export async function updateQuotaPolicy(actorId: string, input: QuotaPolicyEdit): Promise<QuotaPolicyView> {
  const { reason, ...values } = check(quotaPolicyEditSchema, input);
  const after = await db().$transaction(async (tx) => {
    await lockPolicyRow(tx, "QUOTA");
    const before = quotaJson(await getPolicy(tx));
    requireChange(before, quotaJson(values));
    const row = await tx.quotaPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...values }, update: values });
    const saved: QuotaPolicyView = {
      freeMonthlyBytes: row.freeMonthlyBytes,
      highSpeedDownKbps: row.highSpeedDownKbps,
      highSpeedUpKbps: row.highSpeedUpKbps,
      throttledDownKbps: row.throttledDownKbps,
      throttledUpKbps: row.throttledUpKbps,
    };
    const revision = await recordPolicyRevision(tx, { kind: "QUOTA", actorId, reason, before, after: quotaJson(saved) });
    await recordAudit({ actorId, action: "policy.quota.update", data: { before, after: quotaJson(saved), reason, revisionId: revision.id.toString() } }, tx);
    return saved;
  });
  forgetCachedPolicy();
  return after;
}

function rechargeJson(p: RechargePolicyView) {
  return { minFen: p.minFen.toString(), maxFen: p.maxFen.toString(), orderTimeoutMinutes: p.orderTimeoutMinutes };
}

export async function getRechargePolicySettings(): Promise<RechargePolicyView> {
  return getRechargePolicy();
}

/** Writes recharge_policy row 1 (min/max per order in fen, order timeout), its revision and an audit entry. */
export async function updateRechargePolicy(actorId: string, input: RechargePolicyEdit): Promise<RechargePolicyView> {
  const { reason, ...values } = check(rechargePolicyEditSchema, input);
  return db().$transaction(async (tx) => {
    await lockPolicyRow(tx, "RECHARGE");
    const before = rechargeJson(await getRechargePolicy(tx));
    requireChange(before, rechargeJson(values));
    const row = await tx.rechargePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...values }, update: values });
    const saved = { minFen: row.minFen, maxFen: row.maxFen, orderTimeoutMinutes: row.orderTimeoutMinutes };
    const revision = await recordPolicyRevision(tx, { kind: "RECHARGE", actorId, reason, before, after: rechargeJson(saved) });
    await recordAudit(
      { actorId, action: "policy.recharge.update", data: { before, after: rechargeJson(saved), reason, revisionId: revision.id.toString() } },
      tx,
    );
    return saved;
  });
}

export async function getServicePolicySettings(): Promise<ServicePolicyView> {
  return getServicePolicy();
}

/**
 * Writes service_policy row 1 (appeal window, guest passes, pauses, device limit), its revision and an
 * audit entry. Hot paths read it through a 5-second cache (getServicePolicyCached).
 */
export async function updateServicePolicy(actorId: string, input: ServicePolicyEdit): Promise<ServicePolicyView> {
  const { reason, ...values } = check(servicePolicyEditSchema, input);
  const after = await db().$transaction(async (tx) => {
    await lockPolicyRow(tx, "SERVICE");
    const before = servicePolicyJson(await getServicePolicy(tx));
    requireChange(before, servicePolicyJson(values));
    await tx.servicePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...values }, update: values });
    const saved = await getServicePolicy(tx);
    const revision = await recordPolicyRevision(tx, { kind: "SERVICE", actorId, reason, before, after: servicePolicyJson(saved) });
    await recordAudit(
      { actorId, action: "policy.service.update", data: { before, after: servicePolicyJson(saved), reason, revisionId: revision.id.toString() } },
      tx,
    );
    return saved;
  });
  forgetCachedServicePolicy();
  return after;
}

const KIND = { quota: "QUOTA", recharge: "RECHARGE", service: "SERVICE" } as const;

/** A policy's history, newest first (keyset on the revision id); the page checks settings.manage. */
export async function getPolicyHistory(
  kind: PolicyKindParam,
  opts: { before?: bigint; limit?: number } = {},
): Promise<{ rows: PolicyRevisionView[]; nextBefore: bigint | null }> {
  return listPolicyRevisions(KIND[kind], opts);
}

export interface NasClientView {
  id: string;
  name: string;
  ipAddress: string;
  coaPort: number;
  createdAt: Date;
}
const nasSelect = { id: true, name: true, ipAddress: true, coaPort: true, createdAt: true } as const;

/** The NAS list without secrets: they never leave the server. */
export async function listNasClients(): Promise<NasClientView[]> {
  return db().nasClient.findMany({ select: nasSelect, orderBy: [{ name: "asc" }, { ipAddress: "asc" }] });
}

/** What the audit log keeps of a NAS: never the secret. */
function nasJson(n: Pick<NasClientView, "name" | "ipAddress" | "coaPort">) {
  return { name: n.name, ipAddress: n.ipAddress, coaPort: n.coaPort };
}

function nasConflict(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new AppError("NAS_IP_IN_USE");
  throw e;
}

export async function createNasClient(actorId: string, input: NasClientValues): Promise<NasClientView> {
  const values = check(nasClientSchema, { ...input, coaPort: String(input.coaPort) });
  const nas = await db()
    .$transaction(async (tx) => {
      const row = await tx.nasClient.create({ data: values, select: nasSelect });
      await recordAudit({ actorId, action: "nas.create", data: { after: nasJson(row) } }, tx);
      return row;
    })
    .catch(nasConflict);
  forgetNasCache();
  return nas;
}

/** Edits a NAS; a blank secret keeps the current one. */
export async function updateNasClient(actorId: string, input: NasClientUpdateValues): Promise<NasClientView> {
  const { id, secret, ...rest } = check(nasClientUpdateSchema, { ...input, coaPort: String(input.coaPort) });
  const nas = await db()
    .$transaction(async (tx) => {
      const before = await tx.nasClient.findUnique({ where: { id }, select: nasSelect });
      if (!before) throw new AppError("NOT_FOUND");
      const row = await tx.nasClient.update({ where: { id }, data: { ...rest, ...(secret ? { secret } : {}) }, select: nasSelect });
      await recordAudit({ actorId, action: "nas.update", data: { before: nasJson(before), after: nasJson(row), secretChanged: Boolean(secret) } }, tx);
      return row;
    })
    .catch(nasConflict);
  forgetNasCache();
  return nas;
}

export async function deleteNasClient(actorId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.nasClient.findUnique({ where: { id }, select: nasSelect });
    if (!before) throw new AppError("NOT_FOUND");
    await tx.nasClient.delete({ where: { id } });
    await recordAudit({ actorId, action: "nas.delete", data: { before: nasJson(before) } }, tx);
  });
  forgetNasCache();
}
