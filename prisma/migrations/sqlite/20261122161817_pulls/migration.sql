-- CreateTable
CREATE TABLE "Pull" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "registryId" INTEGER,
    "requestedById" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "imageId" INTEGER,
    "tagId" INTEGER,
    CONSTRAINT "Pull_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pull_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pull_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pull_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
