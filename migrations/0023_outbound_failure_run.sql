-- Outbound webhooks after review (issue 11).
--
-- last_failure_at: the latest failure of a subscription's current failure run (written at most once a minute). Failures
-- further apart than the retry schedule's longest gap (10 h) start a new run, so a subscription is disabled only after
-- failing without a break for the whole window. Existing runs start again at their next failure (null here).
ALTER TABLE subscriptions ADD COLUMN last_failure_at timestamptz;

-- Foreign keys whose parent rows are deleted: the retention sweep deletes events (cascading to their deliveries), and a
-- deleted tenant cascades to both tables. Without these indexes each parent delete scans the child table.
CREATE INDEX ix_outbound_deliveries_event ON outbound_deliveries (event_id);
CREATE INDEX ix_outbound_deliveries_tenant ON outbound_deliveries (tenant_id);
CREATE INDEX ix_outbound_attempts_tenant ON outbound_attempts (tenant_id);
