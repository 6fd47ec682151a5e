-- How a connection is kept in step: 'hybrid' (webhooks and the 60-second poll, the default), 'webhooks' (hooks only, no
-- poll) or 'poll' (the poll only: no hook is registered, and the hub's hooks are removed).
ALTER TABLE connections ADD COLUMN sync_mode text NOT NULL DEFAULT 'hybrid'
    CONSTRAINT connections_sync_mode_check CHECK (sync_mode IN ('hybrid', 'webhooks', 'poll'));
