-- DropIndex
DROP INDEX "SiteVisit_entryId_key";

-- AlterTable
ALTER TABLE "SiteVisit" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'SCHEDULED';

-- CreateTable
CREATE TABLE "OverdueConfirmation" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "flaggedAt" TIMESTAMP(3) NOT NULL,
    "notifiedAt" TIMESTAMP(3),
    "notifyRun" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OverdueConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OverdueConfirmation_closedAt_flaggedAt_idx" ON "OverdueConfirmation"("closedAt", "flaggedAt");

-- CreateIndex
CREATE INDEX "OverdueConfirmation_notifiedAt_idx" ON "OverdueConfirmation"("notifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OverdueConfirmation_certificateId_period_key" ON "OverdueConfirmation"("certificateId", "period");

-- CreateIndex
CREATE INDEX "SiteVisit_entryId_scheduledAt_idx" ON "SiteVisit"("entryId", "scheduledAt");

-- AddForeignKey
ALTER TABLE "OverdueConfirmation" ADD CONSTRAINT "OverdueConfirmation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Existing visits that have a report are DONE (the rest stay SCHEDULED)
UPDATE "SiteVisit" SET "status" = 'DONE' WHERE "reportedAt" IS NOT NULL;
