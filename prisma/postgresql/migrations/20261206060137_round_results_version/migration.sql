-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "resultsVersion" INTEGER NOT NULL DEFAULT 0;

