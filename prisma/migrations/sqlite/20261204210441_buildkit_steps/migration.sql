-- CreateTable
CREATE TABLE "BuildStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "buildId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'WAITING',
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "errorMessage" TEXT,
    CONSTRAINT "BuildStep_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "baseImages" JSONB,
    "builder" TEXT,
    "target" TEXT,
    "noCache" BOOLEAN NOT NULL DEFAULT false,
    "platform" TEXT,
    "labels" JSONB,
    "secretIds" JSONB,
    "secretsCiphertext" TEXT,
    CONSTRAINT "Build_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Build_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Build_engineId_fkey" FOREIGN KEY ("engineId") REFERENCES "Engine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Build" ("attempt", "baseImages", "branch", "buildArgs", "commitMessage", "commitSha", "createdAt", "dockerfilePath", "engineId", "engineLabels", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "pullRequest", "requestedById", "runnerId", "sourceSha256", "startedAt", "state", "targetTag", "testCommand", "testOnly", "testsPassed", "trigger", "versionId") SELECT "attempt", "baseImages", "branch", "buildArgs", "commitMessage", "commitSha", "createdAt", "dockerfilePath", "engineId", "engineLabels", "errorMessage", "finishedAt", "heartbeatAt", "id", "imageId", "inlineDockerfile", "pullRequest", "requestedById", "runnerId", "sourceSha256", "startedAt", "state", "targetTag", "testCommand", "testOnly", "testsPassed", "trigger", "versionId" FROM "Build";
DROP TABLE "Build";
ALTER TABLE "new_Build" RENAME TO "Build";
CREATE INDEX "Build_imageId_targetTag_idx" ON "Build"("imageId", "targetTag");
CREATE INDEX "Build_engineId_state_idx" ON "Build"("engineId", "state");
CREATE INDEX "Build_versionId_idx" ON "Build"("versionId");
CREATE INDEX "Build_requestedById_idx" ON "Build"("requestedById");
CREATE INDEX "Build_state_idx" ON "Build"("state");
CREATE TABLE "new_BuildLogLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "buildId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "stream" TEXT NOT NULL DEFAULT 'stdout',
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stepNumber" INTEGER,
    "kind" TEXT,
    CONSTRAINT "BuildLogLine_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BuildLogLine_buildId_stepNumber_fkey" FOREIGN KEY ("buildId", "stepNumber") REFERENCES "BuildStep" ("buildId", "number") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BuildLogLine" ("buildId", "createdAt", "id", "lineNo", "stream", "text") SELECT "buildId", "createdAt", "id", "lineNo", "stream", "text" FROM "BuildLogLine";
DROP TABLE "BuildLogLine";
ALTER TABLE "new_BuildLogLine" RENAME TO "BuildLogLine";
CREATE INDEX "BuildLogLine_buildId_stepNumber_idx" ON "BuildLogLine"("buildId", "stepNumber");
CREATE UNIQUE INDEX "BuildLogLine_buildId_lineNo_key" ON "BuildLogLine"("buildId", "lineNo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "BuildStep_buildId_number_key" ON "BuildStep"("buildId", "number");
