-- CreateTable
CREATE TABLE "RoundGroup" (
    "roundId" TEXT NOT NULL,
    "group" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "group"),
    CONSTRAINT "RoundGroup_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelGroup" (
    "panelId" TEXT NOT NULL,
    "group" TEXT NOT NULL,

    PRIMARY KEY ("panelId", "group"),
    CONSTRAINT "PanelGroup_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "Panel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Hand-written (decision 049): every round and panel keeps the groups its comma-separated
-- column named ("A,B,C,D", spaces and unknown letters ignored as parseGroups did).
INSERT INTO "RoundGroup" ("roundId", "group")
SELECT r."id", g."group"
FROM "Round" r
JOIN (SELECT 'A' AS "group" UNION ALL SELECT 'B' UNION ALL SELECT 'C' UNION ALL SELECT 'D') g
  ON ',' || REPLACE(r."groups", ' ', '') || ',' LIKE '%,' || g."group" || ',%';

INSERT INTO "PanelGroup" ("panelId", "group")
SELECT p."id", g."group"
FROM "Panel" p
JOIN (SELECT 'A' AS "group" UNION ALL SELECT 'B' UNION ALL SELECT 'C' UNION ALL SELECT 'D') g
  ON ',' || REPLACE(p."groups", ' ', '') || ',' LIKE '%,' || g."group" || ',%';

-- Round."groups" stays, deprecated and unused, since dropping it would rebuild Round, which has
-- triggers (register_version_triggers). Panel has none, so its column goes.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Panel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Panel_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Panel" ("createdAt", "id", "name", "roundId", "updatedAt") SELECT "createdAt", "id", "name", "roundId", "updatedAt" FROM "Panel";
DROP TABLE "Panel";
ALTER TABLE "new_Panel" RENAME TO "Panel";
CREATE UNIQUE INDEX "Panel_roundId_name_key" ON "Panel"("roundId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

