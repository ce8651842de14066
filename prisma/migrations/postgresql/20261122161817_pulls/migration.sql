-- CreateEnum
CREATE TYPE "PullState" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Pull" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "registryId" INTEGER,
    "requestedById" INTEGER NOT NULL,
    "state" "PullState" NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "imageId" INTEGER,
    "tagId" INTEGER,

    CONSTRAINT "Pull_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Pull_requestedById_idx" ON "Pull"("requestedById");

-- CreateIndex
CREATE INDEX "Pull_registryId_idx" ON "Pull"("registryId");

-- CreateIndex
CREATE INDEX "Pull_imageId_idx" ON "Pull"("imageId");

-- CreateIndex
CREATE INDEX "Pull_tagId_idx" ON "Pull"("tagId");

-- CreateIndex
CREATE INDEX "Pull_state_idx" ON "Pull"("state");

-- AddForeignKey
ALTER TABLE "Pull" ADD CONSTRAINT "Pull_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pull" ADD CONSTRAINT "Pull_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pull" ADD CONSTRAINT "Pull_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pull" ADD CONSTRAINT "Pull_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE SET NULL ON UPDATE CASCADE;
