-- Full-text search of the public register (docs/decisions/012): an FTS5 index of trigrams of
-- Certificate.searchText (already lower-case and without diacritics), so "every word is a
-- substring" (LIKE '%word%', the register's search) is answered from the index instead of by
-- reading every certificate. Hand-written: Prisma's schema cannot express virtual tables.
-- The certificate's id is stored beside the text (UNINDEXED) rather than using Certificate's
-- rowid, which VACUUM may renumber for a table whose key is not an INTEGER PRIMARY KEY.
-- Kept in step by triggers, in the same transaction as the certificate's write.
CREATE VIRTUAL TABLE "CertificateSearch" USING fts5("certificateId" UNINDEXED, "searchText", tokenize = 'trigram');

INSERT INTO "CertificateSearch" ("certificateId", "searchText") SELECT "id", "searchText" FROM "Certificate";

CREATE TRIGGER "CertificateSearch_insert" AFTER INSERT ON "Certificate"
BEGIN
  INSERT INTO "CertificateSearch" ("certificateId", "searchText") VALUES (NEW."id", NEW."searchText");
END;

CREATE TRIGGER "CertificateSearch_update" AFTER UPDATE OF "id", "searchText" ON "Certificate"
BEGIN
  DELETE FROM "CertificateSearch" WHERE "certificateId" = OLD."id";
  INSERT INTO "CertificateSearch" ("certificateId", "searchText") VALUES (NEW."id", NEW."searchText");
END;

CREATE TRIGGER "CertificateSearch_delete" AFTER DELETE ON "Certificate"
BEGIN
  DELETE FROM "CertificateSearch" WHERE "certificateId" = OLD."id";
END;
