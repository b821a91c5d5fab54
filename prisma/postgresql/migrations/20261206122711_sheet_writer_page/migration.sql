-- AlterTable
ALTER TABLE "ScoreSheet" ADD COLUMN     "writerPage" TEXT,
ADD COLUMN     "writerSeq" INTEGER;

