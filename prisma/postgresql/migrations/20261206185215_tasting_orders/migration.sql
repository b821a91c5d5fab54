-- CreateTable
CREATE TABLE "TastingOrder" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "juryMemberId" TEXT NOT NULL,
    "panelKey" TEXT NOT NULL,
    "designRow" INTEGER NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "drawnById" TEXT,

    CONSTRAINT "TastingOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TastingSlot" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "TastingSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TastingOrder_juryMemberId_key" ON "TastingOrder"("juryMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "TastingOrder_roundId_panelKey_designRow_key" ON "TastingOrder"("roundId", "panelKey", "designRow");

-- CreateIndex
CREATE INDEX "TastingSlot_entryId_idx" ON "TastingSlot"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "TastingSlot_orderId_position_key" ON "TastingSlot"("orderId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "TastingSlot_orderId_entryId_key" ON "TastingSlot"("orderId", "entryId");

-- AddForeignKey
ALTER TABLE "TastingOrder" ADD CONSTRAINT "TastingOrder_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TastingOrder" ADD CONSTRAINT "TastingOrder_juryMemberId_fkey" FOREIGN KEY ("juryMemberId") REFERENCES "JuryMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TastingSlot" ADD CONSTRAINT "TastingSlot_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "TastingOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TastingSlot" ADD CONSTRAINT "TastingSlot_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

