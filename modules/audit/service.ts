import "server-only";
// The audit trail (audit_log): what staff did and read, and refused sign-ins. recordAudit is its
// only writer and listAudit its only reader (docs/decisions/010-orders-module.md); the table is
// append-only in the database (a trigger refuses UPDATE, DELETE and TRUNCATE), so an entry,
// once written, stays as written.
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The staff member (or other user) on whose behalf a service reads or writes: the guard's user. */
export interface Actor {
  id: string;
}

export interface AuditEntry {
  /** who acted (a staff member, the student); null for the system or an unknown caller */
  actorId: string | null;
  /** whose record it concerns, if one user's */
  subjectId?: string | null;
  /** dotted name, e.g. `staff.read.user`, `export.csv`, `signin.refused.identity_conflict` */
  action: string;
  /** what was read, exported or changed: plain JSON (bigints become strings) */
  data?: Record<string, unknown>;
}

/** Longest string kept in `data`: entries quote what a user typed (notes, reasons, queries). */
const MAX_TEXT = 2000;

/** JSON for the `data` column: bigint → string, Date → ISO string, undefined dropped, strings cut and NUL-free (jsonb refuses \u0000). */
function toJson(data: Record<string, unknown>): Prisma.InputJsonValue {
  const replacer = (_k: string, v: unknown) =>
    typeof v === "bigint" ? v.toString() : typeof v === "string" ? v.replace(/\u0000/g, "\uFFFD").slice(0, MAX_TEXT) : v;
  return JSON.parse(JSON.stringify(data, replacer)) as Prisma.InputJsonValue;
}

/**
 * Writes one audit entry. Pass `tx` to write it in the caller's transaction (it commits or
 * rolls back with the change it describes); without it the entry is written at once.
 */
export async function recordAudit(entry: AuditEntry, tx?: Prisma.TransactionClient): Promise<void> {
  await (tx ?? db()).auditLog.create({
    data: {
      actorId: entry.actorId,
      subjectId: entry.subjectId ?? null,
      action: entry.action,
      ...(entry.data === undefined ? {} : { data: toJson(entry.data) }),
    },
  });
}

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  action?: string;
  /** Asia/Shanghai days, YYYY-MM-DD, both included */
  fromDay?: string;
  toDay?: string;
  take?: number;
  skip?: number;
}

export interface AuditRow {
  id: bigint;
  at: Date;
  action: string;
  actor: { id: string; studentNo: string; name: string } | null;
  subject: { id: string; studentNo: string; name: string } | null;
  data: unknown;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string, plusDays = 0): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  if (!DAY_RE.test(day) || Number.isNaN(d.getTime())) throw new AppError("VALIDATION", { reason: "day" });
  return new Date(d.getTime() + plusDays * 86_400_000);
}

function uuidOrInvalid(id: string): string {
  if (!UUID_RE.test(id)) throw new AppError("VALIDATION", { reason: "id" });
  return id;
}

/**
 * The audit viewer's read, newest first. Reading the trail is itself audited
 * (`staff.read.audit` with the filter and how many were shown): it shows what staff read of
 * students. The caller's guard decides who may call it; this only records who did.
 */
export async function listAudit(filter: AuditFilter, staff: Actor): Promise<{ items: AuditRow[]; total: number; take: number; skip: number }> {
  const take = Math.min(Math.max(Math.trunc(filter.take ?? 50) || 50, 1), 200);
  const skip = Math.max(Math.trunc(filter.skip ?? 0) || 0, 0);
  const createdAt = {
    ...(filter.fromDay ? { gte: dayStart(filter.fromDay) } : {}),
    ...(filter.toDay ? { lt: dayStart(filter.toDay, 1) } : {}),
  };
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.actorId ? { actorId: uuidOrInvalid(filter.actorId) } : {}),
    ...(filter.subjectId ? { subjectId: uuidOrInvalid(filter.subjectId) } : {}),
    ...(filter.action ? { action: filter.action.endsWith(".") ? { startsWith: filter.action } : filter.action } : {}),
    ...(filter.fromDay || filter.toDay ? { createdAt } : {}),
  };
  const person = { select: { id: true, studentNo: true, name: true } } as const;
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      take,
      skip,
      select: { id: true, createdAt: true, action: true, data: true, actor: person, subject: person },
    }),
    db().auditLog.count({ where }),
  ]);
  await recordAudit({ actorId: staff.id, action: "staff.read.audit", data: { filter: { ...filter, take, skip }, shown: rows.length, total } });
  return { items: rows.map((r) => ({ id: r.id, at: r.createdAt, action: r.action, actor: r.actor, subject: r.subject, data: r.data })), total, take, skip };
}
