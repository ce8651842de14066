-- CreateEnum
CREATE TYPE "BuildStepState" AS ENUM ('WAITING', 'RUNNING', 'CACHED', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "builder" TEXT,
ADD COLUMN     "labels" JSONB,
ADD COLUMN     "noCache" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "platform" TEXT,
ADD COLUMN     "secretIds" JSONB,
ADD COLUMN     "secretsCiphertext" TEXT,
ADD COLUMN     "target" TEXT;

-- AlterTable
ALTER TABLE "BuildLogLine" ADD COLUMN     "kind" TEXT,
ADD COLUMN     "stepNumber" INTEGER;

-- CreateTable
CREATE TABLE "BuildStep" (
    "id" SERIAL NOT NULL,
    "buildId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" "BuildStepState" NOT NULL DEFAULT 'WAITING',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "errorMessage" TEXT,

    CONSTRAINT "BuildStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BuildStep_buildId_number_key" ON "BuildStep"("buildId", "number");

-- CreateIndex
CREATE INDEX "BuildLogLine_buildId_stepNumber_idx" ON "BuildLogLine"("buildId", "stepNumber");

-- AddForeignKey
ALTER TABLE "BuildLogLine" ADD CONSTRAINT "BuildLogLine_buildId_stepNumber_fkey" FOREIGN KEY ("buildId", "stepNumber") REFERENCES "BuildStep"("buildId", "number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuildStep" ADD CONSTRAINT "BuildStep_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build"("id") ON DELETE CASCADE ON UPDATE CASCADE;
