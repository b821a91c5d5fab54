-- Complaint.status becomes an enum like the other statuses. The column is converted in place, so
-- every complaint keeps its status (the app only ever wrote OPEN, UPHELD and DISMISSED), and the
-- index on (roundId, status) is rebuilt by PostgreSQL with the column.

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('OPEN', 'UPHELD', 'DISMISSED');

-- AlterTable
ALTER TABLE "Complaint" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Complaint" ALTER COLUMN "status" TYPE "ComplaintStatus" USING ("status"::"ComplaintStatus");
ALTER TABLE "Complaint" ALTER COLUMN "status" SET DEFAULT 'OPEN';
