import "server-only";
// Package catalogue and exchange (换购): balance → data package, one package at a time.
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addMonths } from "@/lib/time";
import { lockWallet, postEntry, SYSTEM_ACCOUNT, walletCode } from "@/modules/ledger/service";
import { recordNotification } from "@/modules/notifications/service";
import { holdingDisplayState, holdingIsLive } from "@/modules/quota/rules";
import { speedStateIn } from "@/modules/quota/service";
import { familyOf, takeOffer } from "./offers.service";

type Tx = Prisma.TransactionClient;

const packageSelect = {
  id: true,
  code: true,
  nameZh: true,
  nameEn: true,
  priceFen: true,
  quotaBytes: true,
  validityMonths: true,
  special: true,
  availableUntil: true,
  family: true,
} as const;

export type CatalogueItem = Prisma.PackageGetPayload<{ select: typeof packageSelect }>;

export function availableWhere(now: Date): Prisma.PackageWhereInput {
  return {
    active: true,
    AND: [{ OR: [{ availableFrom: null }, { availableFrom: { lte: now } }] }, { OR: [{ availableUntil: null }, { availableUntil: { gt: now } }] }],
  };
}

export async function listCatalogue(now = clockNow()): Promise<CatalogueItem[]> {
  return db().package.findMany({
    where: availableWhere(now),
    orderBy: [{ special: "desc" }, { sortOrder: "asc" }, { priceFen: "asc" }],
    select: packageSelect,
  });
}

/** Close holdings that are used up or expired, so the one-active rule sees the truth. */
async function closeFinishedHoldings(tx: Tx, userId: string, now: Date) {
  await tx.$executeRaw`
    UPDATE "package_holdings" SET "state" = CASE WHEN "usedBytes" >= "quotaBytes" THEN 'USED_UP'::"HoldingState" ELSE 'EXPIRED'::"HoldingState" END
    WHERE "userId" = ${userId}::uuid AND "state" = 'ACTIVE' AND ("usedBytes" >= "quotaBytes" OR "expiresAt" <= ${now})`;
}

export interface ExchangeResult {
  holdingId: string;
  packageCode: string;
  priceFen: bigint;
  balanceAfterFen: bigint;
  /** true when this request key had already been exchanged: nothing new was booked */
  replayed: boolean;
}

/**
 * Exchange balance for a package. The wallet row lock serialises a student's money actions,
 * the idempotency key makes a double submit book once, and the partial unique index on
 * ACTIVE holdings backs the one-package-at-a-time rule in the database.
 */
export async function exchangePackage(input: {
  userId: string;
  packageId: string;
  requestKey: string;
  now?: Date;
  tx?: Tx;
  startsAt?: Date;
  /** 特惠: pay this offer's price (checked: window, target group, per-student limit) */
  offerId?: string;
}): Promise<ExchangeResult> {
  const now = input.now ?? clockNow();
  const idempotencyKey = `exchange:${input.userId}:${input.requestKey}`;
  // `tx`: inside the caller's transaction (the month-start job books a plan and its run row together).
  const run = async (tx: Tx): Promise<ExchangeResult> => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { status: true, studentNo: true } });
    if (!user) throw new AppError("NOT_FOUND", { what: "user" });
    const wallet = await lockWallet(tx, input.userId);

    const previous = await tx.journalEntry.findUnique({
      where: { idempotencyKey },
      select: { holding: { select: { id: true, priceFen: true, package: { select: { code: true } } } } },
    });
    if (previous?.holding) {
      return {
        holdingId: previous.holding.id,
        packageCode: previous.holding.package.code,
        priceFen: previous.holding.priceFen,
        balanceAfterFen: wallet.balanceFen,
        replayed: true,
      };
    }
    if (user.status !== "ACTIVE") throw new AppError("ACCOUNT_NOT_ACTIVE");

    const pkg = await tx.package.findFirst({ where: { id: input.packageId, ...availableWhere(now) }, select: packageSelect });
    if (!pkg) throw new AppError("PACKAGE_UNAVAILABLE");
    // after the wallet lock: a student's concurrent exchanges take the offer one at a time
    const offer = input.offerId
      ? await takeOffer(tx, { offerId: input.offerId, family: familyOf(pkg), userId: input.userId, studentNo: user.studentNo, now })
      : null;
    const priceFen = offer ? offer.priceFen : pkg.priceFen;

    await closeFinishedHoldings(tx, input.userId, now);
    const current = await tx.packageHolding.findFirst({
      where: { userId: input.userId, state: "ACTIVE" },
      select: { quotaBytes: true, usedBytes: true, expiresAt: true, state: true, package: { select: { nameZh: true, nameEn: true } } },
    });
    if (current && holdingIsLive(current, now)) {
      throw new AppError("PACKAGE_STILL_ACTIVE", { nameZh: current.package.nameZh, nameEn: current.package.nameEn });
    }
    if (wallet.balanceFen < priceFen) {
      throw new AppError("INSUFFICIENT_BALANCE", { priceFen: priceFen.toString(), balanceFen: wallet.balanceFen.toString() });
    }
    // throttled until now and the package starts now: high speed again (told once, for this package)
    const startsNow = (input.startsAt ?? now).getTime() <= now.getTime();
    const wasThrottled = startsNow && pkg.quotaBytes > 0n && (await speedStateIn(tx, input.userId, now)).speedMode === "THROTTLED";

    const { entryId } = await postEntry(tx, {
      idempotencyKey,
      kind: "EXCHANGE",
      memo: offer ? `exchange ${pkg.code} offer ${offer.id}` : `exchange ${pkg.code}`,
      createdById: input.userId,
      postings: [
        { accountCode: walletCode(input.userId), amountFen: -priceFen },
        { accountCode: SYSTEM_ACCOUNT.PACKAGE_REVENUE, amountFen: priceFen },
      ],
    });
    const holding = await tx.packageHolding.create({
      data: {
        userId: input.userId,
        packageId: pkg.id,
        journalEntryId: entryId,
        priceFen,
        quotaBytes: pkg.quotaBytes,
        offerId: offer?.id ?? null,
        // a plan's package may start at the end of the one before it (modules/plans), else now
        startsAt: input.startsAt ?? now,
        expiresAt: addMonths(input.startsAt ?? now, pkg.validityMonths),
        createdAt: now, // the exchange log's time and order: the clock's, like every other row of it
      },
      select: { id: true },
    });
    if (wasThrottled) {
      await recordNotification(
        tx,
        {
          userId: input.userId,
          kind: "HIGH_SPEED_RESTORED",
          dedupeKey: `speed-restored:package:${holding.id}`,
          data: { cause: "package", package: pkg.code, nameZh: pkg.nameZh, nameEn: pkg.nameEn },
        },
        now,
      );
    }
    return { holdingId: holding.id, packageCode: pkg.code, priceFen: priceFen, balanceAfterFen: wallet.balanceFen - priceFen, replayed: false };
  };
  return input.tx ? run(input.tx) : db().$transaction(run);
}

export interface ExchangeLogRow {
  id: string;
  createdAt: Date;
  packageCode: string;
  nameZh: string;
  nameEn: string;
  priceFen: bigint;
  quotaBytes: bigint;
  usedBytes: bigint;
  expiresAt: Date;
  state: ReturnType<typeof holdingDisplayState>;
}

/** 换购日志: a student's exchanges, newest first. */
export async function listExchanges(userId: string, opts: { take?: number; skip?: number } = {}, now = clockNow()) {
  const take = Math.min(Math.max(opts.take ?? 20, 1), 100);
  const skip = Math.max(opts.skip ?? 0, 0);
  const [rows, total] = await Promise.all([
    db().packageHolding.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      take,
      skip,
      select: {
        id: true,
        createdAt: true,
        priceFen: true,
        quotaBytes: true,
        usedBytes: true,
        expiresAt: true,
        state: true,
        package: { select: { code: true, nameZh: true, nameEn: true } },
      },
    }),
    db().packageHolding.count({ where: { userId } }),
  ]);
  const items: ExchangeLogRow[] = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    packageCode: r.package.code,
    nameZh: r.package.nameZh,
    nameEn: r.package.nameEn,
    priceFen: r.priceFen,
    quotaBytes: r.quotaBytes,
    usedBytes: r.usedBytes,
    expiresAt: r.expiresAt,
    state: holdingDisplayState(r, now),
  }));
  return { items, total, take, skip };
}
