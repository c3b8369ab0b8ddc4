-- CreateTable
CREATE TABLE "admin_kpi_snapshots" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "month" TEXT NOT NULL,
    "students" INTEGER NOT NULL,
    "throttledNow" INTEGER NOT NULL,
    "activePackages" INTEGER NOT NULL,
    "exchangesThisMonth" INTEGER NOT NULL,
    "packageRevenueThisMonthFen" BIGINT NOT NULL,
    "walletTotalFen" BIGINT NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "tookMs" INTEGER NOT NULL,

    CONSTRAINT "admin_kpi_snapshots_pkey" PRIMARY KEY ("id")
);
