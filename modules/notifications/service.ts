import "server-only";
// Notifications for students, recorded once per dedupe key (e.g. quota80:2026-11). Delivery
// channels (WeChat template messages, e-mail) come later; the app lists them for now.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Tagged-template raw SQL (a Prisma transaction client or the RADIUS hot path's transaction). */
interface RawSqlClient {
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

export type NotificationKind = "QUOTA_80" | "QUOTA_100";

export interface QuotaAlert {
  userId: string;
  month: string;
  threshold: 80 | 100;
  grantedBytes: bigint;
  usedBytes: bigint;
}

/** Record quota alerts (one statement for any number); a repeated key is ignored. */
export async function recordQuotaAlerts(tx: RawSqlClient, alerts: QuotaAlert[]): Promise<void> {
  if (alerts.length === 0) return;
  const users = alerts.map((a) => a.userId);
  const kinds = alerts.map((a) => (a.threshold === 80 ? "QUOTA_80" : "QUOTA_100"));
  const keys = alerts.map((a) => `quota${a.threshold}:${a.month}`);
  const data = alerts.map((a) =>
    JSON.stringify({ month: a.month, threshold: a.threshold, grantedBytes: a.grantedBytes.toString(), usedBytes: a.usedBytes.toString() }),
  );
  await tx.$executeRaw`
    INSERT INTO "notifications" ("userId", "kind", "dedupeKey", "data", "createdAt")
    SELECT u, k, d, j::jsonb, ${clockNow()}::timestamptz FROM unnest(${users}::uuid[], ${kinds}::text[], ${keys}::text[], ${data}::text[]) AS v(u, k, d, j)
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
}

/**
 * Record one notification (any kind, e.g. PLAN_FAILED from modules/plans); a repeated
 * (userId, dedupeKey) is ignored. Returns whether it was recorded now.
 */
export async function recordNotification(
  tx: RawSqlClient,
  n: { userId: string; kind: string; dedupeKey: string; data?: Record<string, unknown> },
  at: Date = clockNow(),
): Promise<boolean> {
  const data = JSON.stringify(n.data ?? {}, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const count = await tx.$executeRaw`
    INSERT INTO "notifications" ("userId", "kind", "dedupeKey", "data", "createdAt")
    VALUES (${n.userId}::uuid, ${n.kind}, ${n.dedupeKey}, ${data}::jsonb, ${at}::timestamptz)
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
  return count > 0;
}

export interface NotificationRow {
  id: string;
  kind: string;
  data: unknown;
  createdAt: Date;
  readAt: Date | null;
}

export async function listNotifications(userId: string, opts: { take?: number; unreadOnly?: boolean } = {}): Promise<NotificationRow[]> {
  const rows = await db().notification.findMany({
    where: { userId, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(opts.take ?? 20, 1), 100),
    select: { id: true, kind: true, data: true, createdAt: true, readAt: true },
  });
  return rows.filter((r) => !falseQuota80(r)).map((r) => ({ ...r, id: r.id.toString() }));
}

export interface NotificationPage {
  rows: NotificationRow[];
  /** the id to pass as `before` for the next (older) page; null when there is none */
  nextCursor: string | null;
}

/**
 * One page of a student's notifications, newest first (created time, then id), strictly older
 * than the `before` notification — which must be the student's own, or the page is empty (a
 * cursor is never a way to look at another student's rows). The cursor is the last row fetched,
 * shown or not, so a hidden false 80 % notice never stops the paging.
 */
export async function listNotificationsPage(userId: string, opts: { before?: string | null; take: number }): Promise<NotificationPage> {
  const take = Math.min(Math.max(Math.trunc(opts.take), 1), 200);
  let older = {};
  if (opts.before != null) {
    if (!/^\d{1,19}$/.test(opts.before)) return { rows: [], nextCursor: null };
    const cursor = await db().notification.findFirst({ where: { id: BigInt(opts.before), userId }, select: { id: true, createdAt: true } });
    if (!cursor) return { rows: [], nextCursor: null };
    older = { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
  }
  const raw = await db().notification.findMany({
    where: { userId, ...older },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, kind: true, data: true, createdAt: true, readAt: true },
  });
  const page = raw.slice(0, take);
  return {
    rows: page.filter((r) => !falseQuota80(r)).map((r) => ({ ...r, id: r.id.toString() })),
    nextCursor: raw.length > take ? page[page.length - 1]!.id.toString() : null,
  };
}

/**
 * An 80 % notice recorded by a charge that went straight past 100 % ("80 GB of 80 GB used"),
 * before such a charge sent the 100 % notice alone: not shown.
 */
function falseQuota80(n: { kind: string; data: unknown }): boolean {
  if (n.kind !== "QUOTA_80" || typeof n.data !== "object" || n.data === null) return false;
  const { usedBytes, grantedBytes } = n.data as { usedBytes?: unknown; grantedBytes?: unknown };
  if (typeof usedBytes !== "string" || typeof grantedBytes !== "string" || !/^\d+$/.test(usedBytes) || !/^\d+$/.test(grantedBytes)) return false;
  return BigInt(usedBytes) >= BigInt(grantedBytes);
}

/** Unread notifications of one student, as the bell counts them (the hidden false 80 % notices left out). */
export async function countUnreadNotifications(userId: string): Promise<number> {
  const rows = await db().notification.findMany({ where: { userId, readAt: null }, select: { kind: true, data: true } });
  return rows.filter((r) => !falseQuota80(r)).length;
}

/**
 * Mark the student's own notifications read: all of them, or the ids given. An id that is not one
 * of the student's own (another student's, or none at all) refuses the whole call (NOT_FOUND).
 */
export async function markNotificationsRead(userId: string, ids?: string[]): Promise<number> {
  if (ids) {
    const wanted = [...new Set(ids)].map((i) => BigInt(i));
    if (wanted.some((i) => i > 9_223_372_036_854_775_807n)) throw new AppError("NOT_FOUND", { what: "notification" });
    const own = await db().notification.count({ where: { userId, id: { in: wanted } } });
    if (own !== wanted.length) throw new AppError("NOT_FOUND", { what: "notification" });
  }
  const r = await db().notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids.map((i) => BigInt(i)) } } : {}) },
    data: { readAt: clockNow() },
  });
  return r.count;
}
