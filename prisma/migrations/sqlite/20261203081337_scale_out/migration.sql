-- CreateTable
CREATE TABLE "Engine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 4,
    "labels" JSONB,
    "draining" BOOLEAN NOT NULL DEFAULT false,
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "version" TEXT,
    "lastError" TEXT,
    "checkedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "engineId" INTEGER,
    "engineLabels" JSONB,
    "sourceSha256" TEXT,
    CONSTRAINT "Build_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Build_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Build" ("branch", "buildArgs", "commitMessage", "commitSha", "createdAt", "dockerfilePath", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "pullRequest", "requestedById", "runnerId", "startedAt", "state", "targetTag", "testCommand", "testOnly", "testsPassed", "trigger", "versionId") SELECT "branch", "buildArgs", "commitMessage", "commitSha", "createdAt", "dockerfilePath", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "pullRequest", "requestedById", "runnerId", "startedAt", "state", "targetTag", "testCommand", "testOnly", "testsPassed", "trigger", "versionId" FROM "Build";
DROP TABLE "Build";
ALTER TABLE "new_Build" RENAME TO "Build";
CREATE INDEX "Build_imageId_targetTag_idx" ON "Build"("imageId", "targetTag");
CREATE INDEX "Build_engineId_state_idx" ON "Build"("engineId", "state");
CREATE INDEX "Build_versionId_idx" ON "Build"("versionId");
CREATE INDEX "Build_requestedById_idx" ON "Build"("requestedById");
CREATE INDEX "Build_state_idx" ON "Build"("state");
CREATE TABLE "new_HookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'DONE',
    "event" TEXT,
    "payload" TEXT,
    "error" TEXT,
    "buildIds" JSONB,
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "HookDelivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "BuildSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_HookDelivery" ("deliveryId", "id", "receivedAt", "sourceId") SELECT "deliveryId", "id", "receivedAt", "sourceId" FROM "HookDelivery";
DROP TABLE "HookDelivery";
ALTER TABLE "new_HookDelivery" RENAME TO "HookDelivery";
CREATE UNIQUE INDEX "HookDelivery_sourceId_deliveryId_key" ON "HookDelivery"("sourceId", "deliveryId");
CREATE TABLE "new_Pull" (
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
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "engineId" INTEGER,
    CONSTRAINT "Pull_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pull_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pull_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pull_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pull_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Pull" ("createdAt", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "progress", "reference", "registryId", "requestedById", "runnerId", "startedAt", "state", "tagId") SELECT "createdAt", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "progress", "reference", "registryId", "requestedById", "runnerId", "startedAt", "state", "tagId" FROM "Pull";
DROP TABLE "Pull";
ALTER TABLE "new_Pull" RENAME TO "Pull";
CREATE INDEX "Pull_requestedById_idx" ON "Pull"("requestedById");
CREATE INDEX "Pull_registryId_idx" ON "Pull"("registryId");
CREATE INDEX "Pull_imageId_idx" ON "Pull"("imageId");
CREATE INDEX "Pull_tagId_idx" ON "Pull"("tagId");
CREATE INDEX "Pull_state_idx" ON "Pull"("state");
CREATE TABLE "new_Push" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "tagId" INTEGER NOT NULL,
    "imageId" INTEGER NOT NULL,
    "registryId" INTEGER,
    "requestedById" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "errorMessage" TEXT,
    "digest" TEXT,
    "engineImageId" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "engineId" INTEGER,
    CONSTRAINT "Push_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Push_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Push_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Push_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Push_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Push" ("createdAt", "digest", "engineImageId", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "progress", "reference", "registryId", "requestedById", "runnerId", "startedAt", "state", "tagId") SELECT "createdAt", "digest", "engineImageId", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "progress", "reference", "registryId", "requestedById", "runnerId", "startedAt", "state", "tagId" FROM "Push";
DROP TABLE "Push";
ALTER TABLE "new_Push" RENAME TO "Push";
CREATE INDEX "Push_tagId_idx" ON "Push"("tagId");
CREATE INDEX "Push_imageId_idx" ON "Push"("imageId");
CREATE INDEX "Push_registryId_idx" ON "Push"("registryId");
CREATE INDEX "Push_requestedById_idx" ON "Push"("requestedById");
CREATE INDEX "Push_state_idx" ON "Push"("state");
CREATE TABLE "new_Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "imageId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT,
    "engineImageId" TEXT,
    "engineReference" TEXT,
    "sizeBytes" BIGINT,
    "buildId" INTEGER,
    "pushedDigest" TEXT,
    "pushedAt" DATETIME,
    "pushedRegistryId" INTEGER,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "engineId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tag_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tag_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Tag_pushedRegistryId_fkey" FOREIGN KEY ("pushedRegistryId") REFERENCES "Registry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Tag_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Tag" ("buildId", "createdAt", "digest", "engineImageId", "engineReference", "id", "imageId", "name", "protected", "pushedAt", "pushedDigest", "pushedRegistryId", "sizeBytes", "updatedAt") SELECT "buildId", "createdAt", "digest", "engineImageId", "engineReference", "id", "imageId", "name", "protected", "pushedAt", "pushedDigest", "pushedRegistryId", "sizeBytes", "updatedAt" FROM "Tag";
DROP TABLE "Tag";
ALTER TABLE "new_Tag" RENAME TO "Tag";
CREATE INDEX "Tag_buildId_idx" ON "Tag"("buildId");
CREATE INDEX "Tag_pushedRegistryId_idx" ON "Tag"("pushedRegistryId");
CREATE INDEX "Tag_engineId_idx" ON "Tag"("engineId");
CREATE UNIQUE INDEX "Tag_imageId_name_key" ON "Tag"("imageId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Engine_name_key" ON "Engine"("name");
