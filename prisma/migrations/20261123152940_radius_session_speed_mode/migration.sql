-- CreateEnum
CREATE TYPE "SpeedMode" AS ENUM ('HIGH_SPEED', 'THROTTLED');

-- AlterTable
ALTER TABLE "radius_sessions" ADD COLUMN     "speedMode" "SpeedMode";
