import "server-only";
// 特惠 offers as the student meets them: which offer applies to whom (window, target group,
// per-student limit), and the check inside the exchange (modules/packages/service.ts), made
// while the wallet row is locked, so two concurrent exchanges of one student cannot both pass
// the limit. The office manages offers in modules/catalogue.
import type { OfferTarget } from "@/lib/generated/prisma/enums";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { shanghaiParts } from "@/lib/time";

type Tx = Prisma.TransactionClient;

/** The academic year a moment falls in: it starts in September (Asia/Shanghai). */
export function academicYear(at: Date): number {
  const p = shanghaiParts(at);
  return p.month >= 9 ? p.year : p.year - 1;
}

/** Whether a student belongs to an offer's target group; new students: the 学号's entry year is this academic year. */
export function inTargetGroup(target: OfferTarget, studentNo: string, now: Date): boolean {
  if (target === "ALL") return true;
  return studentNo.slice(0, 4) === String(academicYear(now));
}

/** The catalogue entry a package row belongs to (all its versions share it). */
export function familyOf(pkg: { family: string | null; code: string }): string {
  return pkg.family ?? pkg.code;
}

const liveOfferWhere = (now: Date): Prisma.PackageOfferWhereInput => ({ withdrawnAt: null, startsAt: { lte: now }, endsAt: { gt: now } });

export interface StudentOffer {
  id: string;
  family: string;
  priceFen: bigint;
  endsAt: Date;
  perStudentLimit: number;
  /** exchanges this student made at this offer (refunded ones do not count) */
  used: number;
}

async function usedCounts(client: Tx | ReturnType<typeof db>, userId: string, offerIds: string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const rows = await client.packageHolding.groupBy({
    by: ["offerId"],
    where: { userId, offerId: { in: offerIds }, state: { not: "REFUNDED" } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.offerId!, r._count._all]));
}

/** The offers a student may use now, the cheapest per package family. */
export async function offersForStudent(userId: string, now: Date): Promise<Map<string, StudentOffer>> {
  const [user, offers] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { studentNo: true } }),
    db().packageOffer.findMany({
      where: liveOfferWhere(now),
      select: { id: true, family: true, priceFen: true, endsAt: true, perStudentLimit: true, target: true },
      orderBy: { priceFen: "asc" },
    }),
  ]);
  const out = new Map<string, StudentOffer>();
  if (!user) return out;
  const eligible = offers.filter((o) => inTargetGroup(o.target, user.studentNo, now));
  const used = await usedCounts(
    db(),
    userId,
    eligible.map((o) => o.id),
  );
  for (const o of eligible) {
    const n = used.get(o.id) ?? 0;
    if (n >= o.perStudentLimit || out.has(o.family)) continue;
    out.set(o.family, { id: o.id, family: o.family, priceFen: o.priceFen, endsAt: o.endsAt, perStudentLimit: o.perStudentLimit, used: n });
  }
  return out;
}

/**
 * The offer an exchange asked for, checked inside the exchange's transaction after the wallet
 * row lock (which serialises one student's money actions): live, for this package's family, the
 * student in its target group, and under the per-student limit.
 */
export async function takeOffer(
  tx: Tx,
  input: { offerId: string; family: string; userId: string; studentNo: string; now: Date },
): Promise<{ id: string; priceFen: bigint }> {
  const offer = await tx.packageOffer.findFirst({
    where: { id: input.offerId, family: input.family, ...liveOfferWhere(input.now) },
    select: { id: true, priceFen: true, perStudentLimit: true, target: true },
  });
  if (!offer) throw new AppError("OFFER_UNAVAILABLE");
  if (!inTargetGroup(offer.target, input.studentNo, input.now)) throw new AppError("OFFER_NOT_ELIGIBLE");
  const used = (await usedCounts(tx, input.userId, [offer.id])).get(offer.id) ?? 0;
  if (used >= offer.perStudentLimit) throw new AppError("OFFER_LIMIT_REACHED", { limit: offer.perStudentLimit });
  return { id: offer.id, priceFen: offer.priceFen };
}
