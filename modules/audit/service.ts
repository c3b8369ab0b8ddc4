import "server-only";
// The audit trail (audit_log): what staff did and read, and refused sign-ins. recordAudit is its
// only writer; listAudit and streamAuditCsv its only readers (docs/decisions/010-orders-module.md); the table is
// append-only in the database (a trigger refuses UPDATE, DELETE and TRUNCATE), so an entry,
// once written, stays as written.
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isDayKey, shanghaiDateTime, shanghaiDayRange } from "@/lib/time";
import { csvLine } from "@/modules/finance/csv";

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
  /** the acting staff member's 工号/学号 */
  actorNo?: string;
  /** the student's 学号 */
  subjectNo?: string;
  /** by user id (the user page's own trail) */
  actorId?: string;
  subjectId?: string;
  /** an action name, or a prefix ending in "." (`staff.read.`) */
  action?: string;
  /** Asia/Shanghai days, YYYY-MM-DD, both included */
  fromDay?: string;
  toDay?: string;
}

export interface AuditPageInput extends AuditFilter {
  /** keyset cursor: only entries with a smaller id (the last id of the page before) */
  before?: bigint;
  take?: number;
}

export interface AuditRow {
  id: bigint;
  at: Date;
  action: string;
  actor: { id: string; studentNo: string; name: string } | null;
  subject: { id: string; studentNo: string; name: string } | null;
  data: unknown;
}

export interface AuditPage {
  items: AuditRow[];
  /** the cursor of the next (older) page; null on the last page */
  nextBefore: bigint | null;
  take: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_RE = /^[A-Za-z0-9]{1,32}$/;
const ACTION_RE = /^[A-Za-z0-9_.-]{1,100}$/;

function dayRange(day: string) {
  if (!isDayKey(day)) throw new AppError("VALIDATION", { reason: "day" });
  return shanghaiDayRange(day);
}

function uuidOrInvalid(id: string): string {
  if (!UUID_RE.test(id)) throw new AppError("VALIDATION", { reason: "id" });
  return id;
}

/** The filter as plain JSON for the audit entry of a view or an export (only what was set). */
function filterJson(f: AuditFilter): Record<string, string> {
  const keys = ["actorNo", "subjectNo", "actorId", "subjectId", "action", "fromDay", "toDay"] as const;
  return Object.fromEntries(keys.flatMap((k) => (f[k] ? [[k, f[k]]] : [])));
}

/**
 * The filter as a where clause; null when it can match nothing (a 学号 nobody holds). Each filter
 * has an index that walks newest first (migration 20261202014647_audit_viewer_queues): actor/subject
 * (id), action (text_pattern_ops, id) for a name or a prefix, createdAt for the days.
 */
async function whereOf(f: AuditFilter): Promise<Prisma.AuditLogWhereInput | null> {
  if (f.action !== undefined && !ACTION_RE.test(f.action)) throw new AppError("VALIDATION", { reason: "action" });
  const byNo = async (no: string | undefined) => {
    if (!no) return undefined;
    if (!NO_RE.test(no)) throw new AppError("VALIDATION", { reason: "studentNo" });
    return (await db().user.findUnique({ where: { studentNo: no }, select: { id: true } }))?.id ?? null;
  };
  const [actorByNo, subjectByNo] = await Promise.all([byNo(f.actorNo), byNo(f.subjectNo)]);
  if (actorByNo === null || subjectByNo === null) return null;
  const actorId = f.actorId ? uuidOrInvalid(f.actorId) : actorByNo;
  const subjectId = f.subjectId ? uuidOrInvalid(f.subjectId) : subjectByNo;
  if ((f.actorId && actorByNo && f.actorId !== actorByNo) || (f.subjectId && subjectByNo && f.subjectId !== subjectByNo)) return null;
  const from = f.fromDay ? dayRange(f.fromDay).from : undefined;
  const to = f.toDay ? dayRange(f.toDay).to : undefined;
  if (from && to && from >= to) throw new AppError("VALIDATION", { reason: "range" });
  return {
    ...(actorId ? { actorId } : {}),
    ...(subjectId ? { subjectId } : {}),
    ...(f.action ? { action: f.action.endsWith(".") ? { startsWith: f.action } : f.action } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
  };
}

const person = { select: { id: true, studentNo: true, name: true } } as const;
const rowSelect = { id: true, createdAt: true, action: true, data: true, actor: person, subject: person } as const;

async function readPage(where: Prisma.AuditLogWhereInput, before: bigint | undefined, take: number) {
  const rows = await db().auditLog.findMany({
    where: before !== undefined ? { AND: [where, { id: { lt: before } }] } : where,
    orderBy: { id: "desc" },
    take: take + 1,
    select: rowSelect,
  });
  const items = rows.slice(0, take).map((r): AuditRow => ({ id: r.id, at: r.createdAt, action: r.action, actor: r.actor, subject: r.subject, data: r.data }));
  return { items, nextBefore: rows.length > take ? items[items.length - 1]!.id : null };
}

/**
 * The audit viewer's read, newest first, one page of `take` by keyset (id below the cursor: no
 * OFFSET, no count over the table). Reading the trail is itself audited (`staff.read.audit`, with
 * the filter, the cursor and how many were shown): it shows what staff read of students. The
 * caller's guard decides who may call it; this only records who did.
 */
export async function listAudit(input: AuditPageInput, staff: Actor): Promise<AuditPage> {
  const take = Math.min(Math.max(Math.trunc(input.take ?? 50) || 50, 1), 200);
  if (input.before !== undefined && input.before <= 0n) throw new AppError("VALIDATION", { reason: "cursor" });
  const where = await whereOf(input);
  const page = where ? await readPage(where, input.before, take) : { items: [], nextBefore: null };
  await recordAudit({
    actorId: staff.id,
    action: "staff.read.audit",
    data: { filter: filterJson(input), ...(input.before !== undefined ? { before: input.before } : {}), shown: page.items.length },
  });
  return { ...page, take };
}

/** Rows fetched per round trip by the CSV export. */
export const AUDIT_EXPORT_BATCH = 500;

const CSV_HEADER = ["id", "time_shanghai", "action", "actor_no", "actor_name", "subject_no", "subject_name", "data"];

/**
 * The filtered trail as CSV (UTF-8 with a BOM for Excel), streamed: the rows are fetched in batches
 * of AUDIT_EXPORT_BATCH by keyset and written as they come, never held all at once. The export is
 * audited (`export.csv`, export "audit", with the filter) before the first row is read: an export
 * cut short is still on record.
 */
export async function streamAuditCsv(filter: AuditFilter, staff: Actor, batch = AUDIT_EXPORT_BATCH): Promise<ReadableStream<Uint8Array>> {
  const where = await whereOf(filter);
  await recordAudit({ actorId: staff.id, action: "export.csv", data: { export: "audit", filter: filterJson(filter) } });
  const enc = new TextEncoder();
  let before: bigint | undefined;
  let done = where === null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(enc.encode("\uFEFF" + csvLine(CSV_HEADER)));
          return;
        }
        if (done || !where) {
          controller.close();
          return;
        }
        const page = await readPage(where, before, batch);
        const lines = page.items.map((r) =>
          csvLine([
            r.id,
            shanghaiDateTime(r.at),
            r.action,
            r.actor?.studentNo ?? "",
            r.actor?.name ?? "",
            r.subject?.studentNo ?? "",
            r.subject?.name ?? "",
            r.data === null || r.data === undefined ? "" : JSON.stringify(r.data),
          ]),
        );
        if (lines.length) controller.enqueue(enc.encode(lines.join("")));
        if (page.nextBefore === null) done = true;
        else before = page.nextBefore;
      },
    },
    // one batch ahead at most
    { highWaterMark: 1 },
  );
}
