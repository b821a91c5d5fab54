-- DropIndex
DROP INDEX "Entry_roundId_entryCode_key";

-- CreateTable
CREATE TABLE "RoundMember" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoundMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntryCodeCounter" (
    "id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "group" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EntryCodeCounter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoundMember_provinceId_idx" ON "RoundMember"("provinceId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundMember_roundId_provinceId_key" ON "RoundMember"("roundId", "provinceId");

-- CreateIndex
CREATE UNIQUE INDEX "EntryCodeCounter_level_jurisdiction_year_group_key" ON "EntryCodeCounter"("level", "jurisdiction", "year", "group");

-- Entry codes become unique across all rounds of a jurisdiction (decision 025). Codes that two rounds
-- share (the supplementary Bắc Ninh 2026 round repeated A-001, A-002, …) are
-- renumbered before the unique index is built: in each sequence (the code without its number),
-- the round that opened first keeps the code, and the duplicates of later rounds get the numbers after
-- the highest of the sequence, in order of the opening of their round, then of acceptance.
WITH "coded" AS (
  SELECT e."id",
         rtrim(e."entryCode", '0123456789') AS "seq",
         CAST(substr(e."entryCode", length(rtrim(e."entryCode", '0123456789')) + 1) AS INTEGER) AS "num",
         ROW_NUMBER() OVER (PARTITION BY e."entryCode" ORDER BY r."entriesOpenAt", r."createdAt", r."id") AS "holder",
         r."entriesOpenAt" AS "opened", r."createdAt" AS "roundCreated", r."id" AS "roundId", e."decidedAt" AS "decided"
  FROM "Entry" e JOIN "Round" r ON r."id" = e."roundId"
  WHERE e."entryCode" IS NOT NULL AND rtrim(e."entryCode", '0123456789') <> e."entryCode"
),
"tops" AS (SELECT "seq", MAX("num") AS "top" FROM "coded" GROUP BY "seq"),
"moved" AS (
  SELECT c."id", c."seq",
         t."top" + ROW_NUMBER() OVER (PARTITION BY c."seq" ORDER BY c."opened", c."roundCreated", c."roundId", c."decided", c."id") AS "num"
  FROM "coded" c JOIN "tops" t ON t."seq" = c."seq"
  WHERE c."holder" > 1
)
UPDATE "Entry" SET "entryCode" = (SELECT m."seq" || CASE WHEN m."num" < 1000 THEN lpad(m."num"::text, 3, '0') ELSE m."num"::text END FROM "moved" m WHERE m."id" = "Entry"."id")
WHERE "id" IN (SELECT "id" FROM "moved");

-- Regional rounds keep their own member provinces (decision 025). Existing ones get the current
-- provinces of their region as the map has them now.
INSERT INTO "RoundMember" ("id", "roundId", "provinceId", "createdAt", "updatedAt")
SELECT 'rm_' || md5(r."id" || p."id"), r."id", p."id", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Round" r JOIN "Province" p ON p."regionId" = r."regionId" AND p."validTo" IS NULL
WHERE r."level" = 'REGION';

-- CreateIndex
CREATE UNIQUE INDEX "Entry_entryCode_key" ON "Entry"("entryCode");

-- AddForeignKey
ALTER TABLE "RoundMember" ADD CONSTRAINT "RoundMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundMember" ADD CONSTRAINT "RoundMember_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

