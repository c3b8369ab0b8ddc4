import "server-only";
// The audit trail (audit_log): what staff did and read, and refused sign-ins. This is its one
// writer for new code; the table is append-only in the database (a trigger refuses UPDATE,
// DELETE and TRUNCATE), so an entry, once written, stays as written.
import { db, Prisma } from "@/lib/db";

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

/** JSON for the `data` column: bigint → string, Date → ISO string, undefined dropped. */
function toJson(data: Record<string, unknown>): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
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
