import "server-only";
// The self-service rules' policy (service_policy, one row, id = 1): appeal window, guest passes,
// pauses, device limit. Read through a short cache on hot paths (RADIUS authorize) and fresh where
// a student is shown a limit; staff edit it through the admin console (modules/admin/service.ts).
// Every staff edit of a policy (quota, recharge, service) keeps a revision here (decision 030).
import { now as clockNow, wallMs } from "@/lib/clock";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PolicyKind } from "@/lib/generated/prisma/enums";
import { GiB, MiB } from "@/lib/units";

/** Tagged-template raw SQL: a Prisma client or transaction, or the RADIUS hot path's pg client. */
interface RawSqlClient {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

export interface ServicePolicyView {
  appealWindowHours: number;
  appealMaxUsedBytes: bigint;
  guestPassMaxHours: number;
  guestPassMaxBytes: bigint;
  guestPassMaxLive: number;
  guestDownKbps: number;
  guestUpKbps: number;
  pauseMinDays: number;
  pauseMaxDays: number;
  deviceLimit: number;
}

/** The migration's column defaults; used only if the row is missing. */
export const DEFAULT_SERVICE_POLICY: ServicePolicyView = {
  appealWindowHours: 72,
  appealMaxUsedBytes: 100n * MiB,
  guestPassMaxHours: 6,
  guestPassMaxBytes: 2n * GiB,
  guestPassMaxLive: 3,
  guestDownKbps: 4096,
  guestUpKbps: 1024,
  pauseMinDays: 7,
  pauseMaxDays: 180,
  deviceLimit: 3,
};

/** The policy as stored now. */
export async function getServicePolicy(client: RawSqlClient = db()): Promise<ServicePolicyView> {
  const [row] = await client.$queryRaw<ServicePolicyView[]>`
    SELECT "appealWindowHours", "appealMaxUsedBytes", "guestPassMaxHours", "guestPassMaxBytes", "guestPassMaxLive",
           "guestDownKbps", "guestUpKbps", "pauseMinDays", "pauseMaxDays", "deviceLimit"
    FROM "service_policy" WHERE "id" = 1`;
  if (!row) return DEFAULT_SERVICE_POLICY;
  return { ...row, appealMaxUsedBytes: BigInt(row.appealMaxUsedBytes), guestPassMaxBytes: BigInt(row.guestPassMaxBytes) };
}

let cache: { at: number; policy: ServicePolicyView } | null = null;
const TTL_MS = 5_000;

/** For hot paths: at most TTL_MS old (every instance sees an edit within that). */
export async function getServicePolicyCached(client: RawSqlClient = db()): Promise<ServicePolicyView> {
  const t = wallMs();
  if (cache && t - cache.at < TTL_MS) return cache.policy;
  const policy = await getServicePolicy(client);
  cache = { at: t, policy };
  return policy;
}

/** For tests and the policy editor: the next cached read goes to the database. */
export function forgetCachedServicePolicy(): void {
  cache = null;
}

/** The stored row as JSON (bigints as strings), as revisions and the audit log keep it. */
export function servicePolicyJson(p: ServicePolicyView): PolicyJson {
  return {
    appealWindowHours: p.appealWindowHours,
    appealMaxUsedBytes: p.appealMaxUsedBytes.toString(),
    guestPassMaxHours: p.guestPassMaxHours,
    guestPassMaxBytes: p.guestPassMaxBytes.toString(),
    guestPassMaxLive: p.guestPassMaxLive,
    guestDownKbps: p.guestDownKbps,
    guestUpKbps: p.guestUpKbps,
    pauseMinDays: p.pauseMinDays,
    pauseMaxDays: p.pauseMaxDays,
    deviceLimit: p.deviceLimit,
  };
}

// ───────────────────────── revisions (policy_revisions) ─────────────────────────

/** A policy row as JSON: numbers, and bigints (bytes, fen) as decimal strings. */
export type PolicyJson = Record<string, string | number>;

/** The fields whose value differs, in `after`'s order. */
export function changedFields(before: PolicyJson, after: PolicyJson): string[] {
  return Object.keys(after).filter((k) => String(before[k]) !== String(after[k]));
}

/**
 * Locks a policy row (id = 1) until the transaction ends, so the "before" a revision records is the
 * value this edit replaced even when two staff members save at once.
 */
export async function lockPolicyRow(tx: Prisma.TransactionClient, kind: PolicyKind): Promise<void> {
  if (kind === "QUOTA") await tx.$queryRaw`SELECT 1 FROM "quota_policy" WHERE "id" = 1 FOR UPDATE`;
  else if (kind === "RECHARGE") await tx.$queryRaw`SELECT 1 FROM "recharge_policy" WHERE "id" = 1 FOR UPDATE`;
  else await tx.$queryRaw`SELECT 1 FROM "service_policy" WHERE "id" = 1 FOR UPDATE`;
}

/** Refuses an edit that changes nothing (POLICY_UNCHANGED); returns the changed fields otherwise. */
export function requireChange(before: PolicyJson, after: PolicyJson): string[] {
  const changed = changedFields(before, after);
  if (changed.length === 0) throw new AppError("POLICY_UNCHANGED");
  return changed;
}

/** Writes one revision inside the caller's transaction (the one that updates the policy row). */
export async function recordPolicyRevision(
  tx: Prisma.TransactionClient,
  r: { kind: PolicyKind; actorId: string; reason: string; before: PolicyJson; after: PolicyJson },
): Promise<{ id: bigint; changed: string[] }> {
  const changed = requireChange(r.before, r.after);
  const row = await tx.policyRevision.create({
    data: { kind: r.kind, actorId: r.actorId, reason: r.reason, values: r.after, previous: r.before, changed, createdAt: clockNow() },
    select: { id: true },
  });
  return { id: row.id, changed };
}

export interface PolicyRevisionView {
  id: bigint;
  kind: PolicyKind;
  values: PolicyJson;
  previous: PolicyJson;
  changed: string[];
  reason: string;
  createdAt: Date;
  actor: { studentNo: string; name: string };
}

/** One page of a policy's history, newest first: revisions with id < `before` (keyset on id). */
export async function listPolicyRevisions(
  kind: PolicyKind,
  opts: { before?: bigint; limit?: number } = {},
): Promise<{ rows: PolicyRevisionView[]; nextBefore: bigint | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const rows = await db().policyRevision.findMany({
    where: { kind, ...(opts.before ? { id: { lt: opts.before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      values: true,
      previous: true,
      changed: true,
      reason: true,
      createdAt: true,
      actor: { select: { studentNo: true, name: true } },
    },
  });
  const page = rows.slice(0, limit).map((r) => ({ ...r, values: r.values as PolicyJson, previous: r.previous as PolicyJson }));
  return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
}
