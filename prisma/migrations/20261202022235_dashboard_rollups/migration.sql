-- CreateTable
CREATE TABLE "campus_hourly_usage" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "uploadBytes" BIGINT NOT NULL DEFAULT 0,
    "downloadBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "campus_hourly_usage_pkey" PRIMARY KEY ("hour")
);

-- CreateTable
CREATE TABLE "campus_daily_traffic" (
    "day" DATE NOT NULL,
    "uploadBytes" BIGINT NOT NULL,
    "downloadBytes" BIGINT NOT NULL,
    "activeUsers" INTEGER NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campus_daily_traffic_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "package_holdings_createdAt_idx" ON "package_holdings"("createdAt");
