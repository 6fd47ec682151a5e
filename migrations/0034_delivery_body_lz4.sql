-- Delivery bodies are JSON of a few KB to 25 MB, always over the 2 KB TOAST threshold, so PostgreSQL compresses every
-- one as it is stored. Its default (pglz) was the largest single cost of an insert in the ingest benchmark's profile;
-- lz4 compresses JSON about as well at several times the speed (PostgreSQL 14+, when built with lz4 as Debian's and the
-- managed services' are). Only new rows are written with it; older rows stay readable as they are. A server without lz4
-- keeps pglz: the notice says so, and nothing else changes.
DO $$
BEGIN
    ALTER TABLE deliveries ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server; delivery bodies stay compressed with pglz';
END $$;
