-- Retention deletes the oldest handled deliveries and events in small batches (RetentionSweep). These indexes let each
-- batch find its rows without scanning the table. Both columns only grow, so each insert touches the index's last page.
CREATE INDEX ix_deliveries_received_at ON deliveries (received_at);
CREATE INDEX ix_events_recorded_at ON events (recorded_at);
