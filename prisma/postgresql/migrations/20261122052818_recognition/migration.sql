-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "complaintsUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Entry" ADD COLUMN     "nominatedFromId" TEXT;

-- CreateTable
CREATE TABLE "RecognitionDecision" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "authority" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "documentSource" TEXT,
    "documentStorage" TEXT,
    "documentKey" TEXT,
    "documentName" TEXT,
    "documentSha256" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecognitionDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "provinceId" TEXT,
    "regionId" TEXT,
    "level" "Level" NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "productName" TEXT NOT NULL,
    "productGroup" "ProductGroup" NOT NULL,
    "establishmentName" TEXT NOT NULL,
    "establishmentAddress" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "revokedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "lodgedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "decision" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "newScore" DOUBLE PRECISION,
    "newRecognised" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Entry_nominatedFromId_idx" ON "Entry"("nominatedFromId");

-- AddForeignKey
ALTER TABLE "Entry" ADD CONSTRAINT "Entry_nominatedFromId_fkey" FOREIGN KEY ("nominatedFromId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecognitionDecision" ADD CONSTRAINT "RecognitionDecision_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "RecognitionDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_lodgedById_fkey" FOREIGN KEY ("lodgedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

