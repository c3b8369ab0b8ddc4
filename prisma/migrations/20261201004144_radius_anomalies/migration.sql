-- CreateTable
CREATE TABLE "radius_anomalies" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "acctUniqueId" TEXT,
    "username" TEXT NOT NULL,
    "userId" UUID,
    "nasIp" TEXT,
    "claimedBytes" BIGINT NOT NULL DEFAULT 0,
    "boundBytes" BIGINT NOT NULL DEFAULT 0,
    "detail" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "radius_anomalies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "radius_anomalies_at_idx" ON "radius_anomalies"("at");

-- CreateIndex
CREATE INDEX "radius_anomalies_userId_at_idx" ON "radius_anomalies"("userId", "at");
