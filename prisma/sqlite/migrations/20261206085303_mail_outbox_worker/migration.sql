-- The mail outbox gets a worker (docs/decisions/020-mail-outbox-worker.md). SQLite has no enum
-- type: MailStatus stays TEXT (as Prisma stores every enum on SQLite) with the same default.
-- ADD/RENAME COLUMN instead of redefining the table, so existing rows keep status and error text.
ALTER TABLE "MailMessage" RENAME COLUMN "error" TO "lastError";
ALTER TABLE "MailMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MailMessage" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "MailMessage" ADD COLUMN "lastAttemptAt" DATETIME;
ALTER TABLE "MailMessage" ADD COLUMN "lockedBy" TEXT;
ALTER TABLE "MailMessage" ADD COLUMN "lockedUntil" DATETIME;

CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");
