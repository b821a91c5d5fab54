-- CreateEnum
CREATE TYPE "SampleCondition" AS ENUM ('GOOD', 'DAMAGED', 'SPOILED', 'INCOMPLETE');

-- CreateEnum
CREATE TYPE "SampleEnd" AS ENUM ('RETURNED', 'DISPOSED');

-- CreateTable
CREATE TABLE "RoundSampleSettings" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "unitsPerEntry" INTEGER NOT NULL DEFAULT 1,
    "receivingPlace" TEXT,
    "deadline" TIMESTAMP(3),
    "tastingDrawnAt" TIMESTAMP(3),
    "tastingDrawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoundSampleSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleReceipt" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "units" INTEGER NOT NULL,
    "condition" "SampleCondition" NOT NULL,
    "storage" TEXT NOT NULL,
    "note" TEXT,
    "receivedById" TEXT NOT NULL,
    "endAction" "SampleEnd",
    "endedAt" TIMESTAMP(3),
    "endNote" TEXT,
    "endedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SampleReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TastingNumber" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "panelKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TastingNumber_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "RoundSampleSettings" ADD CONSTRAINT "RoundSampleSettings_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleReceipt" ADD CONSTRAINT "SampleReceipt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleReceipt" ADD CONSTRAINT "SampleReceipt_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TastingNumber" ADD CONSTRAINT "TastingNumber_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TastingNumber" ADD CONSTRAINT "TastingNumber_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

