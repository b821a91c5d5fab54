-- AlterTable
-- Hand-written instead of Prisma's generated table redefinition (copy, DROP, RENAME): the
-- register-version triggers (20261206054821) read "Round", and SQLite refuses to drop a table
-- that triggers of other tables name. ADD COLUMN gives the same table, the column last.
ALTER TABLE "Round" ADD COLUMN "resultsVersion" INTEGER NOT NULL DEFAULT 0;
