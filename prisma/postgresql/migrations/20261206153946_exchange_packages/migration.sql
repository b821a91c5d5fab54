-- CreateTable
CREATE TABLE "ExchangeSourceRound" (
    "id" TEXT NOT NULL,
    "senderDid" TEXT NOT NULL,
    "sourceRoundId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeSourceRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangePackage" (
    "id" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "manifestSha256" TEXT NOT NULL,
    "senderDid" TEXT NOT NULL,
    "senderKid" TEXT NOT NULL,
    "targetRoundId" TEXT NOT NULL,
    "importedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangePackage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeNomination" (
    "id" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeNomination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeSourceRound_roundId_key" ON "ExchangeSourceRound"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeSourceRound_senderDid_sourceRoundId_key" ON "ExchangeSourceRound"("senderDid", "sourceRoundId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangePackage_packageId_key" ON "ExchangePackage"("packageId");

-- CreateIndex
CREATE INDEX "ExchangePackage_targetRoundId_idx" ON "ExchangePackage"("targetRoundId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeNomination_entryId_key" ON "ExchangeNomination"("entryId");

-- CreateIndex
CREATE INDEX "ExchangeNomination_packageId_idx" ON "ExchangeNomination"("packageId");

-- CreateIndex
CREATE INDEX "ExchangeNomination_certificateId_idx" ON "ExchangeNomination"("certificateId");

-- AddForeignKey
ALTER TABLE "ExchangeNomination" ADD CONSTRAINT "ExchangeNomination_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ExchangePackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

