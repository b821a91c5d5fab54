-- CreateTable
CREATE TABLE "RoundSampleSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "unitsPerEntry" INTEGER NOT NULL DEFAULT 1,
    "receivingPlace" TEXT,
    "deadline" DATETIME,
    "tastingDrawnAt" DATETIME,
    "tastingDrawnById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RoundSampleSettings_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SampleReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "units" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    "storage" TEXT NOT NULL,
    "note" TEXT,
    "receivedById" TEXT NOT NULL,
    "endAction" TEXT,
    "endedAt" DATETIME,
    "endNote" TEXT,
    "endedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SampleReceipt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SampleReceipt_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TastingNumber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "panelKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TastingNumber_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TastingNumber_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RoundSampleSettings_roundId_key" ON "RoundSampleSettings"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "SampleReceipt_entryId_key" ON "SampleReceipt"("entryId");

-- CreateIndex
CREATE INDEX "SampleReceipt_roundId_idx" ON "SampleReceipt"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "TastingNumber_entryId_panelKey_key" ON "TastingNumber"("entryId", "panelKey");

-- CreateIndex
CREATE UNIQUE INDEX "TastingNumber_roundId_panelKey_number_key" ON "TastingNumber"("roundId", "panelKey", "number");

