-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "establishmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "isSet" BOOLEAN NOT NULL DEFAULT false,
    "setItems" TEXT,
    "description" TEXT NOT NULL,
    "rawMaterials" TEXT,
    "process" TEXT,
    "annualCapacity" TEXT,
    "markets" TEXT,
    "qualityCerts" TEXT,
    "foodSafetyCert" TEXT,
    "trademark" TEXT,
    "ocopStars" INTEGER,
    "ocopCertNumber" TEXT,
    "awards" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uploadedById" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "productId" TEXT,
    "kind" TEXT NOT NULL,
    "angle" TEXT,
    "storage" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT,
    "originalName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "hiddenFromJudges" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Round" (
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
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Round_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundQuota" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "quota" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RoundQuota_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundQuota_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Entry" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Entry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Entry_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EntryVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EntryVersion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EntryVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EntryEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EntryEvent_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EntryEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Product_establishmentId_idx" ON "Product"("establishmentId");

-- CreateIndex
CREATE INDEX "Product_searchName_idx" ON "Product"("searchName");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_storageKey_key" ON "StoredFile"("storageKey");

-- CreateIndex
CREATE INDEX "StoredFile_establishmentId_idx" ON "StoredFile"("establishmentId");

-- CreateIndex
CREATE INDEX "StoredFile_productId_idx" ON "StoredFile"("productId");

-- CreateIndex
CREATE INDEX "Round_level_status_idx" ON "Round"("level", "status");

-- CreateIndex
CREATE INDEX "Round_provinceId_status_idx" ON "Round"("provinceId", "status");

-- CreateIndex
CREATE INDEX "Round_regionId_status_idx" ON "Round"("regionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RoundQuota_roundId_provinceId_key" ON "RoundQuota"("roundId", "provinceId");

-- CreateIndex
CREATE UNIQUE INDEX "Entry_receiptNumber_key" ON "Entry"("receiptNumber");

-- CreateIndex
CREATE INDEX "Entry_roundId_status_idx" ON "Entry"("roundId", "status");

-- CreateIndex
CREATE INDEX "Entry_roundId_group_idx" ON "Entry"("roundId", "group");

-- CreateIndex
CREATE INDEX "Entry_establishmentId_idx" ON "Entry"("establishmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Entry_roundId_productId_key" ON "Entry"("roundId", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "Entry_roundId_entryCode_key" ON "Entry"("roundId", "entryCode");

-- CreateIndex
CREATE UNIQUE INDEX "EntryVersion_entryId_version_key" ON "EntryVersion"("entryId", "version");

-- CreateIndex
CREATE INDEX "EntryEvent_entryId_createdAt_idx" ON "EntryEvent"("entryId", "createdAt");

