-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Registry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL DEFAULT 'v2',
    "trustSelfSignedCert" BOOLEAN NOT NULL DEFAULT false,
    "username" TEXT,
    "passwordCiphertext" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchUrl" TEXT,
    "organizationId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Registry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Registry" ("apiVersion", "createdAt", "id", "isDefault", "name", "passwordCiphertext", "searchUrl", "trustSelfSignedCert", "updatedAt", "url", "username") SELECT "apiVersion", "createdAt", "id", "isDefault", "name", "passwordCiphertext", "searchUrl", "trustSelfSignedCert", "updatedAt", "url", "username" FROM "Registry";
DROP TABLE "Registry";
ALTER TABLE "new_Registry" RENAME TO "Registry";
CREATE UNIQUE INDEX "Registry_name_key" ON "Registry"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
