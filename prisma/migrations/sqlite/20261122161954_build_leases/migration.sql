-- AlterTable
ALTER TABLE "Build" ADD COLUMN "heartbeatAt" DATETIME;
ALTER TABLE "Build" ADD COLUMN "runnerId" TEXT;
