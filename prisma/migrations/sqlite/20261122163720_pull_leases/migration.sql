-- AlterTable
ALTER TABLE "Pull" ADD COLUMN "heartbeatAt" DATETIME;
ALTER TABLE "Pull" ADD COLUMN "runnerId" TEXT;
