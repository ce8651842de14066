-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "engineId" INTEGER,
ADD COLUMN     "engineLabels" JSONB,
ADD COLUMN     "sourceSha256" TEXT;

-- AlterTable
ALTER TABLE "HookDelivery" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "buildIds" JSONB,
ADD COLUMN     "error" TEXT,
ADD COLUMN     "event" TEXT,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "payload" TEXT,
ADD COLUMN     "runnerId" TEXT,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'DONE';

-- AlterTable
ALTER TABLE "Pull" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "engineId" INTEGER;

-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "engineId" INTEGER;

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "engineId" INTEGER;

-- CreateTable
CREATE TABLE "Engine" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 4,
    "labels" JSONB,
    "draining" BOOLEAN NOT NULL DEFAULT false,
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "version" TEXT,
    "lastError" TEXT,
    "checkedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Engine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Engine_name_key" ON "Engine"("name");

-- CreateIndex
CREATE INDEX "Build_engineId_state_idx" ON "Build"("engineId", "state");

-- CreateIndex
CREATE INDEX "Tag_engineId_idx" ON "Tag"("engineId");

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pull" ADD CONSTRAINT "Pull_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine"("id") ON DELETE SET NULL ON UPDATE CASCADE;
