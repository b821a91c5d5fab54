-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "businessLines" TEXT,
ADD COLUMN     "exportShare" DOUBLE PRECISION,
ADD COLUMN     "revenue" DOUBLE PRECISION,
ADD COLUMN     "revenueYear" INTEGER,
ADD COLUMN     "workforce" INTEGER;

