-- Hooks created per connection (= per token) in the last hour, so hook registration on every node together stays under
-- the provider's content-creation limit (GitHub: 80 a minute, 500 an hour). One row per creation; a node takes a slot
-- under a per-connection advisory lock and deletes rows older than an hour as it goes (ProviderAccess/HookCreationPace.cs).
CREATE TABLE hook_creations (
    connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
CREATE INDEX hook_creations_connection_time ON hook_creations (connection_id, created_at);
