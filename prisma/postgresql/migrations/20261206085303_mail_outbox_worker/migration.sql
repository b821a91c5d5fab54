-- The mail outbox gets a worker (docs/decisions/020-mail-outbox-worker.md): status becomes an
-- enum, retries and leases get columns. Hand-written so existing rows keep their status and
-- their error text (Prisma's diff would drop and re-add both columns).

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('STORED', 'QUEUED', 'SENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "MailMessage" RENAME COLUMN "error" TO "lastError";
ALTER TABLE "MailMessage" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "MailMessage" ALTER COLUMN "status" TYPE "MailStatus" USING "status"::"MailStatus";
ALTER TABLE "MailMessage" ALTER COLUMN "status" SET DEFAULT 'STORED';
ALTER TABLE "MailMessage"
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");
