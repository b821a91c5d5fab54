-- CreateTable
CREATE TABLE "RoundGroup" (
    "roundId" TEXT NOT NULL,
    "group" "ProductGroup" NOT NULL,

    CONSTRAINT "RoundGroup_pkey" PRIMARY KEY ("roundId","group")
);

-- CreateTable
CREATE TABLE "PanelGroup" (
    "panelId" TEXT NOT NULL,
    "group" "ProductGroup" NOT NULL,

    CONSTRAINT "PanelGroup_pkey" PRIMARY KEY ("panelId","group")
);

-- AddForeignKey
ALTER TABLE "RoundGroup" ADD CONSTRAINT "RoundGroup_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelGroup" ADD CONSTRAINT "PanelGroup_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "Panel"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (decision 049): every round and panel keeps the groups its comma-separated
-- column named ("A,B,C,D", spaces and unknown letters ignored as parseGroups did).
INSERT INTO "RoundGroup" ("roundId", "group")
SELECT r."id", CAST(g."group" AS "ProductGroup")
FROM "Round" r
JOIN (SELECT 'A' AS "group" UNION ALL SELECT 'B' UNION ALL SELECT 'C' UNION ALL SELECT 'D') g
  ON ',' || REPLACE(r."groups", ' ', '') || ',' LIKE '%,' || g."group" || ',%';

INSERT INTO "PanelGroup" ("panelId", "group")
SELECT p."id", CAST(g."group" AS "ProductGroup")
FROM "Panel" p
JOIN (SELECT 'A' AS "group" UNION ALL SELECT 'B' UNION ALL SELECT 'C' UNION ALL SELECT 'D') g
  ON ',' || REPLACE(p."groups", ' ', '') || ',' LIKE '%,' || g."group" || ',%';

-- Round."groups" stays, deprecated and unused (the SQLite twin of this migration would have to
-- rebuild Round, which has triggers there). Panel's column goes once its groups are moved.
-- AlterTable
ALTER TABLE "Panel" DROP COLUMN "groups";
