-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "runnerId" TEXT;
