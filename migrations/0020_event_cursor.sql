-- The event feed's position: the id of the transaction that inserted the row, then the row's id.
-- Ids come from a sequence and are taken when a row is inserted, not when its transaction commits, so a reader
-- following ids alone could pass a lower id that commits later and never see it. Transaction ids (xid8: 64-bit,
-- never wrap, unchanged by restarts) let the reader stop below the oldest transaction still running: everything
-- below that horizon is final, everything that can still appear lands at or above it. See Events/EventFeed.cs.
-- pg_current_xact_id() is stable, so existing rows take this migration's own transaction id without a table
-- rewrite; they share one tx and are ordered among themselves by id.
ALTER TABLE events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();

-- A page read walks one of these in (tx, id) order from the cursor and stops after `limit` rows.
CREATE INDEX ix_events_feed ON events (tenant_id, tx, id);
-- The filters: equality columns first, then the feed's order, so a filtered page is one index range too.
CREATE INDEX ix_events_feed_repository ON events (tenant_id, repository_id, tx, id);
CREATE INDEX ix_events_feed_kind ON events (tenant_id, kind, tx, id);
-- The mention filter: few events mention anyone, so index only those and test the handle on each of them.
CREATE INDEX ix_events_feed_mentions ON events (tenant_id, tx, id) WHERE cardinality(mentions) > 0;
