-- CreateTable
CREATE TABLE "OverdueConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "flaggedAt" DATETIME NOT NULL,
    "notifiedAt" DATETIME,
    "notifyRun" TEXT,
    "closedAt" DATETIME,
    "closedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OverdueConfirmation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SiteVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "scheduledAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "address" TEXT NOT NULL,
    "note" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "findings" TEXT,
    "reportedAt" DATETIME,
    "reportedById" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "cancelledById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SiteVisit_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SiteVisit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SiteVisit" ("address", "createdAt", "createdById", "durationMinutes", "entryId", "findings", "id", "note", "reportedAt", "reportedById", "roundId", "scheduledAt", "sequence", "updatedAt") SELECT "address", "createdAt", "createdById", "durationMinutes", "entryId", "findings", "id", "note", "reportedAt", "reportedById", "roundId", "scheduledAt", "sequence", "updatedAt" FROM "SiteVisit";
DROP TABLE "SiteVisit";
ALTER TABLE "new_SiteVisit" RENAME TO "SiteVisit";
CREATE INDEX "SiteVisit_roundId_scheduledAt_idx" ON "SiteVisit"("roundId", "scheduledAt");
CREATE INDEX "SiteVisit_entryId_scheduledAt_idx" ON "SiteVisit"("entryId", "scheduledAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OverdueConfirmation_closedAt_flaggedAt_idx" ON "OverdueConfirmation"("closedAt", "flaggedAt");

-- CreateIndex
CREATE INDEX "OverdueConfirmation_notifiedAt_idx" ON "OverdueConfirmation"("notifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OverdueConfirmation_certificateId_period_key" ON "OverdueConfirmation"("certificateId", "period");


-- Existing visits that have a report are DONE (the rest stay SCHEDULED)
UPDATE "SiteVisit" SET "status" = 'DONE' WHERE "reportedAt" IS NOT NULL;
