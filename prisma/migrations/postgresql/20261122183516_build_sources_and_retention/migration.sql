-- CreateEnum
CREATE TYPE "AutotestMode" AS ENUM ('OFF', 'SOURCE_ONLY', 'SOURCE_AND_FORKS');

-- CreateEnum
CREATE TYPE "RetentionRule" AS ENUM ('KEEP_LAST', 'OLDER_THAN', 'MATCHING');

-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "branch" TEXT,
ADD COLUMN     "commitMessage" TEXT,
ADD COLUMN     "commitSha" TEXT,
ADD COLUMN     "pullRequest" TEXT,
ADD COLUMN     "testCommand" JSONB,
ADD COLUMN     "testOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "testsPassed" BOOLEAN,
ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'MANUAL';

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "protected" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BuildSource" (
    "id" SERIAL NOT NULL,
    "imageId" INTEGER NOT NULL,
    "repositoryUrl" TEXT NOT NULL,
    "autotests" "AutotestMode" NOT NULL DEFAULT 'OFF',
    "testCommand" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BuildSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuildSetting" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "branch" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "dockerfilePath" TEXT NOT NULL DEFAULT 'Dockerfile',
    "autobuild" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "BuildSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HookDelivery" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" SERIAL NOT NULL,
    "imageId" INTEGER NOT NULL,
    "rule" "RetentionRule" NOT NULL,
    "keepLast" INTEGER,
    "olderThanDays" INTEGER,
    "tagPattern" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BuildSource_imageId_key" ON "BuildSource"("imageId");

-- CreateIndex
CREATE INDEX "BuildSetting_sourceId_branch_idx" ON "BuildSetting"("sourceId", "branch");

-- CreateIndex
CREATE UNIQUE INDEX "BuildSetting_sourceId_tag_key" ON "BuildSetting"("sourceId", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "HookDelivery_sourceId_deliveryId_key" ON "HookDelivery"("sourceId", "deliveryId");

-- CreateIndex
CREATE INDEX "RetentionPolicy_imageId_idx" ON "RetentionPolicy"("imageId");

-- AddForeignKey
ALTER TABLE "BuildSource" ADD CONSTRAINT "BuildSource_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuildSetting" ADD CONSTRAINT "BuildSetting_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "BuildSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HookDelivery" ADD CONSTRAINT "HookDelivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "BuildSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionPolicy" ADD CONSTRAINT "RetentionPolicy_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;
