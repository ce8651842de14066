-- AlterTable
ALTER TABLE "Pull" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "runnerId" TEXT;
