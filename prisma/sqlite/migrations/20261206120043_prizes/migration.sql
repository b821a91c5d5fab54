-- AlterTable
ALTER TABLE "EntryOutcome" ADD COLUMN "prize" TEXT;
ALTER TABLE "EntryOutcome" ADD COLUMN "prizeVotedAt" DATETIME;
ALTER TABLE "EntryOutcome" ADD COLUMN "prizeVotedById" TEXT;
ALTER TABLE "EntryOutcome" ADD COLUMN "prizeVotesAbstain" INTEGER;
ALTER TABLE "EntryOutcome" ADD COLUMN "prizeVotesAgainst" INTEGER;
ALTER TABLE "EntryOutcome" ADD COLUMN "prizeVotesFor" INTEGER;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "prize" TEXT;

-- AlterTable (columns added in place: redefining "Round" would drop the triggers on it)
ALTER TABLE "Round" ADD COLUMN "awardsPrizes" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Round" ADD COLUMN "prizeQuotaA" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Round" ADD COLUMN "prizeQuotaB" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Round" ADD COLUMN "prizeQuotaC" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Round" ADD COLUMN "prizeQuotaEncouragement" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Certificate_prize_idx" ON "Certificate"("prize");

