-- Outbound deliveries given up after their last attempt, counted by the ihub.outbound.failed gauge on every node every
-- Hub:Telemetry:StateCacheSeconds (Telemetry/HubStateQuery.cs). Failed rows are few and stay until their event's
-- retention; without this the count would scan the whole table, delivered rows and all.
CREATE INDEX ix_outbound_deliveries_failed ON outbound_deliveries (id) WHERE status = 'failed';
