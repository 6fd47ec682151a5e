-- The 60-second safety net: when each watched repository is next due, what the last look found, and where each
-- stream's cursor stands (a cursor only advances after the events it covered are stored).
CREATE TABLE poll_state (
    repository_id           uuid PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    tenant_id               uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    connection_id           uuid NOT NULL,
    next_poll_at            timestamptz NOT NULL,
    lease_until             timestamptz,
    leased_by               text,
    last_polled_at          timestamptz,
    last_outcome            text,
    last_error              text,
    last_duration_ms        integer,
    consecutive_failures    integer NOT NULL DEFAULT 0,
    recovered_events        bigint NOT NULL DEFAULT 0,
    calls_last_cycle        integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_poll_state_due ON poll_state (next_poll_at);

CREATE TABLE poll_cursors (
    repository_id   uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    stream          text NOT NULL,
    tenant_id       uuid NOT NULL,
    cursor          text,
    etag            text,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (repository_id, stream)
);
