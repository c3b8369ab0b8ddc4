-- CreateEnum
CREATE TYPE "AppealState" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "PackagePlanKind" AS ENUM ('NEXT_MONTH', 'AUTO_RENEW');

-- CreateEnum
CREATE TYPE "PlanRunOutcome" AS ENUM ('BOOKED', 'BALANCE_SHORT', 'FAILED');

-- CreateEnum
CREATE TYPE "PauseState" AS ENUM ('SCHEDULED', 'ACTIVE', 'ENDED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "HoldingState" ADD VALUE 'FROZEN';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "seamlessLogin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "package_holdings" ADD COLUMN     "frozenRemainingMs" BIGINT;

-- AlterTable
ALTER TABLE "radius_sessions" ADD COLUMN     "guestPassId" UUID;

-- AlterTable
ALTER TABLE "radius_session_history" ADD COLUMN     "guestPassId" UUID;

-- CreateTable
CREATE TABLE "service_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "appealWindowHours" INTEGER NOT NULL DEFAULT 72,
    "appealMaxUsedBytes" BIGINT NOT NULL DEFAULT 104857600,
    "guestPassMaxHours" INTEGER NOT NULL DEFAULT 6,
    "guestPassMaxBytes" BIGINT NOT NULL DEFAULT 2147483648,
    "guestPassMaxLive" INTEGER NOT NULL DEFAULT 3,
    "guestDownKbps" INTEGER NOT NULL DEFAULT 4096,
    "guestUpKbps" INTEGER NOT NULL DEFAULT 1024,
    "pauseMinDays" INTEGER NOT NULL DEFAULT 7,
    "pauseMaxDays" INTEGER NOT NULL DEFAULT 180,
    "deviceLimit" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exchange_appeals" (
    "id" UUID NOT NULL,
    "holdingId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "state" "AppealState" NOT NULL DEFAULT 'PENDING',
    "usedBytesAtFiling" BIGINT NOT NULL,
    "decidedById" UUID,
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "refundEntryId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "package_plans" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "packageId" UUID NOT NULL,
    "kind" "PackagePlanKind" NOT NULL,
    "firstMonth" TEXT NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "package_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "package_plan_runs" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "outcome" "PlanRunOutcome" NOT NULL,
    "holdingId" UUID,
    "detail" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "package_plan_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guest_passes" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "issuerId" UUID NOT NULL,
    "label" TEXT,
    "pinHash" TEXT NOT NULL,
    "maxBytes" BIGINT NOT NULL,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guest_passes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_pauses" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "state" "PauseState" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pauses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radius_rejections" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID,
    "username" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "mac" TEXT,
    "nasIp" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "radius_rejections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "exchange_appeals_holdingId_key" ON "exchange_appeals"("holdingId");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_appeals_refundEntryId_key" ON "exchange_appeals"("refundEntryId");

-- CreateIndex
CREATE INDEX "exchange_appeals_state_createdAt_idx" ON "exchange_appeals"("state", "createdAt");

-- CreateIndex
CREATE INDEX "exchange_appeals_userId_createdAt_idx" ON "exchange_appeals"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "package_plans_userId_createdAt_idx" ON "package_plans"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "package_plans_cancelledAt_doneAt_idx" ON "package_plans"("cancelledAt", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "package_plan_runs_holdingId_key" ON "package_plan_runs"("holdingId");

-- CreateIndex
CREATE INDEX "package_plan_runs_month_outcome_idx" ON "package_plan_runs"("month", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "package_plan_runs_userId_month_key" ON "package_plan_runs"("userId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "guest_passes_code_key" ON "guest_passes"("code");

-- CreateIndex
CREATE INDEX "guest_passes_issuerId_createdAt_idx" ON "guest_passes"("issuerId", "createdAt");

-- CreateIndex
CREATE INDEX "account_pauses_userId_startsAt_idx" ON "account_pauses"("userId", "startsAt");

-- CreateIndex
CREATE INDEX "account_pauses_state_startsAt_idx" ON "account_pauses"("state", "startsAt");

-- CreateIndex
CREATE INDEX "radius_rejections_userId_at_idx" ON "radius_rejections"("userId", "at");

-- CreateIndex
CREATE INDEX "radius_rejections_at_idx" ON "radius_rejections"("at");

-- Hand-written: the policy row with its defaults; at most one live plan (下月生效 or 自动续订) per student;
-- at most one pause scheduled or running per student.
INSERT INTO "service_policy" ("id") VALUES (1) ON CONFLICT DO NOTHING;
CREATE UNIQUE INDEX "package_plans_one_live" ON "package_plans" ("userId") WHERE "cancelledAt" IS NULL AND "doneAt" IS NULL;
CREATE UNIQUE INDEX "account_pauses_one_open" ON "account_pauses" ("userId") WHERE "state" IN ('SCHEDULED', 'ACTIVE');
