-- CreateEnum
CREATE TYPE "OfferTarget" AS ENUM ('ALL', 'NEW_STUDENTS');

-- AlterTable
ALTER TABLE "packages" ADD COLUMN     "family" TEXT,
ADD COLUMN     "supersededAt" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "package_holdings" ADD COLUMN     "offerId" UUID;

-- CreateTable
CREATE TABLE "package_offers" (
    "id" UUID NOT NULL,
    "family" TEXT NOT NULL,
    "priceFen" BIGINT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "perStudentLimit" INTEGER NOT NULL,
    "target" "OfferTarget" NOT NULL DEFAULT 'ALL',
    "withdrawnAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "package_offers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "package_offers_family_endsAt_idx" ON "package_offers"("family", "endsAt");

-- CreateIndex
CREATE INDEX "packages_family_idx" ON "packages"("family");

-- CreateIndex
CREATE INDEX "package_holdings_offerId_userId_idx" ON "package_holdings"("offerId", "userId");

-- AddForeignKey
ALTER TABLE "package_holdings" ADD CONSTRAINT "package_holdings_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "package_offers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
