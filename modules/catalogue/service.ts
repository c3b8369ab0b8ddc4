import "server-only";
// 套餐目录与特惠 (/admin/catalogue): the network office creates, edits, schedules and takes packages
// off sale, and runs time-limited offers. A holding copies price and quota when it is bought but
// reads its name and validity through its package row, so an edit never changes that row: it
// writes a new version (same family, code <family>.v<n>) and takes the old one off sale for good;
// holdings keep pointing at the version they bought. Every change is audited in its transaction.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fenToYuanString } from "@/lib/money";
import { shanghaiDateTime } from "@/lib/time";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { familyOf } from "@/modules/packages/offers.service";
// Services take values parsed at the edge by ./schemas (the actions' input schemas).
import { type CreateOfferValues, type CreatePackageValues, type EditPackageValues, type ScheduleValues } from "./schemas";

type Tx = Prisma.TransactionClient;

const adminPackageSelect = {
  id: true,
  code: true,
  family: true,
  version: true,
  nameZh: true,
  nameEn: true,
  priceFen: true,
  quotaBytes: true,
  validityMonths: true,
  availableFrom: true,
  availableUntil: true,
  active: true,
  createdAt: true,
} as const;

export type AdminPackage = Prisma.PackageGetPayload<{ select: typeof adminPackageSelect }> & { familyKey: string };

export interface AdminOffer {
  id: string;
  family: string;
  priceFen: bigint;
  startsAt: Date;
  endsAt: Date;
  perStudentLimit: number;
  target: "ALL" | "NEW_STUDENTS";
  withdrawnAt: Date | null;
  exchanges: number;
}

/** The current version of every catalogue entry. */
export async function listCatalogueForAdmin(): Promise<{ packages: AdminPackage[] }> {
  const packages = await db().package.findMany({
    where: { supersededAt: null },
    orderBy: [{ sortOrder: "asc" }, { priceFen: "asc" }],
    select: adminPackageSelect,
  });
  return { packages: packages.map((p) => ({ ...p, familyKey: familyOf(p) })) };
}

/** Past offers per page of the admin's list (keyset: ended latest first). */
export const PAST_OFFERS_PAGE = 50;
/** Current and scheduled offers are few (at most one per family at a time); a bound all the same. */
const CURRENT_OFFERS_MAX = 200;

const offerSelect = {
  id: true,
  family: true,
  priceFen: true,
  startsAt: true,
  endsAt: true,
  perStudentLimit: true,
  target: true,
  withdrawnAt: true,
  _count: { select: { holdings: { where: { state: { not: "REFUNDED" as const } } } } },
} as const;

/** A past-offers page cursor: "<endsAt ISO>_<id>" of the last row shown; anything else = the first page. */
export function parseOfferCursor(text: string | null | undefined): { endsAt: Date; id: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(text ?? "");
  if (!m) return null;
  const endsAt = new Date(m[1]!);
  return Number.isNaN(endsAt.getTime()) ? null : { endsAt, id: m[2]!.toLowerCase() };
}

/**
 * The admin's offer list. `current`: every offer whose window has not ended (live, scheduled, or
 * withdrawn before its end), soonest first. `past`: ended ones, the latest end first, 50 a page
 * after `before` (keyset on endsAt, id), with the cursor of the next page when there is one.
 */
export async function listOffersForAdmin(
  opts: { view: "current" } | { view: "past"; before?: { endsAt: Date; id: string } | null },
  now = clockNow(),
): Promise<{ offers: AdminOffer[]; nextCursor: string | null }> {
  const rows =
    opts.view === "current"
      ? await db().packageOffer.findMany({
          where: { endsAt: { gt: now } },
          orderBy: [{ startsAt: "asc" }, { id: "asc" }],
          take: CURRENT_OFFERS_MAX,
          select: offerSelect,
        })
      : await db().packageOffer.findMany({
          where: {
            endsAt: { lte: now },
            ...(opts.before ? { OR: [{ endsAt: { lt: opts.before.endsAt } }, { endsAt: opts.before.endsAt, id: { lt: opts.before.id } }] } : {}),
          },
          orderBy: [{ endsAt: "desc" }, { id: "desc" }],
          take: PAST_OFFERS_PAGE + 1,
          select: offerSelect,
        });
  const more = opts.view === "past" && rows.length > PAST_OFFERS_PAGE;
  const page = more ? rows.slice(0, PAST_OFFERS_PAGE) : rows;
  const last = page[page.length - 1];
  return {
    offers: page.map(({ _count, ...o }) => ({ ...o, exchanges: _count.holdings })),
    nextCursor: more && last ? `${last.endsAt.toISOString()}_${last.id}` : null,
  };
}

const packageJson = (p: { nameZh: string; nameEn: string; priceFen: bigint; quotaBytes: bigint; validityMonths: number }) => ({
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  priceFen: p.priceFen,
  quotaBytes: p.quotaBytes,
  validityMonths: p.validityMonths,
});

export async function createPackage(actor: Actor, input: CreatePackageValues, now = clockNow()): Promise<{ id: string; code: string }> {
  const v = input;
  return db().$transaction(async (tx) => {
    const taken = await tx.package.findFirst({ where: { OR: [{ code: v.code }, { family: v.code }] }, select: { id: true } });
    if (taken) throw new AppError("PACKAGE_CODE_TAKEN");
    const last = await tx.package.aggregate({ _max: { sortOrder: true } });
    // off sale until the office puts it on sale (after checking it, or with a schedule)
    const created = await tx.package.create({
      data: {
        code: v.code,
        family: v.code,
        version: 1,
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        priceFen: v.priceYuan,
        quotaBytes: v.quotaGb,
        validityMonths: v.validityMonths,
        active: false,
        sortOrder: (last._max.sortOrder ?? 0) + 1,
        createdAt: now,
      },
      select: { id: true, code: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "catalogue.package.create",
        data: { packageId: created.id, code: created.code, ...packageJson({ ...v, priceFen: v.priceYuan, quotaBytes: v.quotaGb }) },
      },
      tx,
    );
    return created;
  });
}

/** The row, locked, that an admin action changes; refused when an edit already replaced it. */
async function lockCurrent(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "packages" WHERE "id" = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { what: "package" });
  const pkg = await tx.package.findUniqueOrThrow({
    where: { id },
    select: { ...adminPackageSelect, special: true, sortOrder: true, supersededAt: true },
  });
  if (pkg.supersededAt) throw new AppError("PACKAGE_SUPERSEDED");
  return pkg;
}

/** Edit = a new version; the old row goes off sale and stays as its holders bought it. */
export async function editPackage(actor: Actor, input: EditPackageValues, now = clockNow()): Promise<{ id: string; code: string; version: number }> {
  const v = input;
  return db().$transaction(async (tx) => {
    const old = await lockCurrent(tx, v.id);
    const family = familyOf(old);
    const last = await tx.package.aggregate({ where: { OR: [{ family }, { code: family }] }, _max: { version: true } });
    const version = Math.max(last._max.version ?? 1, old.version) + 1;
    await tx.package.update({ where: { id: old.id }, data: { supersededAt: now, active: false } });
    const created = await tx.package.create({
      data: {
        code: `${family}.v${version}`,
        family,
        version,
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        priceFen: v.priceYuan,
        quotaBytes: v.quotaGb,
        validityMonths: v.validityMonths,
        special: old.special,
        availableFrom: old.availableFrom,
        availableUntil: old.availableUntil,
        active: old.active,
        sortOrder: old.sortOrder,
        createdAt: now,
      },
      select: { id: true, code: true, version: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "catalogue.package.edit",
        data: {
          family,
          from: { packageId: old.id, code: old.code, ...packageJson(old) },
          to: { packageId: created.id, code: created.code, ...packageJson({ ...v, priceFen: v.priceYuan, quotaBytes: v.quotaGb }) },
        },
      },
      tx,
    );
    return created;
  });
}

/** Put on sale / take off sale: only whether it is offered from now on, so the row changes in place. */
export async function setPackageOnSale(actor: Actor, input: { id: string; active: boolean }): Promise<void> {
  const v = input;
  await db().$transaction(async (tx) => {
    const pkg = await lockCurrent(tx, v.id);
    if (pkg.active === v.active) return;
    await tx.package.update({ where: { id: pkg.id }, data: { active: v.active } });
    await recordAudit(
      { actorId: actor.id, action: v.active ? "catalogue.package.onSale" : "catalogue.package.offSale", data: { packageId: pkg.id, code: pkg.code } },
      tx,
    );
  });
}

/** On sale from / until (either may be open). */
export async function schedulePackage(actor: Actor, input: ScheduleValues): Promise<void> {
  const v = input;
  await db().$transaction(async (tx) => {
    const pkg = await lockCurrent(tx, v.id);
    await tx.package.update({ where: { id: pkg.id }, data: { availableFrom: v.availableFrom, availableUntil: v.availableUntil } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "catalogue.package.schedule",
        data: {
          packageId: pkg.id,
          code: pkg.code,
          from: { availableFrom: pkg.availableFrom, availableUntil: pkg.availableUntil },
          to: { availableFrom: v.availableFrom, availableUntil: v.availableUntil },
        },
      },
      tx,
    );
  });
}

/** "YYYY-MM-DD HH:mm", Asia/Shanghai: how a refusal names an offer's window (both languages). */
const shanghaiMinute = (at: Date) => shanghaiDateTime(at).slice(0, 16);

/**
 * A new 特惠 offer. Refused, with nothing written: a price not below the package's current list
 * price (OFFER_PRICE_NOT_BELOW_LIST; zero is refused by the schema), or a window overlapping another
 * offer of the same family (OFFER_OVERLAPS, naming that offer's window in Shanghai time). A withdrawn
 * offer counts until it was withdrawn. Offers of one family are created one at a time (a transaction
 * advisory lock on the family), so two admins cannot both add overlapping offers.
 */
export async function createOffer(actor: Actor, input: CreateOfferValues, now = clockNow()): Promise<{ id: string }> {
  const v = input;
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS "locked" FROM pg_advisory_xact_lock(hashtext(${`catalogue.offer:${v.family}`}))`;
    const current = await tx.package.findFirst({
      where: { supersededAt: null, OR: [{ family: v.family }, { family: null, code: v.family }] },
      select: { id: true, priceFen: true },
    });
    if (!current) throw new AppError("NOT_FOUND", { what: "package" });
    if (v.priceYuan <= 0n) throw new AppError("VALIDATION");
    if (v.priceYuan >= current.priceFen) throw new AppError("OFFER_PRICE_NOT_BELOW_LIST", { list: fenToYuanString(current.priceFen) });
    const [clash] = await tx.$queryRaw<{ startsAt: Date; endsAt: Date }[]>`
      SELECT "startsAt", LEAST("endsAt", COALESCE("withdrawnAt", "endsAt")) AS "endsAt"
      FROM "package_offers"
      WHERE "family" = ${v.family}
        AND "startsAt" < ${v.endsAt}::timestamptz
        AND LEAST("endsAt", COALESCE("withdrawnAt", "endsAt")) > ${v.startsAt}::timestamptz
        AND ("withdrawnAt" IS NULL OR "withdrawnAt" > "startsAt")
      ORDER BY "startsAt" LIMIT 1`;
    if (clash) throw new AppError("OFFER_OVERLAPS", { from: shanghaiMinute(clash.startsAt), to: shanghaiMinute(clash.endsAt) });
    const offer = await tx.packageOffer.create({
      data: {
        family: v.family,
        priceFen: v.priceYuan,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        perStudentLimit: v.perStudentLimit,
        target: v.target,
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "catalogue.offer.create",
        data: {
          offerId: offer.id,
          family: v.family,
          priceFen: v.priceYuan,
          startsAt: v.startsAt,
          endsAt: v.endsAt,
          perStudentLimit: v.perStudentLimit,
          target: v.target,
        },
      },
      tx,
    );
    return offer;
  });
}

/** Ends an offer now; exchanges already made at it stay as they were. */
export async function withdrawOffer(actor: Actor, input: { id: string }, now = clockNow()): Promise<void> {
  const v = input;
  await db().$transaction(async (tx) => {
    const n = await tx.packageOffer.updateMany({ where: { id: v.id, withdrawnAt: null }, data: { withdrawnAt: now } });
    if (n.count === 0) {
      if (!(await tx.packageOffer.findUnique({ where: { id: v.id }, select: { id: true } }))) throw new AppError("NOT_FOUND", { what: "offer" });
      return;
    }
    await recordAudit({ actorId: actor.id, action: "catalogue.offer.withdraw", data: { offerId: v.id } }, tx);
  });
}
