-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "searchUrl" TEXT;

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "pushedAt" TIMESTAMP(3),
ADD COLUMN     "pushedDigest" TEXT,
ADD COLUMN     "pushedRegistryId" INTEGER;

-- CreateTable
CREATE TABLE "Push" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "tagId" INTEGER NOT NULL,
    "imageId" INTEGER NOT NULL,
    "registryId" INTEGER,
    "requestedById" INTEGER NOT NULL,
    "state" "PullState" NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "digest" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "runnerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Push_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Push_tagId_idx" ON "Push"("tagId");

-- CreateIndex
CREATE INDEX "Push_imageId_idx" ON "Push"("imageId");

-- CreateIndex
CREATE INDEX "Push_registryId_idx" ON "Push"("registryId");

-- CreateIndex
CREATE INDEX "Push_requestedById_idx" ON "Push"("requestedById");

-- CreateIndex
CREATE INDEX "Push_state_idx" ON "Push"("state");

-- CreateIndex
CREATE INDEX "Tag_pushedRegistryId_idx" ON "Tag"("pushedRegistryId");

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_pushedRegistryId_fkey" FOREIGN KEY ("pushedRegistryId") REFERENCES "Registry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default registry is Docker Hub, whose search lives on its index, not its registry.
UPDATE "Registry" SET "searchUrl" = 'https://index.docker.io/v1/search' WHERE "isDefault" = true;
