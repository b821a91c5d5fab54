-- AlterTable
ALTER TABLE "Product" ADD COLUMN "businessLines" TEXT;
ALTER TABLE "Product" ADD COLUMN "exportShare" REAL;
ALTER TABLE "Product" ADD COLUMN "revenue" REAL;
ALTER TABLE "Product" ADD COLUMN "revenueYear" INTEGER;
ALTER TABLE "Product" ADD COLUMN "workforce" INTEGER;

