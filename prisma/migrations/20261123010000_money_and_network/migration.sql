-- CreateEnum
CREATE TYPE "RechargeChannel" AS ENUM ('SANDBOX', 'WECHAT', 'ALIPAY', 'COUNTER');

-- CreateEnum
CREATE TYPE "OrderState" AS ENUM ('CREATED', 'PAID', 'CREDITED', 'CLOSED', 'FLAGGED');

-- CreateEnum
CREATE TYPE "RefundState" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RefundKind" AS ENUM ('ORIGINAL_ROUTE', 'CASH');

-- CreateEnum
CREATE TYPE "SandboxTradeState" AS ENUM ('NOTPAY', 'SUCCESS', 'CLOSED', 'REFUND');

-- CreateEnum
CREATE TYPE "SessionState" AS ENUM ('ACTIVE', 'STOPPED');

-- CreateEnum
CREATE TYPE "CoaKind" AS ENUM ('COA', 'DISCONNECT');

-- CreateEnum
CREATE TYPE "CoaResult" AS ENUM ('PENDING', 'ACK', 'NAK', 'TIMEOUT', 'ERROR');

-- CreateTable
CREATE TABLE "recharge_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "minFen" BIGINT NOT NULL DEFAULT 500,
    "maxFen" BIGINT NOT NULL DEFAULT 50000,
    "orderTimeoutMinutes" INTEGER NOT NULL DEFAULT 15,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recharge_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recharge_orders" (
    "id" UUID NOT NULL,
    "orderNo" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "channel" "RechargeChannel" NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "state" "OrderState" NOT NULL DEFAULT 'CREATED',
    "gatewayTxnId" TEXT,
    "paidAmountFen" BIGINT,
    "paidAfterClose" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "note" TEXT,
    "journalEntryId" UUID,
    "refundedFen" BIGINT NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "paidAt" TIMESTAMPTZ(3),
    "creditedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "flaggedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recharge_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_events" (
    "id" BIGSERIAL NOT NULL,
    "orderId" UUID NOT NULL,
    "fromState" "OrderState",
    "toState" "OrderState" NOT NULL,
    "note" TEXT,
    "data" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_notifications" (
    "id" BIGSERIAL NOT NULL,
    "channel" "RechargeChannel" NOT NULL,
    "verified" BOOLEAN NOT NULL,
    "orderNo" TEXT,
    "gatewayTxnId" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "headers" JSONB,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL,
    "refundNo" TEXT NOT NULL,
    "orderId" UUID NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "kind" "RefundKind" NOT NULL,
    "state" "RefundState" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT NOT NULL,
    "gatewayRefundId" TEXT,
    "journalEntryId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_trades" (
    "id" UUID NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "description" TEXT,
    "notifyUrl" TEXT NOT NULL,
    "state" "SandboxTradeState" NOT NULL DEFAULT 'NOTPAY',
    "refundedFen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMPTZ(3),
    "notifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "sandbox_trades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_runs" (
    "id" UUID NOT NULL,
    "channel" "RechargeChannel" NOT NULL,
    "day" DATE NOT NULL,
    "summary" JSONB NOT NULL,
    "items" JSONB NOT NULL,
    "repaired" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_credentials" (
    "userId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "network_credentials_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "devices" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "mac" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "macAuth" BOOLEAN NOT NULL DEFAULT false,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "blockedAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nas_clients" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "coaPort" INTEGER NOT NULL DEFAULT 3799,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nas_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "radius_sessions" (
    "id" UUID NOT NULL,
    "acctUniqueId" TEXT NOT NULL,
    "acctSessionId" TEXT NOT NULL,
    "userId" UUID,
    "username" TEXT NOT NULL,
    "nasIp" TEXT NOT NULL,
    "nasIdentifier" TEXT,
    "framedIp" TEXT,
    "mac" TEXT,
    "state" "SessionState" NOT NULL DEFAULT 'ACTIVE',
    "inputOctets" BIGINT NOT NULL DEFAULT 0,
    "outputOctets" BIGINT NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUpdateAt" TIMESTAMPTZ(3) NOT NULL,
    "stoppedAt" TIMESTAMPTZ(3),
    "terminateCause" TEXT,
    "unknownUser" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "radius_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_daily_usage" (
    "userId" UUID NOT NULL,
    "mac" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "uploadBytes" BIGINT NOT NULL DEFAULT 0,
    "downloadBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "device_daily_usage_pkey" PRIMARY KEY ("userId","mac","day")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coa_requests" (
    "id" BIGSERIAL NOT NULL,
    "sessionId" UUID NOT NULL,
    "userId" UUID,
    "kind" "CoaKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "attributes" JSONB,
    "result" "CoaResult" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "coa_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "recharge_orders_orderNo_key" ON "recharge_orders"("orderNo");

-- CreateIndex
CREATE UNIQUE INDEX "recharge_orders_journalEntryId_key" ON "recharge_orders"("journalEntryId");

-- CreateIndex
CREATE INDEX "recharge_orders_userId_createdAt_idx" ON "recharge_orders"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "recharge_orders_state_expiresAt_idx" ON "recharge_orders"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "recharge_orders_createdAt_idx" ON "recharge_orders"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "recharge_orders_channel_gatewayTxnId_key" ON "recharge_orders"("channel", "gatewayTxnId");

-- CreateIndex
CREATE INDEX "order_events_orderId_id_idx" ON "order_events"("orderId", "id");

-- CreateIndex
CREATE INDEX "payment_notifications_orderNo_idx" ON "payment_notifications"("orderNo");

-- CreateIndex
CREATE INDEX "payment_notifications_receivedAt_idx" ON "payment_notifications"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_refundNo_key" ON "refunds"("refundNo");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_journalEntryId_key" ON "refunds"("journalEntryId");

-- CreateIndex
CREATE INDEX "refunds_orderId_idx" ON "refunds"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_trades_outTradeNo_key" ON "sandbox_trades"("outTradeNo");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_trades_transactionId_key" ON "sandbox_trades"("transactionId");

-- CreateIndex
CREATE INDEX "sandbox_trades_paidAt_idx" ON "sandbox_trades"("paidAt");

-- CreateIndex
CREATE INDEX "reconciliation_runs_channel_day_idx" ON "reconciliation_runs"("channel", "day");

-- CreateIndex
CREATE INDEX "devices_mac_idx" ON "devices"("mac");

-- CreateIndex
CREATE UNIQUE INDEX "devices_userId_mac_key" ON "devices"("userId", "mac");

-- CreateIndex
CREATE UNIQUE INDEX "nas_clients_ipAddress_key" ON "nas_clients"("ipAddress");

-- CreateIndex
CREATE UNIQUE INDEX "radius_sessions_acctUniqueId_key" ON "radius_sessions"("acctUniqueId");

-- CreateIndex
CREATE INDEX "radius_sessions_userId_startedAt_idx" ON "radius_sessions"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "radius_sessions_nasIp_state_idx" ON "radius_sessions"("nasIp", "state");

-- CreateIndex
CREATE INDEX "radius_sessions_state_userId_idx" ON "radius_sessions"("state", "userId");

-- CreateIndex
CREATE INDEX "notifications_userId_createdAt_idx" ON "notifications"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_userId_dedupeKey_key" ON "notifications"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "coa_requests_sessionId_idx" ON "coa_requests"("sessionId");

-- CreateIndex
CREATE INDEX "coa_requests_sentAt_idx" ON "coa_requests"("sentAt");

-- AddForeignKey
ALTER TABLE "recharge_orders" ADD CONSTRAINT "recharge_orders_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recharge_orders" ADD CONSTRAINT "recharge_orders_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "recharge_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "recharge_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_credentials" ADD CONSTRAINT "network_credentials_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "radius_sessions" ADD CONSTRAINT "radius_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
