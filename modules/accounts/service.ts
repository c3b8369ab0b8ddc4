import "server-only";
// Users (学号, name, role) and their network-fee account.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { createWallet } from "@/modules/ledger/service";

export interface SessionUser {
  id: string;
  studentNo: string;
  name: string;
  role: Role;
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
}

const sessionSelect = { id: true, studentNo: true, name: true, role: true, status: true } as const;

/**
 * Called at sign-in: the IdP's claims are the truth for name, role and 学号, but an account
 * is linked by the OIDC `sub` only. An account without a `sub` yet (a seeded student, the
 * bootstrap first admin) is claimed by the first sign-in with its 学号; one that already
 * carries another `sub` is never taken over: IDENTITY_CONFLICT, and the refusal is audited.
 */
export async function upsertUserFromClaims(claims: {
  sub: string;
  studentNo: string;
  name: string;
  role: Role | null;
  email?: string | null;
  college?: string | null;
}): Promise<SessionUser> {
  const sub = claims.sub.trim();
  const studentNo = claims.studentNo.trim();
  if (!sub || !studentNo) throw new AppError("VALIDATION");
  const result = await db().$transaction(async (tx) => {
    // No role claim: the account keeps its role (a new one is a student by the column default).
    const data = {
      studentNo,
      name: claims.name,
      ...(claims.role ? { role: claims.role } : {}),
      email: claims.email ?? null,
      ...(claims.college ? { college: claims.college } : {}),
    };
    const [bySub, byNo] = await Promise.all([
      tx.user.findUnique({ where: { oidcSub: sub }, select: { id: true } }),
      tx.user.findUnique({ where: { studentNo }, select: { id: true, oidcSub: true } }),
    ]);
    // The 学号 belongs to another account than this identity's (its own sub, or still unclaimed).
    if (byNo && byNo.id !== bySub?.id && (bySub || (byNo.oidcSub !== null && byNo.oidcSub !== sub))) {
      return { ok: false, subjectId: byNo.id, linkedAccountId: bySub?.id ?? null } as const;
    }
    const user = bySub
      ? await tx.user.update({ where: { id: bySub.id }, data, select: sessionSelect })
      : byNo
        ? await tx.user.update({ where: { id: byNo.id }, data: { ...data, oidcSub: sub }, select: sessionSelect })
        : await tx.user.create({ data: { ...data, oidcSub: sub }, select: sessionSelect });
    await createWallet(tx, user.id);
    if (!bySub && byNo) await recordAudit({ actorId: user.id, subjectId: user.id, action: "account.claimed", data: { studentNo } }, tx);
    return { ok: true, user } as const;
  });
  if (!result.ok) {
    await recordAudit({
      actorId: result.linkedAccountId,
      subjectId: result.subjectId,
      action: "signin.refused.identity_conflict",
      data: { studentNo, sub, role: claims.role },
    });
    throw new AppError("IDENTITY_CONFLICT");
  }
  return result.user;
}

/** The account linked to an OIDC subject (after upsertUserFromClaims linked it). */
export async function getSessionUserByOidcSub(sub: string): Promise<SessionUser | null> {
  return db().user.findUnique({ where: { oidcSub: sub }, select: sessionSelect });
}

export async function getSessionUserById(id: string): Promise<SessionUser | null> {
  return db().user.findUnique({ where: { id }, select: sessionSelect });
}

/** A staff member opens a student's page: the read is written to the audit log (`staff.read.user`). */
export async function readUserForStaff(staff: Actor, studentNo: string) {
  const user = await db().user.findUnique({ where: { studentNo }, select: { ...sessionSelect, college: true, createdAt: true } });
  if (user) await recordAudit({ actorId: staff.id, subjectId: user.id, action: "staff.read.user", data: { studentNo } });
  return user;
}

/** Staff search: by 学号 prefix or by name; every search is written to the audit log (`staff.read.search`). */
export async function searchUsers(staff: Actor, query: string, take = 20) {
  const q = query.trim();
  if (!q) return [];
  const users = await db().user.findMany({
    where: { OR: [{ studentNo: { startsWith: q } }, { name: { contains: q } }] },
    orderBy: { studentNo: "asc" },
    take,
    select: { id: true, studentNo: true, name: true, role: true, status: true, college: true, wallet: { select: { balanceFen: true } } },
  });
  await recordAudit({ actorId: staff.id, action: "staff.read.search", data: { query: q, results: users.length } });
  return users;
}
