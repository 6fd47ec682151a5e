-- The Repositories list pages one connection's repositories (10,000 and more) in SQL. Without these, a page by name read
-- the tenant's path index and dropped the other connections' rows, and the hooks and poll rows it joins were found by
-- scanning both tables (every tenant's rows). With them a first page by name is a walk of 50 index entries, and a
-- filter or another sort reads one connection's rows by index. Last delivery gets no index on purpose: hooks.last_delivery_at
-- is written by every delivery (the ingest hot path), and sorting one connection's rows by it is a top-N sort in memory.
CREATE INDEX ix_repositories_connection_path ON repositories (connection_id, full_path, id);
CREATE INDEX ix_poll_state_connection ON poll_state (connection_id);
