-- AlterTable
ALTER TABLE "ScoreSheet" ADD COLUMN "writerPage" TEXT;
ALTER TABLE "ScoreSheet" ADD COLUMN "writerSeq" INTEGER;

