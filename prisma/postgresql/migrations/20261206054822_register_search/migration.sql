-- Full-text search of the public register (docs/decisions/012): a pg_trgm GIN index on
-- Certificate.searchText (already lower-case and without diacritics). PostgreSQL uses it for the
-- register's "every word is a substring" search (LIKE '%word%', what Prisma's `contains` sends),
-- so the query and its results stay as they were. Hand-written: the index's operator class and
-- the extension are PostgreSQL-only, and the schema is shared with SQLite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Certificate_searchText_trgm_idx" ON "Certificate" USING GIN ("searchText" gin_trgm_ops);
