-- Every index on events is paid by every stored delivery and poll result (the ingest hot path). The kind filter of the
-- feed does not need its own: kinds are few and common, so a page walks ix_events_feed and filters on the way; the
-- repository and mention indexes stay, because those filters can be rare within a tenant.
DROP INDEX IF EXISTS ix_events_feed_kind;
