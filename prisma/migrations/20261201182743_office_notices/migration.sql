-- CreateTable
CREATE TABLE "office_notices" (
    "id" BIGSERIAL NOT NULL,
    "senderId" UUID NOT NULL,
    "audience" TEXT NOT NULL,
    "year" TEXT,
    "college" TEXT,
    "studentNo" TEXT,
    "titleZh" TEXT NOT NULL,
    "textZh" TEXT NOT NULL,
    "titleEn" TEXT,
    "textEn" TEXT,
    "recipients" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "office_notices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "office_notices_idempotencyKey_key" ON "office_notices"("idempotencyKey");

-- CreateIndex
CREATE INDEX "office_notices_createdAt_idx" ON "office_notices"("createdAt");

-- AddForeignKey
ALTER TABLE "office_notices" ADD CONSTRAINT "office_notices_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
