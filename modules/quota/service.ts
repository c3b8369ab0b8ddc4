import "server-only";
// The quota module: the only writer of quota counters (monthly free quota used, package used).
import { db, Prisma } from "@/lib/db";
import { monthKey, startOfNextMonth } from "@/lib/time";
import { drawOrder, holdingIsLive, speedModeFor, type SpeedMode } from "./rules";

type Tx = Prisma.TransactionClient;

export const GiB = 1024n ** 3n;

export interface QuotaPolicyView {
  freeMonthlyBytes: bigint;
  highSpeedDownKbps: number;
  highSpeedUpKbps: number;
  throttledDownKbps: number;
  throttledUpKbps: number;
}

export const DEFAULT_POLICY: QuotaPolicyView = {
  freeMonthlyBytes: 20n * GiB,
  highSpeedDownKbps: 102400,
  highSpeedUpKbps: 51200,
  throttledDownKbps: 2048,
  throttledUpKbps: 1024,
};

export async function getPolicy(client: Tx = db()): Promise<QuotaPolicyView> {
  const p = await client.quotaPolicy.findUnique({ where: { id: 1 } });
  return p ?? DEFAULT_POLICY;
}

/** The monthly grant: created lazily the first time a month is touched, so every active account has it from the 1st. */
export async function ensureMonthlyQuota(client: Tx, userId: string, month: string, freeBytes?: bigint) {
  const grant = freeBytes ?? (await getPolicy(client)).freeMonthlyBytes;
  await client.$executeRaw`
    INSERT INTO "monthly_quotas" ("userId", "month", "freeBytes", "freeUsedBytes", "createdAt")
    VALUES (${userId}::uuid, ${month}, ${grant}, 0, now())
    ON CONFLICT ("userId", "month") DO NOTHING`;
}

export interface QuotaSummary {
  month: string;
  freeBytes: bigint;
  freeUsedBytes: bigint;
  freeRemainingBytes: bigint;
  package: null | {
    holdingId: string;
    code: string;
    nameZh: string;
    nameEn: string;
    quotaBytes: bigint;
    usedBytes: bigint;
    remainingBytes: bigint;
    expiresAt: Date;
  };
  totalRemainingBytes: bigint;
  speedMode: SpeedMode;
  resetsAt: Date;
}

export async function getQuotaSummary(userId: string, now = new Date()): Promise<QuotaSummary> {
  const client = db();
  const month = monthKey(now);
  let mq = await client.monthlyQuota.findUnique({ where: { userId_month: { userId, month } } });
  if (!mq) {
    await ensureMonthlyQuota(client, userId, month);
    mq = await client.monthlyQuota.findUniqueOrThrow({ where: { userId_month: { userId, month } } });
  }
  const holding = await client.packageHolding.findFirst({
    where: { userId, state: "ACTIVE" },
    select: { id: true, quotaBytes: true, usedBytes: true, expiresAt: true, state: true, package: { select: { code: true, nameZh: true, nameEn: true } } },
  });
  const live = holding && holdingIsLive(holding, now) ? holding : null;
  const freeRemainingBytes = mq.freeBytes - mq.freeUsedBytes;
  const packageRemaining = live ? live.quotaBytes - live.usedBytes : 0n;
  return {
    month,
    freeBytes: mq.freeBytes,
    freeUsedBytes: mq.freeUsedBytes,
    freeRemainingBytes,
    package: live
      ? {
          holdingId: live.id,
          code: live.package.code,
          nameZh: live.package.nameZh,
          nameEn: live.package.nameEn,
          quotaBytes: live.quotaBytes,
          usedBytes: live.usedBytes,
          remainingBytes: packageRemaining,
          expiresAt: live.expiresAt,
        }
      : null,
    totalRemainingBytes: freeRemainingBytes + packageRemaining,
    speedMode: speedModeFor(freeRemainingBytes, packageRemaining),
    resetsAt: startOfNextMonth(now),
  };
}

/**
 * Charge high-speed usage against the student's quota, free quota first, then the live package.
 * Locks the month's quota row, so concurrent charges for one student serialise. Returns what
 * was drawn from where; bytes beyond both are throttled traffic and draw nothing.
 */
export async function chargeUsage(tx: Tx, userId: string, bytes: bigint, at: Date) {
  const month = monthKey(at);
  await ensureMonthlyQuota(tx, userId, month);
  const [mq] = await tx.$queryRaw<{ freeBytes: bigint; freeUsedBytes: bigint }[]>`
    SELECT "freeBytes", "freeUsedBytes" FROM "monthly_quotas" WHERE "userId" = ${userId}::uuid AND "month" = ${month} FOR UPDATE`;
  const [holding] = await tx.$queryRaw<{ id: string; quotaBytes: bigint; usedBytes: bigint; expiresAt: Date; state: string }[]>`
    SELECT "id", "quotaBytes", "usedBytes", "expiresAt", "state" FROM "package_holdings"
    WHERE "userId" = ${userId}::uuid AND "state" = 'ACTIVE' FOR UPDATE`;
  const live = holding && holdingIsLive(holding, at) ? holding : null;
  const freeRemaining = mq!.freeBytes - mq!.freeUsedBytes;
  const draw = drawOrder(freeRemaining, live ? live.quotaBytes - live.usedBytes : 0n, bytes);
  if (draw.fromFree > 0n) {
    await tx.$executeRaw`UPDATE "monthly_quotas" SET "freeUsedBytes" = "freeUsedBytes" + ${draw.fromFree}
      WHERE "userId" = ${userId}::uuid AND "month" = ${month}`;
  }
  if (live && draw.fromPackage > 0n) {
    const usedUp = live.usedBytes + draw.fromPackage >= live.quotaBytes;
    await tx.$executeRaw`UPDATE "package_holdings" SET "usedBytes" = "usedBytes" + ${draw.fromPackage},
      "state" = CASE WHEN ${usedUp} THEN 'USED_UP'::"HoldingState" ELSE "state" END WHERE "id" = ${live.id}::uuid`;
  }
  const remainingAfter = freeRemaining - draw.fromFree + (live ? live.quotaBytes - live.usedBytes - draw.fromPackage : 0n);
  return { ...draw, speedMode: speedModeFor(remainingAfter, 0n) };
}
