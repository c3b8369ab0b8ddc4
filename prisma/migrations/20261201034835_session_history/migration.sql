-- CreateTable (hand-edited: PARTITION BY, one partition per Asia/Shanghai month; decision 014)
CREATE TABLE "radius_session_history" (
    "id" UUID NOT NULL,
    "acctUniqueId" TEXT NOT NULL,
    "acctSessionId" TEXT NOT NULL,
    "userId" UUID,
    "username" TEXT NOT NULL,
    "nasIp" TEXT NOT NULL,
    "nasIdentifier" TEXT,
    "framedIp" TEXT,
    "mac" TEXT,
    "state" "SessionState" NOT NULL,
    "inputOctets" BIGINT NOT NULL,
    "outputOctets" BIGINT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUpdateAt" TIMESTAMPTZ(3) NOT NULL,
    "stoppedAt" TIMESTAMPTZ(3),
    "terminateCause" TEXT,
    "unknownUser" BOOLEAN NOT NULL DEFAULT false,
    "speedMode" "SpeedMode",

    CONSTRAINT "radius_session_history_pkey" PRIMARY KEY ("id","startedAt")
) PARTITION BY RANGE ("startedAt");

-- CreateIndex
CREATE INDEX "radius_session_history_userId_startedAt_idx" ON "radius_session_history"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "radius_session_history_acctUniqueId_idx" ON "radius_session_history"("acctUniqueId");
