-- AlterTable
ALTER TABLE "Registry" ADD COLUMN "searchUrl" TEXT;

-- CreateTable
CREATE TABLE "Push" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "tagId" INTEGER NOT NULL,
    "imageId" INTEGER NOT NULL,
    "registryId" INTEGER,
    "requestedById" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "digest" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    CONSTRAINT "Push_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Push_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Push_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Push_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "imageId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT,
    "engineImageId" TEXT,
    "sizeBytes" BIGINT,
    "buildId" INTEGER,
    "pushedDigest" TEXT,
    "pushedAt" DATETIME,
    "pushedRegistryId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tag_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tag_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Tag_pushedRegistryId_fkey" FOREIGN KEY ("pushedRegistryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Tag" ("buildId", "createdAt", "digest", "engineImageId", "id", "imageId", "name", "sizeBytes", "updatedAt") SELECT "buildId", "createdAt", "digest", "engineImageId", "id", "imageId", "name", "sizeBytes", "updatedAt" FROM "Tag";
DROP TABLE "Tag";
ALTER TABLE "new_Tag" RENAME TO "Tag";
CREATE INDEX "Tag_buildId_idx" ON "Tag"("buildId");
CREATE INDEX "Tag_pushedRegistryId_idx" ON "Tag"("pushedRegistryId");
CREATE UNIQUE INDEX "Tag_imageId_name_key" ON "Tag"("imageId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- The default registry is Docker Hub, whose search lives on its index, not its registry.
UPDATE "Registry" SET "searchUrl" = 'https://index.docker.io/v1/search' WHERE "isDefault" = 1;
