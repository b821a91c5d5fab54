-- AlterTable
ALTER TABLE "Round" ADD COLUMN "complaintsUntil" DATETIME;

-- CreateTable
CREATE TABLE "RecognitionDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "authority" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "documentSource" TEXT,
    "documentStorage" TEXT,
    "documentKey" TEXT,
    "documentName" TEXT,
    "documentSha256" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RecognitionDecision_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serial" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "provinceId" TEXT,
    "regionId" TEXT,
    "level" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "productName" TEXT NOT NULL,
    "productGroup" TEXT NOT NULL,
    "establishmentName" TEXT NOT NULL,
    "establishmentAddress" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "revokedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certificate_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "RecognitionDecision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certificate_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "lodgedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "decision" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "newScore" REAL,
    "newRecognised" BOOLEAN,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Complaint_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Complaint_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Complaint_lodgedById_fkey" FOREIGN KEY ("lodgedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Entry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "entryCode" TEXT,
    "receiptNumber" TEXT,
    "searchText" TEXT NOT NULL,
    "commune" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "registeredById" TEXT,
    "nominatedFromId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Entry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Entry_nominatedFromId_fkey" FOREIGN KEY ("nominatedFromId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Entry" ("commune", "createdAt", "decidedAt", "entryCode", "establishmentId", "group", "id", "onBehalf", "productId", "receiptNumber", "registeredById", "roundId", "searchText", "status", "submittedAt", "updatedAt", "version") SELECT "commune", "createdAt", "decidedAt", "entryCode", "establishmentId", "group", "id", "onBehalf", "productId", "receiptNumber", "registeredById", "roundId", "searchText", "status", "submittedAt", "updatedAt", "version" FROM "Entry";
DROP TABLE "Entry";
ALTER TABLE "new_Entry" RENAME TO "Entry";
CREATE UNIQUE INDEX "Entry_receiptNumber_key" ON "Entry"("receiptNumber");
CREATE INDEX "Entry_roundId_status_idx" ON "Entry"("roundId", "status");
CREATE INDEX "Entry_roundId_group_idx" ON "Entry"("roundId", "group");
CREATE INDEX "Entry_establishmentId_idx" ON "Entry"("establishmentId");
CREATE INDEX "Entry_nominatedFromId_idx" ON "Entry"("nominatedFromId");
CREATE UNIQUE INDEX "Entry_roundId_productId_key" ON "Entry"("roundId", "productId");
CREATE UNIQUE INDEX "Entry_roundId_entryCode_key" ON "Entry"("roundId", "entryCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RecognitionDecision_roundId_key" ON "RecognitionDecision"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_entryId_key" ON "Certificate"("entryId");

-- CreateIndex
CREATE INDEX "Certificate_level_year_idx" ON "Certificate"("level", "year");

-- CreateIndex
CREATE INDEX "Certificate_provinceId_idx" ON "Certificate"("provinceId");

-- CreateIndex
CREATE INDEX "Certificate_regionId_idx" ON "Certificate"("regionId");

-- CreateIndex
CREATE INDEX "Certificate_productId_idx" ON "Certificate"("productId");

-- CreateIndex
CREATE INDEX "Certificate_roundId_idx" ON "Certificate"("roundId");

-- CreateIndex
CREATE INDEX "Certificate_validUntil_idx" ON "Certificate"("validUntil");

-- CreateIndex
CREATE INDEX "Certificate_productGroup_idx" ON "Certificate"("productGroup");

-- CreateIndex
CREATE INDEX "Complaint_roundId_status_idx" ON "Complaint"("roundId", "status");

-- CreateIndex
CREATE INDEX "Complaint_entryId_idx" ON "Complaint"("entryId");

