-- AlterTable
ALTER TABLE "ScoreSheet" ADD COLUMN "criterion1" REAL;
ALTER TABLE "ScoreSheet" ADD COLUMN "criterion2" REAL;
ALTER TABLE "ScoreSheet" ADD COLUMN "criterion3" REAL;
ALTER TABLE "ScoreSheet" ADD COLUMN "criterion4" REAL;
ALTER TABLE "ScoreSheet" ADD COLUMN "total" REAL;


-- Hand-written (decision 053): the submitted sheets already stored get their totals, added up as
-- scoring.ts#sheetTotals does: for each criterion the items of the entry's group, or the shared
-- items (group null) when the group has none of that criterion, each counting its number in the
-- sheet's scores (keyed by item code) and 0 when it is absent or not a number. Only sheets whose
-- numbers are all half points (sums exact in floating point, in any order) of criteria 1 to 4
-- are filled: the others stay null and the results add up their scores as before.
CREATE TEMP TABLE "SheetItemValue" AS
SELECT s."id" AS "sheetId", i."criterion" AS "criterion",
  CASE WHEN json_type(s."scores", '$."' || i."code" || '"') IN ('integer', 'real')
    THEN json_extract(s."scores", '$."' || i."code" || '"') ELSE 0 END AS "value"
FROM "ScoreSheet" s
JOIN "Entry" e ON e."id" = s."entryId"
JOIN "RubricItem" i ON i."rubricId" = s."rubricId"
WHERE s."status" = 'SUBMITTED' AND json_valid(s."scores") AND json_type(s."scores") = 'object'
  AND (i."group" = e."group" OR (i."group" IS NULL AND NOT EXISTS (
    SELECT 1 FROM "RubricItem" g WHERE g."rubricId" = i."rubricId" AND g."criterion" = i."criterion" AND g."group" = e."group")));

CREATE TEMP TABLE "SheetTotal" AS
SELECT "sheetId",
  SUM(CASE WHEN "criterion" = 1 THEN "value" END) AS "criterion1",
  SUM(CASE WHEN "criterion" = 2 THEN "value" END) AS "criterion2",
  SUM(CASE WHEN "criterion" = 3 THEN "value" END) AS "criterion3",
  SUM(CASE WHEN "criterion" = 4 THEN "value" END) AS "criterion4",
  SUM("value") AS "total"
FROM "SheetItemValue"
GROUP BY "sheetId"
HAVING MIN("criterion") >= 1 AND MAX("criterion") <= 4
  AND SUM(CASE WHEN "value" * 2 = ROUND("value" * 2) AND ABS("value") < 1000000 THEN 0 ELSE 1 END) = 0;

UPDATE "ScoreSheet" SET "criterion1" = t."criterion1", "criterion2" = t."criterion2", "criterion3" = t."criterion3",
  "criterion4" = t."criterion4", "total" = t."total"
FROM "SheetTotal" t WHERE t."sheetId" = "ScoreSheet"."id";

DROP TABLE "SheetTotal";
DROP TABLE "SheetItemValue";
