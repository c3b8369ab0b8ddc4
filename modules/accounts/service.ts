import "server-only";
// Users (学号, name, role) and their network-fee account.
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { createWallet } from "@/modules/ledger/service";

export interface SessionUser {
  id: string;
  studentNo: string;
  name: string;
  role: Role;
  status: "ACTIVE" | "PAUSED" | "SUSPENDED";
}

const sessionSelect = { id: true, studentNo: true, name: true, role: true, status: true } as const;

/** Called at sign-in: the IdP's claims are the truth for name, role and 学号. */
export async function upsertUserFromClaims(claims: { sub: string; studentNo: string; name: string; role: Role; email?: string | null; college?: string | null }): Promise<SessionUser> {
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { OR: [{ oidcSub: claims.sub }, { studentNo: claims.studentNo }] }, select: { id: true } });
    const data = { studentNo: claims.studentNo, name: claims.name, role: claims.role, oidcSub: claims.sub, email: claims.email ?? null, ...(claims.college ? { college: claims.college } : {}) };
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data, select: sessionSelect })
      : await tx.user.create({ data, select: sessionSelect });
    await createWallet(tx, user.id);
    return user;
  });
}

export async function getSessionUserById(id: string): Promise<SessionUser | null> {
  return db().user.findUnique({ where: { id }, select: sessionSelect });
}

export async function getUserByStudentNo(studentNo: string) {
  return db().user.findUnique({ where: { studentNo }, select: { ...sessionSelect, college: true, createdAt: true } });
}

/** Staff search: by 学号 prefix or by name. */
export async function searchUsers(query: string, take = 20) {
  const q = query.trim();
  if (!q) return [];
  return db().user.findMany({
    where: { OR: [{ studentNo: { startsWith: q } }, { name: { contains: q } }] },
    orderBy: { studentNo: "asc" },
    take,
    select: { id: true, studentNo: true, name: true, role: true, status: true, college: true, wallet: { select: { balanceFen: true } } },
  });
}
