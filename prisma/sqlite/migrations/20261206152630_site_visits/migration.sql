-- CreateTable
CREATE TABLE "SiteVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "address" TEXT NOT NULL,
    "note" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "findings" TEXT,
    "reportedAt" DATETIME,
    "reportedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SiteVisit_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SiteVisit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteVisitMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "present" BOOLEAN,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SiteVisitMember_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "SiteVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SiteVisitMember_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteVisitPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "storage" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT,
    "originalName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SiteVisitPhoto_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "SiteVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SiteVisit_entryId_key" ON "SiteVisit"("entryId");

-- CreateIndex
CREATE INDEX "SiteVisit_roundId_scheduledAt_idx" ON "SiteVisit"("roundId", "scheduledAt");

-- CreateIndex
CREATE INDEX "SiteVisitMember_juryMemberId_idx" ON "SiteVisitMember"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "SiteVisitMember_visitId_juryMemberId_key" ON "SiteVisitMember"("visitId", "juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "SiteVisitPhoto_storageKey_key" ON "SiteVisitPhoto"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "SiteVisitPhoto_thumbnailKey_key" ON "SiteVisitPhoto"("thumbnailKey");

-- CreateIndex
CREATE INDEX "SiteVisitPhoto_visitId_idx" ON "SiteVisitPhoto"("visitId");

