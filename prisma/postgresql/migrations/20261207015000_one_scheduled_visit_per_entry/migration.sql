-- At most one SCHEDULED visit per entry (decision 039), held by the database: two organisers
-- scheduling the same entry at the same instant could both pass the check in the transaction.
-- A partial unique index, which the Prisma schema cannot describe (scripts/prisma-sync.js RAW_INDEXES).
-- Should a race have left two pending visits of one entry, every one but the latest is cancelled
-- first, with its reason, so the index can be built. Nothing is deleted.
UPDATE "SiteVisit"
SET "status" = 'CANCELLED',
    "cancelledAt" = CURRENT_TIMESTAMP,
    "cancelReason" = 'Hủy tự động: trùng với một buổi thăm khác đang chờ của cùng sản phẩm.',
    "sequence" = "sequence" + 1
WHERE "status" = 'SCHEDULED'
  AND EXISTS (
    SELECT 1 FROM "SiteVisit" AS later
    WHERE later."entryId" = "SiteVisit"."entryId"
      AND later."status" = 'SCHEDULED'
      AND (later."createdAt" > "SiteVisit"."createdAt"
        OR (later."createdAt" = "SiteVisit"."createdAt" AND later."id" > "SiteVisit"."id"))
  );

CREATE UNIQUE INDEX "SiteVisit_one_scheduled_per_entry" ON "SiteVisit"("entryId") WHERE "status" = 'SCHEDULED';
