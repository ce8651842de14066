-- CreateTable
CREATE TABLE "BuildSource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "imageId" INTEGER NOT NULL,
    "repositoryUrl" TEXT NOT NULL,
    "autotests" TEXT NOT NULL DEFAULT 'OFF',
    "testCommand" TEXT,
    "secretCiphertext" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BuildSource_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BuildSetting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "branch" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "dockerfilePath" TEXT NOT NULL DEFAULT 'Dockerfile',
    "autobuild" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "BuildSetting_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "BuildSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HookDelivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "BuildSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "imageId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "keepLast" INTEGER,
    "olderThanDays" INTEGER,
    "tagPattern" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RetentionPolicy_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Build" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "imageId" INTEGER NOT NULL,
    "versionId" INTEGER,
    "requestedById" INTEGER,
    "targetTag" TEXT NOT NULL,
    "dockerfilePath" TEXT,
    "inlineDockerfile" TEXT,
    "buildArgs" JSONB,
    "branch" TEXT,
    "commitSha" TEXT,
    "commitMessage" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'MANUAL',
    "testCommand" JSONB,
    "testsPassed" BOOLEAN,
    "testOnly" BOOLEAN NOT NULL DEFAULT false,
    "pullRequest" TEXT,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    CONSTRAINT "Build_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Build" ("buildArgs", "createdAt", "dockerfilePath", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "requestedById", "runnerId", "startedAt", "state", "targetTag", "versionId") SELECT "buildArgs", "createdAt", "dockerfilePath", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "requestedById", "runnerId", "startedAt", "state", "targetTag", "versionId" FROM "Build";
DROP TABLE "Build";
ALTER TABLE "new_Build" RENAME TO "Build";
CREATE INDEX "Build_imageId_targetTag_idx" ON "Build"("imageId", "targetTag");
CREATE INDEX "Build_versionId_idx" ON "Build"("versionId");
CREATE INDEX "Build_requestedById_idx" ON "Build"("requestedById");
CREATE INDEX "Build_state_idx" ON "Build"("state");
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
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tag_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tag_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Tag_pushedRegistryId_fkey" FOREIGN KEY ("pushedRegistryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Tag" ("buildId", "createdAt", "digest", "engineImageId", "id", "imageId", "name", "pushedAt", "pushedDigest", "pushedRegistryId", "sizeBytes", "updatedAt") SELECT "buildId", "createdAt", "digest", "engineImageId", "id", "imageId", "name", "pushedAt", "pushedDigest", "pushedRegistryId", "sizeBytes", "updatedAt" FROM "Tag";
DROP TABLE "Tag";
ALTER TABLE "new_Tag" RENAME TO "Tag";
CREATE INDEX "Tag_buildId_idx" ON "Tag"("buildId");
CREATE INDEX "Tag_pushedRegistryId_idx" ON "Tag"("pushedRegistryId");
CREATE UNIQUE INDEX "Tag_imageId_name_key" ON "Tag"("imageId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
