-- CreateTable
CREATE TABLE "sandbox_refunds" (
    "id" UUID NOT NULL,
    "outRefundNo" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_refunds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_refunds_outRefundNo_key" ON "sandbox_refunds"("outRefundNo");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_refunds_refundId_key" ON "sandbox_refunds"("refundId");

-- CreateIndex
CREATE INDEX "sandbox_refunds_outTradeNo_idx" ON "sandbox_refunds"("outTradeNo");
