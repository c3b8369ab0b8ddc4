import "server-only";
// The lock-outs queue (/admin/queues/lockouts): students whose network login is locked now after
// too many wrong passwords (modules/radius/authorize.service.ts sets network_credentials.lockedUntil).
// The helpdesk lifts a lock with modules/helpdesk unlockNetworkLogin.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { recordAudit, type Actor } from "@/modules/audit/service";

export interface LockoutRow {
  student: { id: string; studentNo: string; name: string };
  lockedUntil: Date;
  failedAttempts: number;
}

/** How many network logins are locked now (a number only: not audited; the lockedUntil index counts them). */
export async function countLockouts(now: Date = clockNow()): Promise<number> {
  return db().networkCredential.count({ where: { lockedUntil: { gt: now } } });
}

/** Locked network logins, the lock ending soonest last (newest locks first); audited (`staff.read.queue`). */
export async function listLockouts(staff: Actor, opts: { take?: number; now?: Date } = {}): Promise<LockoutRow[]> {
  const take = Math.min(Math.max(Math.trunc(opts.take ?? 100) || 100, 1), 200);
  const rows = await db().networkCredential.findMany({
    where: { lockedUntil: { gt: opts.now ?? clockNow() } },
    orderBy: [{ lockedUntil: "desc" }, { userId: "asc" }],
    take,
    select: { lockedUntil: true, failedAttempts: true, user: { select: { id: true, studentNo: true, name: true } } },
  });
  await recordAudit({ actorId: staff.id, action: "staff.read.queue", data: { queue: "lockouts", shown: rows.length } });
  return rows.map((r) => ({ student: r.user, lockedUntil: r.lockedUntil!, failedAttempts: r.failedAttempts }));
}
