-- CreateTable
CREATE TABLE "RoundDocument" (
    "roundId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "kind"),
    CONSTRAINT "RoundDocument_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- Hand-written (decision 052): every round keeps the optional documents its comma-separated
-- column named (spaces ignored, any case, unknown kinds dropped, as parseDocuments read it).
-- PHOTO and BUSINESS_REGISTRATION are always required and not stored, OTHER is never required.
-- Round."requiredDocuments" stays, deprecated and unused: dropping it would rebuild Round, which
-- has triggers (register_version_triggers).
INSERT INTO "RoundDocument" ("roundId", "kind")
SELECT r."id", k."kind"
FROM "Round" r
JOIN (SELECT 'REGISTRATION_FORM' AS "kind" UNION ALL SELECT 'DESCRIPTION_FORM' UNION ALL SELECT 'QUALITY_CERT' UNION ALL SELECT 'FOOD_SAFETY_CERT' UNION ALL SELECT 'TRADEMARK' UNION ALL SELECT 'OCOP_CERT' UNION ALL SELECT 'AWARD') k
  ON instr(',' || REPLACE(UPPER(r."requiredDocuments"), ' ', '') || ',', ',' || k."kind" || ',') > 0;
