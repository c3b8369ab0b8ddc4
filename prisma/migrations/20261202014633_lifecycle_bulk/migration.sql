-- AlterEnum
ALTER TYPE "AccountStatus" ADD VALUE 'CLOSED';

-- CreateTable
CREATE TABLE "graduation_runs" (
    "id" BIGSERIAL NOT NULL,
    "staffId" UUID NOT NULL,
    "year" TEXT NOT NULL,
    "college" TEXT,
    "refundMode" TEXT NOT NULL,
    "accounts" INTEGER NOT NULL,
    "refundedFen" BIGINT NOT NULL,
    "originalFen" BIGINT NOT NULL,
    "cashFen" BIGINT NOT NULL,
    "sessionsEnded" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "graduation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "graduation_settlements" (
    "id" BIGSERIAL NOT NULL,
    "runId" BIGINT NOT NULL,
    "userId" UUID NOT NULL,
    "studentNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "college" TEXT,
    "fromStatus" TEXT NOT NULL,
    "balanceFen" BIGINT NOT NULL,
    "originalFen" BIGINT NOT NULL,
    "cashFen" BIGINT NOT NULL,
    "refundNos" TEXT[],
    "cashEntryId" UUID,
    "sessionsEnded" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "graduation_settlements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "graduation_runs_createdAt_idx" ON "graduation_runs"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "graduation_settlements_userId_key" ON "graduation_settlements"("userId");

-- CreateIndex
CREATE INDEX "graduation_settlements_runId_id_idx" ON "graduation_settlements"("runId", "id");

-- AddForeignKey
ALTER TABLE "graduation_settlements" ADD CONSTRAINT "graduation_settlements_runId_fkey" FOREIGN KEY ("runId") REFERENCES "graduation_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
