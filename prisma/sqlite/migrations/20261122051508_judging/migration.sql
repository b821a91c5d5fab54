-- CreateTable
CREATE TABLE "Rubric" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT,
    "lockedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rubric_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rubric_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RubricItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rubricId" TEXT NOT NULL,
    "criterion" INTEGER NOT NULL,
    "group" TEXT,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT,
    "max" REAL NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RubricItem_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Panel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "groups" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Panel_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JuryMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isJudge" BOOLEAN NOT NULL DEFAULT true,
    "panelId" TEXT,
    "councilRole" TEXT,
    "title" TEXT,
    "provinceId" TEXT,
    "declaredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JuryMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JuryMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "JuryMember_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "Panel" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "JuryMember_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conflict_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conflict_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conflict_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssignmentOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "include" BOOLEAN NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssignmentOverride_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentOverride_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentOverride_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "pass" INTEGER NOT NULL DEFAULT 1,
    "rubricId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "scores" JSONB NOT NULL,
    "notes" JSONB,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" DATETIME,
    "onPaper" BOOLEAN NOT NULL DEFAULT false,
    "enteredById" TEXT,
    "reopenReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScoreSheet_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreSheet_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreSheet_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreSheet_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EntryOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "secondPass" BOOLEAN NOT NULL DEFAULT false,
    "spreadDecision" TEXT,
    "spreadDecidedAt" DATETIME,
    "spreadDecidedById" TEXT,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstain" INTEGER,
    "membersPresent" INTEGER,
    "membersTotal" INTEGER,
    "chairPresent" BOOLEAN,
    "recognised" BOOLEAN,
    "voteNote" TEXT,
    "votedAt" DATETIME,
    "votedById" TEXT,
    "finalScore" REAL,
    "finalSheets" INTEGER,
    "finalRank" INTEGER,
    "finalPassed" BOOLEAN,
    "finalPass" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EntryOutcome_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EntryOutcome_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "tieBreak" TEXT NOT NULL DEFAULT 'C1,C2',
    "councilName" TEXT,
    "resultsFinalisedAt" DATETIME,
    "resultsFinalisedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Round_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("createdAt", "createdById", "description", "entriesCloseAt", "entriesOpenAt", "groups", "id", "judgingStartAt", "level", "name", "passLine", "provinceId", "regionId", "requiredDocuments", "resultsAt", "status", "updatedAt", "year") SELECT "createdAt", "createdById", "description", "entriesCloseAt", "entriesOpenAt", "groups", "id", "judgingStartAt", "level", "name", "passLine", "provinceId", "regionId", "requiredDocuments", "resultsAt", "status", "updatedAt", "year" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE INDEX "Round_level_status_idx" ON "Round"("level", "status");
CREATE INDEX "Round_provinceId_status_idx" ON "Round"("provinceId", "status");
CREATE INDEX "Round_regionId_status_idx" ON "Round"("regionId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Rubric_roundId_version_key" ON "Rubric"("roundId", "version");

-- CreateIndex
CREATE INDEX "RubricItem_rubricId_idx" ON "RubricItem"("rubricId");

-- CreateIndex
CREATE UNIQUE INDEX "Panel_roundId_name_key" ON "Panel"("roundId", "name");

-- CreateIndex
CREATE INDEX "JuryMember_userId_idx" ON "JuryMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "JuryMember_roundId_userId_key" ON "JuryMember"("roundId", "userId");

-- CreateIndex
CREATE INDEX "Conflict_roundId_idx" ON "Conflict"("roundId");

-- CreateIndex
CREATE INDEX "Conflict_establishmentId_idx" ON "Conflict"("establishmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Conflict_juryMemberId_establishmentId_key" ON "Conflict"("juryMemberId", "establishmentId");

-- CreateIndex
CREATE INDEX "AssignmentOverride_roundId_idx" ON "AssignmentOverride"("roundId");

-- CreateIndex
CREATE INDEX "AssignmentOverride_juryMemberId_idx" ON "AssignmentOverride"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentOverride_entryId_juryMemberId_key" ON "AssignmentOverride"("entryId", "juryMemberId");

-- CreateIndex
CREATE INDEX "ScoreSheet_roundId_pass_status_idx" ON "ScoreSheet"("roundId", "pass", "status");

-- CreateIndex
CREATE INDEX "ScoreSheet_juryMemberId_idx" ON "ScoreSheet"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_entryId_juryMemberId_pass_key" ON "ScoreSheet"("entryId", "juryMemberId", "pass");

-- CreateIndex
CREATE UNIQUE INDEX "EntryOutcome_entryId_key" ON "EntryOutcome"("entryId");

-- CreateIndex
CREATE INDEX "EntryOutcome_roundId_idx" ON "EntryOutcome"("roundId");

