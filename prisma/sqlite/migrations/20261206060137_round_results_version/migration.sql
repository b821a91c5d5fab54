-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Round" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "provinceId" TEXT,
    "regionId" TEXT,
    "year" INTEGER NOT NULL,
    "groups" TEXT NOT NULL DEFAULT 'A,B,C,D',
    "entriesOpenAt" DATETIME NOT NULL,
    "entriesCloseAt" DATETIME NOT NULL,
    "judgingStartAt" DATETIME,
    "resultsAt" DATETIME,
    "passLine" REAL NOT NULL DEFAULT 70,
    "requiredDocuments" TEXT NOT NULL DEFAULT 'BUSINESS_REGISTRATION,PHOTO',
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "blindJudging" BOOLEAN NOT NULL DEFAULT true,
    "spreadLimit" REAL,
    "scoringPasses" INTEGER NOT NULL DEFAULT 1,
    "currentPass" INTEGER NOT NULL DEFAULT 1,
    "resultsVersion" INTEGER NOT NULL DEFAULT 0,
    "tieBreak" TEXT NOT NULL DEFAULT 'C1,C2',
    "councilName" TEXT,
    "resultsFinalisedAt" DATETIME,
    "resultsFinalisedById" TEXT,
    "complaintsUntil" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Round_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("blindJudging", "complaintsUntil", "councilName", "createdAt", "createdById", "currentPass", "description", "entriesCloseAt", "entriesOpenAt", "groups", "id", "judgingStartAt", "level", "name", "passLine", "provinceId", "regionId", "requiredDocuments", "resultsAt", "resultsFinalisedAt", "resultsFinalisedById", "scoringPasses", "spreadLimit", "status", "tieBreak", "updatedAt", "year") SELECT "blindJudging", "complaintsUntil", "councilName", "createdAt", "createdById", "currentPass", "description", "entriesCloseAt", "entriesOpenAt", "groups", "id", "judgingStartAt", "level", "name", "passLine", "provinceId", "regionId", "requiredDocuments", "resultsAt", "resultsFinalisedAt", "resultsFinalisedById", "scoringPasses", "spreadLimit", "status", "tieBreak", "updatedAt", "year" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE INDEX "Round_level_status_idx" ON "Round"("level", "status");
CREATE INDEX "Round_provinceId_status_idx" ON "Round"("provinceId", "status");
CREATE INDEX "Round_regionId_status_idx" ON "Round"("regionId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

