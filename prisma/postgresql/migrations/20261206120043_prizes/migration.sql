-- CreateEnum
CREATE TYPE "PrizeTier" AS ENUM ('A', 'B', 'C', 'ENCOURAGEMENT');

-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "awardsPrizes" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "prizeQuotaA" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prizeQuotaB" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prizeQuotaC" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prizeQuotaEncouragement" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "EntryOutcome" ADD COLUMN     "prize" "PrizeTier",
ADD COLUMN     "prizeVotedAt" TIMESTAMP(3),
ADD COLUMN     "prizeVotedById" TEXT,
ADD COLUMN     "prizeVotesAbstain" INTEGER,
ADD COLUMN     "prizeVotesAgainst" INTEGER,
ADD COLUMN     "prizeVotesFor" INTEGER;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "prize" "PrizeTier";

-- CreateIndex
CREATE INDEX "Certificate_prize_idx" ON "Certificate"("prize");

